package org.sipstrata.spec.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipstrata.spec.Catalog;
import org.sipstrata.spec.Finding;
import org.sipstrata.spec.Level;
import org.sipstrata.spec.RfcCoverage;
import org.sipstrata.spec.TableRows;
import org.sipstrata.spec.Totals;
import org.sipstrata.spec.Traceability;

/**
 * The build's traceability step: {@code --root <reactor root> --snapshot <file> --adoc <file>
 * [--rows <listing>]}.
 *
 * <p>Scans the citations under the root and checks them against the committed catalog. On any
 * citation error it prints every error as {@code path:line: message} to stderr and fails: {@link
 * #main} throws (so that {@code exec:java} fails the build without killing Maven). Otherwise it
 * writes the text snapshot and the AsciiDoc page and prints one summary line.
 *
 * <p>With {@code --rows}, the listing of a transition table ({@link TableRows}) is read too: each
 * row is a requirement that needs a test, and a row that no test claims is an error (so is a claim
 * of a row that is not in the listing).
 */
public final class TraceabilityMain {

  private TraceabilityMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      throw new IllegalStateException(
          "traceability check failed (status " + status + "); the problems are listed above");
    }
  }

  /** Runs the step; 0 on success, 1 on citation errors, 2 on bad arguments or I/O failure. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path root = null;
    Path snapshot = null;
    Path adoc = null;
    Path rowsListing = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--root" -> root = value == null ? null : Path.of(value);
        case "--snapshot" -> snapshot = value == null ? null : Path.of(value);
        case "--adoc" -> adoc = value == null ? null : Path.of(value);
        case "--rows" -> rowsListing = value == null ? null : Path.of(value);
        default -> {
          err.println("unknown argument: " + args[i]);
          return usage(err);
        }
      }
      i++;
    }
    if (root == null || snapshot == null || adoc == null) {
      return usage(err);
    }
    if (!Files.isDirectory(root)) {
      err.println("not a directory: " + root);
      return 2;
    }
    Traceability t = Traceability.scan(root, Catalog.load());
    for (Finding f : t.findings()) {
      err.println(f);
    }
    if (!t.errors().isEmpty()) {
      err.println("traceability: " + t.errors().size() + " citation error(s)");
      return 1;
    }
    List<TableRows.RowCoverage> rows = List.of();
    if (rowsListing != null) {
      List<TableRows.TableRow> table;
      try {
        table =
            TableRows.parse(
                rowsListing.toString(), Files.readString(rowsListing, StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        err.println("cannot read the row listing: " + e.getMessage());
        return 2;
      }
      List<Finding> rowErrors = TableRows.check(table, t, rowsListing.toString());
      for (Finding f : rowErrors) {
        err.println(f);
      }
      if (!rowErrors.isEmpty()) {
        err.println("traceability: " + rowErrors.size() + " transition-table row error(s)");
        return 1;
      }
      rows = TableRows.coverage(table, t);
    }
    List<RfcCoverage> rfcs = new ArrayList<>();
    for (int rfc : t.reportedRfcs(Traceability.CORE_RFCS)) {
      rfcs.add(t.coverage(rfc).orElseThrow());
    }
    try {
      write(snapshot, ReportWriter.text(t, rfcs, rows));
      write(adoc, ReportWriter.asciidoc(t, rfcs, rows));
    } catch (IOException e) {
      err.println("cannot write the report: " + e.getMessage());
      return 2;
    }
    out.println(summary(t, rfcs) + (rows.isEmpty() ? "" : "; " + ReportWriter.rowsHeadline(rows)));
    return 0;
  }

  /** One line: citation count, then MUST coverage of each reported RFC. */
  static String summary(Traceability t, List<RfcCoverage> rfcs) {
    StringBuilder s = new StringBuilder("traceability: ");
    s.append(t.citations().size())
        .append(" citations, ")
        .append(t.warnings().size())
        .append(" warnings");
    for (RfcCoverage rfc : rfcs) {
      Totals must = rfc.totals(Level.MUST);
      s.append("; RFC ")
          .append(rfc.rfc().rfc())
          .append(" MUST ")
          .append(must.implemented())
          .append('/')
          .append(must.total())
          .append(" implemented, ")
          .append(must.tested())
          .append(" tested");
    }
    return s.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static int usage(PrintStream err) {
    err.println(
        "usage: TraceabilityMain --root <reactor root> --snapshot <file> --adoc <file>"
            + " [--rows <transition-table listing>]");
    return 2;
  }
}
