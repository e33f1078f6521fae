package org.sipstrata.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a fixture source tree into a folder, dropping the ".fixture" suffix. The fixtures carry
 * that suffix so that the build's own citation scan, which covers src/test/**, never sees their
 * deliberately wrong citations.
 */
final class Fixtures {

  private Fixtures() {}

  static Path copy(String name, Path into) {
    try {
      Path from = Path.of(Fixtures.class.getResource("/fixtures/checker/" + name).toURI());
      List<Path> files;
      try (Stream<Path> s = Files.walk(from)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      for (Path f : files) {
        String relative = from.relativize(f).toString();
        Path target = into.resolve(relative.replaceFirst("\\.fixture$", ""));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
