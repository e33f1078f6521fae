package org.sipstrata.transaction.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.TransitionTable;

/**
 * Writes Figures 5-8 for the site: {@code <dir>/figure-<n>.svg} ({@link FigureSvg}) and {@code
 * <dir>/figure-<n>.txt} ({@link TransitionTable#text}), one pair per machine.
 *
 * <p>Usage: {@code Figures <dir>}.
 */
public final class Figures {

  private Figures() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      // Thrown, not System.exit: the site build runs this inside Maven (exec:java).
      throw new IllegalArgumentException("usage: Figures <output directory>");
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Machine machine : Machine.values()) {
      String name = "figure-" + machine.figure();
      Files.writeString(dir.resolve(name + ".svg"), FigureSvg.render(machine), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(name + ".txt"), TransitionTable.text(machine), StandardCharsets.UTF_8);
    }
  }
}
