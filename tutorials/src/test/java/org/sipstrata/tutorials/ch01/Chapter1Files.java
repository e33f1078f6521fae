package org.sipstrata.tutorials.ch01;

import java.nio.file.Path;

/** Where chapter 1 finds the committed ABNF and the RFC 4475 messages (surefire sets the roots). */
final class Chapter1Files {

  private Chapter1Files() {}

  /** A file of grammar/sip/src/main/abnf, the ABNF the generated parser is built from. */
  static Path abnf(String name) {
    return Path.of(System.getProperty("strata.root", ".."), "grammar/sip/src/main/abnf", name);
  }

  /** A message of RFC 4475, byte-exact, from the shared corpus. */
  static Path rfc4475(String name) {
    return Path.of(System.getProperty("strata.shared", "../../shared"), "corpus", "rfc4475", name);
  }
}
