package org.sipstrata.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.spec.internal.CitationScanner;
import org.sipstrata.spec.internal.TraceabilityMain;
import org.sipstrata.spec.internal.UpdatedSections;

class TraceabilityTest {

  static final Catalog CATALOG = Catalog.load();
  static final String TIMERS = "layers/demo/src/main/java/org/example/Timers.java";
  static final String TIMERS_TEST = "layers/demo/src/test/java/org/example/TimersTest.java";

  @Nested
  @DisplayName("a source tree with correct citations")
  class Good {
    @TempDir Path root;
    Traceability checked;

    Traceability check() {
      if (checked == null) {
        checked = Traceability.scan(Fixtures.copy("good", root), CATALOG);
      }
      return checked;
    }

    @Test
    @DisplayName("passes, and scans src/main and src/test only, outside target/")
    void passes() {
      Traceability t = check();
      assertThat(t.errors()).isEmpty();
      assertThat(t.warnings())
          .extracting(Finding::toString)
          .containsExactly(
              TIMERS
                  + ":28: warning: RFC 3261 section A was changed by RFC 6026 section 8.11 (Timers"
                  + " L and M added to Table 4,"
                  + " https://www.rfc-editor.org/rfc/rfc6026#section-8.11): check that the cited"
                  + " text is still in force");
      assertThat(t.citations())
          .extracting(Citation::location)
          .containsExactly(
              "grammar/src/main/abnf/uri.abnf:2",
              TIMERS + ":7",
              TIMERS + ":14",
              TIMERS + ":21",
              TIMERS + ":28",
              TIMERS + ":31",
              TIMERS_TEST + ":4");
    }

    @Test
    @DisplayName("a citation applies to the next code line")
    void codeLine() {
      Citation timerB = check().citations().get(1);
      assertThat(timerB.codeLine()).isEqualTo(10);
      assertThat(timerB.rfc()).isEqualTo(3261);
      assertThat(timerB.section()).isEqualTo("17.1.1.2");
      assertThat(timerB.quote())
          .isEqualTo(
              "For any transport, the client transaction MUST start timer B with a value of 64*T1"
                  + " seconds (Timer B controls transaction timeouts).");
    }

    @Test
    @DisplayName("implementation, test, exception and todo citations cover their requirements")
    void coverage() {
      SectionCoverage s =
          check().coverage(3261).orElseThrow().sections().stream()
              .filter(c -> c.section().id().equals("17.1.1.2"))
              .findFirst()
              .orElseThrow();
      RequirementCoverage timerB = s.requirements().get(4);
      assertThat(timerB.requirement().text()).startsWith("For any transport");
      assertThat(timerB.implemented()).isTrue();
      assertThat(timerB.tested()).isTrue();
      assertThat(timerB.citations())
          .extracting(Citation::location)
          .containsExactly(TIMERS + ":7", TIMERS_TEST + ":4");
      RequirementCoverage noAck = s.requirements().get(13);
      assertThat(noAck.requirement().text())
          .isEqualTo("The client transaction MUST NOT generate an ACK.");
      assertThat(noAck.exception()).isTrue();
      assertThat(noAck.of(CitationType.EXCEPTION).getFirst().reason())
          .isEqualTo("the fixture never builds an ACK");
      assertThat(s.requirements().get(8).todo()).isTrue();
      assertThat(s.requirements().get(0).missing()).isTrue();

      RfcCoverage rfc3261 = check().coverage(3261).orElseThrow();
      Totals must = rfc3261.totals(Level.MUST);
      assertThat(must.implemented()).isEqualTo(1);
      assertThat(must.tested()).isEqualTo(1);
      assertThat(must.exception()).isEqualTo(1);
      assertThat(must.replaced()).isPositive();
      assertThat(must.missing()).isEqualTo(must.total() - 2 - must.replaced());
      assertThat(rfc3261.totals(Level.SHOULD).todo()).isEqualTo(1);
    }

    @Test
    @DisplayName("requirements whose text RFC 6026 replaced show as replaced, with the requirement that replaces them")
    void replaced() {
      RfcCoverage rfc3261 = check().coverage(3261).orElseThrow();
      RequirementCoverage destroyed = requirement(rfc3261, "17.1.1.2",
          "The client transaction MUST be destroyed the instant it enters the \"Terminated\" state.");
      assertThat(destroyed.replaced()).isTrue();
      assertThat(destroyed.missing()).isFalse();
      assertThat(destroyed.replacedBy().orElseThrow().url())
          .isEqualTo("https://www.rfc-editor.org/rfc/rfc6026#section-8.4");
      assertThat(destroyed.replacedBy().orElseThrow().describe()).isEqualTo("RFC 6026 §8.4 #13");
      RequirementCoverage timerB = requirement(rfc3261, "17.1.1.2", "For any transport,");
      assertThat(timerB.replaced()).isFalse();
      // Figure 7 was replaced, the paragraph after it was not.
      RequirementCoverage timerI = requirement(rfc3261, "17.2.1", "Once timer I fires,");
      assertThat(timerI.replaced()).isFalse();
      assertThat(timerI.missing()).isTrue();
      RequirementCoverage serverDestroyed = requirement(rfc3261, "17.2.1",
          "Once the transaction is in the \"Terminated\" state, it MUST be destroyed immediately.");
      assertThat(serverDestroyed.replacedBy().orElseThrow().label()).isEqualTo("RFC 6026 §8.7");
      RequirementCoverage twoXx = requirement(rfc3261, "17.2.1",
          "If, while in the \"Proceeding\" state, the TU passes a 2xx response");
      assertThat(twoXx.replacedBy().orElseThrow().describe()).isEqualTo("RFC 6026 §8.5 #1");
    }

    private RequirementCoverage requirement(RfcCoverage rfc, String section, String start) {
      return rfc.sections().stream()
          .filter(c -> c.section().id().equals(section))
          .flatMap(c -> c.requirements().stream())
          .filter(r -> r.requirement().text().startsWith(start))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no requirement " + start));
    }

    @Test
    @DisplayName("a citation without a quote covers its section, not its requirements")
    void sectionOnly() {
      SectionCoverage a =
          check().coverage(3261).orElseThrow().sections().stream()
              .filter(c -> c.section().id().equals("A"))
              .findFirst()
              .orElseThrow();
      assertThat(a.citations()).extracting(Citation::location).containsExactly(TIMERS + ":28");
    }

    @Test
    @DisplayName("the build entry point writes a deterministic text snapshot and an AsciiDoc page")
    void mainWritesReports() throws IOException {
      check();
      Path snapshot = root.resolve("out/traceability.txt");
      Path adoc = root.resolve("out/traceability.adoc");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String[] args = {
        "--root", root.toString(), "--snapshot", snapshot.toString(), "--adoc", adoc.toString()
      };
      int status = TraceabilityMain.run(args, print(out), print(err));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("traceability: 7 citations, 1 warnings; RFC 3261 MUST 1/");
      String text = Files.readString(snapshot);
      assertThat(text)
          .contains("  3261   MUST    ")
          .contains("  §17.1.1.2 Formal Description")
          .contains(
              "    #5   MUST   impl+test  For any transport, the client transaction MUST start"
                  + " timer B")
          .contains("         implementation " + TIMERS + ":7")
          .contains("         test " + TIMERS_TEST + ":4")
          .contains("exception " + TIMERS + ":14 (reason: the fixture never builds an ACK)")
          .contains("todo " + TIMERS + ":21 (tracking issue 42)")
          .contains(
              "  Appendix A Table of Timer Values\n    section cited: implementation "
                  + TIMERS
                  + ":28")
          .contains("RFC 3986: Uniform Resource Identifier (URI): Generic Syntax")
          .contains("RFC 6026: ");
      String page = Files.readString(adoc);
      assertThat(page)
          .startsWith("= Traceability")
          .contains("[#rfc3261-section-17-1-1-2]\n=== Section 17.1.1.2 pass:c[Formal Description]")
          .contains("|5 |MUST |pass:c[For any transport, the client transaction MUST start timer B")
          .contains("implementation `+" + TIMERS + ":7+` +\ntest `+" + TIMERS_TEST + ":4+`");

      TraceabilityMain.run(args, print(out), print(err));
      assertThat(Files.readString(snapshot)).isEqualTo(text);
      assertThat(Files.readString(adoc)).isEqualTo(page);
    }
  }

  @Test
  @DisplayName("every mistake fails with path:line and a plain message")
  void badTree(@TempDir Path root) throws IOException {
    Fixtures.copy("bad", root);
    String bad = "src/main/java/org/example/Bad.java";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path snapshot = root.resolve("t.txt");
    int status =
        TraceabilityMain.run(
            new String[] {
              "--root",
              root.toString(),
              "--snapshot",
              snapshot.toString(),
              "--adoc",
              root.resolve("t.adoc").toString()
            },
            print(out),
            print(err));
    assertThat(status).isEqualTo(1);
    assertThat(snapshot).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            bad
                + ":5: quote not found in RFC 3261 section 17.1.1.2: matches up to \"…ction MUST"
                + " start timer B with a value of\", then the quote has \"32*T1 seconds.\" where"
                + " the section has \"64*T1 seconds (Timer B controls transact…\"",
            bad + ":10: RFC 3261 has no section 17.9",
            bad
                + ":13: malformed citation URL"
                + " \"https://tools.ietf.org/html/rfc3261#section-17.1.1.2\": expected"
                + " https://www.rfc-editor.org/rfc/rfcNNNN#section-N.N or #appendix-X",
            bad + ":16: RFC 9999 is not in the catalog",
            bad + ":19: type=exception needs a //= reason=... line",
            bad
                + ":24: warning: RFC 3261 section 17.1.1.2 was changed by RFC 6026 section 8.4 (the"
                + " Accepted state of the INVITE client transaction, Figure 5,"
                + " https://www.rfc-editor.org/rfc/rfc6026#section-8.4): check that the cited text"
                + " is still in force",
            bad
                + ":24: unknown citation type \"maybe\" (expected implementation, test,"
                + " implication, exception or todo)",
            bad
                + ":28: warning: RFC 3261 section 17.2.1 was changed by RFC 6026 section 8.5 (a 2xx"
                + " from the TU moves the server transaction to Accepted,"
                + " https://www.rfc-editor.org/rfc/rfc6026#section-8.5): check that the cited text"
                + " is still in force",
            bad + ":34: RFC 3261 has no appendix Z",
            "traceability: 7 citation error(s)");
    assertThatMainThrows(root);
  }

  private static void assertThatMainThrows(Path root) {
    String[] args = {
      "--root",
      root.toString(),
      "--snapshot",
      root.resolve("a").toString(),
      "--adoc",
      root.resolve("b").toString()
    };
    PrintStream saved = System.err;
    System.setErr(print(new ByteArrayOutputStream()));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceabilityMain.main(args))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("traceability check failed");
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  @DisplayName("bad arguments give status 2 and the usage")
  void usage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            TraceabilityMain.run(
                new String[] {"--root"}, print(new ByteArrayOutputStream()), print(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: TraceabilityMain --root");
  }

  @Nested
  @DisplayName("the scanner")
  class Scanner {
    @Test
    @DisplayName(
        "consecutive blocks apply to the same code line; prose starting with //= is ignored")
    void blocks() {
      String source =
          String.join(
              "\n",
              "// //= is how a citation starts",
              "  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7",
              "  //# The branch parameter value MUST be unique across space and time",
              "  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.42",
              "",
              "  String branch;",
              "  //= and then a comment that wrapped",
              "  int x;");
      CitationScanner.Result r = CitationScanner.scan("A.java", source);
      assertThat(r.findings()).isEmpty();
      assertThat(r.citations())
          .extracting(Citation::line, Citation::codeLine, Citation::section)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2, 6, "8.1.1.7"),
              org.assertj.core.groups.Tuple.tuple(4, 6, "20.42"));
      assertThat(r.citations().get(1).hasQuote()).isFalse();
    }

    @Test
    @DisplayName("a quote or attribute out of place is an error")
    void outOfPlace() {
      String source =
          String.join(
              "\n",
              "//# a quote with no URL",
              "//= type=test",
              "//= https://www.rfc-editor.org/rfc/rfc3261#section-8",
              "//# quoted",
              "//= type=test",
              "//= colour=blue",
              "int x;");
      assertThat(CitationScanner.scan("A.java", source).findings())
          .extracting(Finding::toString)
          .containsExactly(
              "A.java:1: //# quote line without a //= citation URL above it",
              "A.java:2: //= type=test without a //= citation URL above it",
              "A.java:5: //= type=test after the //# quote lines; put it before them",
              "A.java:6: //= colour=blue after the //# quote lines; put it before them");
    }

    @Test
    @DisplayName("a test citation may name transition-table rows; another citation may not")
    void rows() {
      String source =
          String.join(
              "\n",
              "//= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
              "//= type=test",
              "//= row=F5.3",
              "//= row=F5.4",
              "step();",
              "//= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
              "//= row=F5.3",
              "run();",
              "//= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
              "//= type=test",
              "//= row=F5 3",
              "step();");
      CitationScanner.Result r = CitationScanner.scan("A.java", source);
      assertThat(r.citations().get(0).rows()).containsExactly("F5.3", "F5.4");
      assertThat(r.findings())
          .extracting(Finding::toString)
          .containsExactly(
              "A.java:6: //= row=... belongs to a type=test citation",
              "A.java:11: malformed row name \"F5 3\" in //= row=");
    }

    @Test
    @DisplayName("in .abnf files a citation may follow the ';' comment mark, elsewhere not")
    void abnf() {
      String source = "; //= https://www.rfc-editor.org/rfc/rfc5234#section-4\nrule = \"a\"\n";
      assertThat(CitationScanner.scan("g.abnf", source).citations()).hasSize(1);
      assertThat(CitationScanner.scan("G.java", source).citations()).isEmpty();
    }
  }

  @Nested
  @DisplayName("matching a quote to requirements")
  class Matching {
    final RfcSection section =
        new RfcSection(
            9999,
            "1",
            "Test",
            List.of(
                "   The client MUST send the request.  The server SHOULD answer it",
                "   quickly.  Nothing else happens.  The client MAY retry."),
            1);
    final List<Requirement> requirements =
        List.of(
            new Requirement(9999, "1", 1, Level.MUST, "The client MUST send the request."),
            new Requirement(9999, "1", 2, Level.SHOULD, "The server SHOULD answer it quickly."),
            new Requirement(9999, "1", 3, Level.MAY, "The client MAY retry."));

    List<Integer> covered(String quote) {
      Citation c =
          new Citation(
              "A.java",
              1,
              "u",
              9999,
              "1",
              CitationType.IMPLEMENTATION,
              "",
              "",
              RfcSection.normalize(quote),
              2);
      return Traceability.coverage(section, requirements, List.of(c)).requirements().stream()
          .filter(r -> !r.missing())
          .map(r -> r.requirement().ordinal())
          .toList();
    }

    @Test
    @DisplayName("a quote inside a sentence covers that sentence")
    void partOfSentence() {
      assertThat(covered("SHOULD answer it\nquickly")).containsExactly(2);
    }

    @Test
    @DisplayName("a quote of several whole sentences covers each of them")
    void severalSentences() {
      assertThat(covered("The client MUST send the request.  The server SHOULD answer it quickly."))
          .containsExactly(1, 2);
    }

    @Test
    @DisplayName("a quote across a sentence boundary covers only the sentences it contains whole")
    void acrossBoundary() {
      assertThat(covered("the request. The server SHOULD answer it quickly. Nothing"))
          .containsExactly(2);
      assertThat(covered("the request. The server")).isEmpty();
    }

    @Test
    @DisplayName("the place of the quote matters, not just its words")
    void byPlace() {
      assertThat(covered("The client MAY retry.")).containsExactly(3);
      assertThat(covered("The client M")).containsExactly(1, 3);
    }
  }

  @Test
  @DisplayName("only a quote that touches the changed part of a section is flagged")
  void changedPart() {
    RfcSection s = CATALOG.rfc(3261).orElseThrow().section("17.1.1.2").orElseThrow();
    assertThat(UpdatedSections.affecting(s, "")).hasSize(1);
    assertThat(UpdatedSections.affecting(s, "the client transaction MUST start timer B")).isEmpty();
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //# Section 17.1.1.2.  Replace paragraph 7 (starting "When in either")
    //# through the end of the section with:
    assertThat(
            UpdatedSections.affecting(
                s,
                "The client transaction MUST be destroyed the instant it enters the \"Terminated\""
                    + " state."))
        .extracting(UpdatedSections.Update::label)
        .containsExactly("RFC 6026 section 8.4");
  }

  @Test
  @DisplayName("RFC 6026 §8.5 is known to replace a paragraph of RFC 3261 §17.2.1")
  void updates() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.5
    //= type=test
    //# Section 17.2.1, paragraph 4, is replaced with:
    assertThat(UpdatedSections.of(3261, "17.2.1"))
        .extracting(UpdatedSections.Update::label)
        .contains("RFC 6026 section 8.5");
    assertThat(UpdatedSections.of(3261, "17.2.3")).isEmpty();
    for (UpdatedSections.Update u : UpdatedSections.UPDATES) {
      assertThat(CATALOG.rfc(3261).orElseThrow().section(u.section())).as(u.section()).isPresent();
      assertThat(CATALOG.rfc(u.rfc()).orElseThrow().section(u.updatingSection()))
          .as(u.label())
          .isPresent();
      String text =
          CATALOG.rfc(3261).orElseThrow().section(u.section()).orElseThrow().normalizedText();
      assertThat(text).as("start of %s", u.label()).contains(RfcSection.normalize(u.from()));
      assertThat(text).as("end of %s", u.label()).contains(RfcSection.normalize(u.to()));
    }
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
