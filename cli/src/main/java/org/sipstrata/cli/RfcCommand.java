package org.sipstrata.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sipstrata.spec.Catalog;
import org.sipstrata.spec.Citation;
import org.sipstrata.spec.CitationType;
import org.sipstrata.spec.Level;
import org.sipstrata.spec.RequirementCoverage;
import org.sipstrata.spec.RfcCoverage;
import org.sipstrata.spec.RfcEntry;
import org.sipstrata.spec.RfcSection;
import org.sipstrata.spec.SectionCoverage;
import org.sipstrata.spec.Totals;
import org.sipstrata.spec.Traceability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata rfc 17.1.1.2}: an RFC section's requirements and the code that implements and tests
 * each, from the citations in the source tree (scanned live, so the answer is current).
 */
@Command(
    name = "rfc",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a section of an RFC (3261 unless --rfc is given): its requirements and, for each,",
      "where the code implements and tests it. --summary prints the coverage totals instead.",
      "The sources are scanned under the folder given by -Dstrata.root (default: the current one)."
    })
final class RfcCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SECTION",
      description = "Section or appendix, e.g. 17.1.1.2, §8.1.1.7, A or appendix-A.")
  String section;

  @Option(
      names = "--rfc",
      paramLabel = "NUMBER",
      defaultValue = "3261",
      description = "The RFC (default: ${DEFAULT-VALUE}).")
  int rfc;

  @Option(names = "--summary", description = "Print the coverage totals per RFC and level.")
  boolean summary;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Catalog catalog = Catalog.load();
    Path root = root();
    if (summary) {
      return summary(catalog, root, out);
    }
    Optional<RfcEntry> entry = catalog.rfc(rfc);
    if (entry.isEmpty()) {
      err.println("RFC " + rfc + " is not in the catalog; it has " + catalog.rfcs());
      return 2;
    }
    if (section == null) {
      err.println("Name a section, e.g. 'strata rfc 17.1.1.2', or use --summary.");
      return 2;
    }
    String id = section.replaceFirst("^(§|section-|appendix-)", "");
    Optional<RfcSection> found = entry.get().section(id);
    if (found.isEmpty()) {
      err.println("RFC " + rfc + " has no section " + id + ".");
      return 2;
    }
    Traceability t = Traceability.scan(root, catalog);
    SectionCoverage coverage =
        t.coverage(rfc).orElseThrow().sections().stream()
            .filter(s -> s.section().id().equals(id))
            .findFirst()
            .orElseThrow();
    print(found.get(), coverage, out);
    if (!t.errors().isEmpty()) {
      err.println(
          t.errors().size() + " citation error(s) under " + root + "; they are not counted.");
    }
    return 0;
  }

  private static void print(RfcSection s, SectionCoverage coverage, PrintWriter out) {
    out.println(
        "RFC "
            + s.rfc()
            + (s.isAppendix() ? " appendix " : " section ")
            + s.id()
            + ": "
            + s.title());
    out.println(s.url());
    List<Citation> whole =
        coverage.citations().stream()
            .filter(c -> coverage.requirements().stream().noneMatch(r -> r.citations().contains(c)))
            .toList();
    for (Citation c : whole) {
      out.println("  cited for the section: " + c.type().keyword() + " " + c.location());
    }
    if (coverage.requirements().isEmpty()) {
      out.println();
      out.println("No requirements (no sentence with MUST, SHOULD, MAY or their kin).");
      return;
    }
    for (RequirementCoverage r : coverage.requirements()) {
      out.println();
      out.printf(
          "#%d %s  %s%n",
          r.requirement().ordinal(), r.requirement().level(), r.requirement().text());
      if (r.missing()) {
        out.println("     missing: no citation");
      }
      r.replacedBy().ifPresent(by ->
          out.println("     replaced by " + by.describe() + " (" + by.url() + ")"));
      for (Citation c : r.citations()) {
        out.println("     " + label(c.type()) + " " + c.location() + detail(c));
      }
    }
  }

  private static String label(CitationType type) {
    return switch (type) {
      case IMPLEMENTATION -> "implemented:";
      case IMPLICATION -> "implied:    ";
      case TEST -> "tested:     ";
      case EXCEPTION -> "exception:  ";
      case TODO -> "todo:       ";
    };
  }

  private static String detail(Citation c) {
    if (c.type() == CitationType.EXCEPTION) {
      return " (" + c.reason() + ")";
    }
    if (c.type() == CitationType.TODO && !c.trackingIssue().isEmpty()) {
      return " (tracking issue " + c.trackingIssue() + ")";
    }
    return "";
  }

  private static int summary(Catalog catalog, Path root, PrintWriter out) {
    Traceability t = Traceability.scan(root, catalog);
    out.printf(
        "%-9s %-7s %6s %12s %7s %10s %5s %9s %8s%n",
        "RFC", "level", "total", "implemented", "tested", "exception", "todo", "replaced", "missing");
    for (int n : t.reportedRfcs(Traceability.CORE_RFCS)) {
      RfcCoverage coverage = t.coverage(n).orElseThrow();
      for (Level level : Level.values()) {
        Totals x = coverage.totals(level);
        out.printf(
            "RFC %-5d %-7s %6d %12d %7d %10d %5d %9d %8d%n",
            n, level, x.total(), x.implemented(), x.tested(), x.exception(), x.todo(), x.replaced(),
            x.missing());
      }
    }
    out.printf(
        "%d citations under %s: %d errors, %d warnings%n",
        t.citations().size(), root, t.errors().size(), t.warnings().size());
    return 0;
  }

  private static Path root() {
    Path root = Path.of(System.getProperty("strata.root", "."));
    return Files.isDirectory(root) ? root : Path.of(".");
  }
}
