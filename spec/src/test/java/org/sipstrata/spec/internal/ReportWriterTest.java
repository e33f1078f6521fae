package org.sipstrata.spec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.spec.Catalog;
import org.sipstrata.spec.Citation;
import org.sipstrata.spec.CitationType;
import org.sipstrata.spec.RequirementCoverage;
import org.sipstrata.spec.RfcCoverage;
import org.sipstrata.spec.Traceability;

class ReportWriterTest {

  @Test
  @DisplayName("RFC text is passed through AsciiDoc literally, with ']' and '|' escaped")
  void pass() {
    assertThat(ReportWriter.pass("a *b* [9] x|y <z>"))
        .isEqualTo("pass:c[a *b* [9\\] x\\|y <z>]");
  }

  @Test
  @DisplayName("the AsciiDoc page has balanced tables and one heading per reported section")
  void asciidocStructure() {
    Citation c =
        new Citation(
            "A.java",
            3,
            "https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7",
            3261,
            "8.1.1.7",
            CitationType.IMPLEMENTATION,
            "",
            "",
            "The branch parameter value MUST be unique across space and time for all requests sent"
                + " by the UA.",
            4);
    Traceability t = Traceability.check(List.of(c), List.of(), Catalog.load());
    List<RfcCoverage> rfcs =
        t.reportedRfcs(List.of(3261)).stream().map(n -> t.coverage(n).orElseThrow()).toList();
    String page = ReportWriter.asciidoc(t, rfcs);
    List<String> lines = page.lines().toList();
    assertThat(lines.stream().filter("|==="::equals).count() % 2).isZero();
    assertThat(page)
        .contains("[#rfc3261-section-8-1-1-7]\n=== Section 8.1.1.7 pass:c[Via]")
        .contains("|4 |MUST |pass:c[The branch parameter value MUST be unique")
        .contains("|implementation `+A.java:3+`");
    long headings = lines.stream().filter(l -> l.startsWith("=== ")).count();
    long reported =
        rfcs.getFirst().sections().stream()
            .filter(s -> !s.requirements().isEmpty() || !s.citations().isEmpty())
            .count();
    assertThat(headings).isEqualTo(reported);
  }

  @Test
  @DisplayName("a requirement RFC 6026 replaced reads \"replaced\", names what replaced it, and is not missing")
  void replaced() {
    Traceability t = Traceability.check(List.of(), List.of(), Catalog.load());
    RfcCoverage rfc3261 = t.coverage(3261).orElseThrow();
    RequirementCoverage destroyed =
        rfc3261.sections().stream()
            .filter(s -> s.section().id().equals("17.1.1.2"))
            .flatMap(s -> s.requirements().stream())
            .filter(r -> r.requirement().text().startsWith("The client transaction MUST be destroyed"))
            .findFirst()
            .orElseThrow();
    assertThat(ReportWriter.status(destroyed)).isEqualTo("replaced");
    String text = ReportWriter.text(t, List.of(rfc3261));
    assertThat(text)
        .contains("  RFC    level    total  implemented  tested  exception  todo  replaced  missing\n")
        .contains(
            "replaced   The client transaction MUST be destroyed the instant it enters the \"Terminated\""
                + " state.\n         replaced by RFC 6026 §8.4 #13"
                + " https://www.rfc-editor.org/rfc/rfc6026#section-8.4\n");
    String page = ReportWriter.asciidoc(t, List.of(rfc3261));
    assertThat(page)
        .contains("|Replaced |Missing")
        .contains("replaced by https://www.rfc-editor.org/rfc/rfc6026#section-8.4[pass:c[RFC 6026 §8.4 #13]]");
  }
}
