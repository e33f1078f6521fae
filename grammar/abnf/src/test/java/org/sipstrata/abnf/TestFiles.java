package org.sipstrata.abnf;

import java.nio.file.Path;

/** Where the shared RFC texts are (surefire passes {@code strata.shared}). */
final class TestFiles {
  private TestFiles() {}

  static Path rfc(int number) {
    String shared = System.getProperty("strata.shared", "/work/shared");
    return Path.of(shared, "spec", "rfc" + number + ".txt");
  }
}
