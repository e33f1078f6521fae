package org.sipstrata.transaction.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.Row;
import org.sipstrata.transaction.TransitionTable;

/**
 * Writes Figures 5-8 for the site: {@code <dir>/figure-<n>.svg} ({@link FigureSvg}) and {@code
 * <dir>/figure-<n>.txt} ({@link TransitionTable#text}), one pair per machine; and {@code
 * <dir>/transition-rows.tsv} ({@link #listing}), which the traceability report reads to count each
 * row as a requirement that needs a test.
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
    Files.writeString(dir.resolve(LISTING), listing(), StandardCharsets.UTF_8);
  }

  /** The name of the row listing in the output directory. */
  public static final String LISTING = "transition-rows.tsv";

  /**
   * Every row of the table, one a line: {@code id<TAB>section URL<TAB>row as text} (the form the
   * spec module's {@code TableRows} reads; the spec module cannot depend on this one).
   */
  public static String listing() {
    StringBuilder out = new StringBuilder();
    out.append("# The rows of org.sipstrata.transaction.TransitionTable: id, section, row.\n");
    for (Row row : TransitionTable.rows()) {
      out.append(row.id()).append('\t').append(row.source()).append('\t').append(row)
          .append('\n');
    }
    return out.toString();
  }
}
