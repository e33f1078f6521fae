package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipstrata.abnf.Element.Alternation;
import org.sipstrata.abnf.Element.CharVal;
import org.sipstrata.abnf.Element.Concatenation;
import org.sipstrata.abnf.Element.NumVal;
import org.sipstrata.abnf.Element.ProseVal;
import org.sipstrata.abnf.Element.Repetition;
import org.sipstrata.abnf.Element.RuleRef;
import org.sipstrata.abnf.Element.ValueRange;

@DisplayName("AbnfReader")
class AbnfReaderTest {

  static Element element(String abnf) {
    AbnfDocument doc = AbnfReader.read("t.abnf", abnf);
    assertThat(doc.diagnostics()).isEmpty();
    return doc.definitions().get(0).rule().element();
  }

  static Diagnostic onlyError(String abnf) {
    AbnfDocument doc = AbnfReader.read("t.abnf", abnf);
    assertThat(doc.diagnostics()).hasSize(1);
    assertThat(doc.diagnostics().get(0).isError()).isTrue();
    return doc.diagnostics().get(0);
  }

  @Nested
  @DisplayName("reads every construct of RFC 5234 and RFC 7405")
  class Constructs {

    //= https://www.rfc-editor.org/rfc/rfc5234#section-3.2
    //= type=test
    //# Elements separated by a forward slash ("/") are alternatives.
    @Test
    @DisplayName("alternation and concatenation")
    void alternationAndConcatenation() {
      assertThat(element("r = a b / c\n")).isEqualTo(new Alternation(List.of(
          new Concatenation(List.of(ref("a", 5), ref("b", 7))), ref("c", 11))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "r = *a      | 0 | 2147483647",
        "r = 1*a     | 1 | 2147483647",
        "r = 2*5a    | 2 | 5",
        "r = *3a     | 0 | 3",
        "r = 4a      | 4 | 4",
        "r = [a]     | 0 | 1",
        "r = 0*0a    | 0 | 0"})
    @DisplayName("repetition forms m*n, m*, *n, n and [ ] (RFC 5234 §3.6–3.8)")
    void repetitions(String abnf, int min, int max) {
      Element e = element(abnf + "\n");
      assertThat(e).isInstanceOf(Repetition.class);
      Repetition r = (Repetition) e;
      assertThat(r.min()).isEqualTo(min);
      assertThat(r.max()).isEqualTo(max);
      assertThat(r.element()).isInstanceOf(RuleRef.class);
    }

    @Test
    @DisplayName("groups are their alternation; options are 0*1 repetitions")
    void groupsAndOptions() {
      Element e = element("r = (a / b) [c d]\n");
      assertThat(e).isInstanceOf(Concatenation.class);
      Concatenation c = (Concatenation) e;
      assertThat(c.elements().get(0)).isInstanceOf(Alternation.class);
      assertThat(c.elements().get(1)).isEqualTo(new Repetition(0, 1,
          new Concatenation(List.of(ref("c", 14), ref("d", 16)))));
    }

    //= https://www.rfc-editor.org/rfc/rfc7405#section-2.1
    //= type=test
    //# Literal text strings in ABNF may be either case sensitive or case
    //# insensitive.  The form of matching used with a literal text string is
    //# denoted by a prefix to the quoted string.
    @Test
    @DisplayName("quoted strings: plain and %i are case-insensitive, %s is case-sensitive")
    void charVals() {
      assertThat(element("r = \"aB\"\n")).isEqualTo(new CharVal("aB", false));
      assertThat(element("r = %i\"aB\"\n")).isEqualTo(new CharVal("aB", false));
      assertThat(element("r = %s\"aB\"\n")).isEqualTo(new CharVal("aB", true));
      assertThat(element("r = %S\"x\"\n")).isEqualTo(new CharVal("x", true));
      assertThat(element("r = \"\"\n")).isEqualTo(new CharVal("", false));
    }

    @Test
    @DisplayName("numeric values in %x, %d and %b, concatenated with dots or as ranges")
    void numVals() {
      assertThat(element("r = %x0D.0A\n")).isEqualTo(new NumVal('x', List.of(13, 10)));
      assertThat(element("r = %d13.10\n")).isEqualTo(new NumVal('d', List.of(13, 10)));
      assertThat(element("r = %b1101\n")).isEqualTo(new NumVal('b', List.of(13)));
      assertThat(element("r = %x30-39\n")).isEqualTo(new ValueRange('x', 0x30, 0x39));
      assertThat(element("r = %X7f\n")).isEqualTo(new NumVal('x', List.of(0x7F)));
      assertThat(element("r = %b0-1\n")).isEqualTo(new ValueRange('b', 0, 1));
    }

    @Test
    @DisplayName("prose-val keeps its text")
    void prose() {
      assertThat(element("r = <see RFC 2806>\n")).isInstanceOf(ProseVal.class)
          .extracting(x -> ((ProseVal) x).text()).isEqualTo("see RFC 2806");
    }

    //= https://www.rfc-editor.org/rfc/rfc5234#section-3.9
    //= type=test
    //# A semicolon starts a comment that continues to the end of line.
    @Test
    @DisplayName("comments end at the line end; semicolons inside strings and prose are text")
    void comments() {
      assertThat(element("r = \";\" ; a comment / b\n")).isEqualTo(new CharVal(";", false));
      assertThat(element("r = <a;b>\n")).isInstanceOf(ProseVal.class);
    }

    @Test
    @DisplayName("continuation lines, indented rules with aligned '=', and CRLF, LF or CR line ends")
    void layout() {
      String rfcStyle = "   alpha  =  a\r\n             / b ; x\r\n   beta   =  c\r\n";
      AbnfDocument doc = AbnfReader.read("t.abnf", rfcStyle);
      assertThat(doc.diagnostics()).isEmpty();
      assertThat(doc.definitions()).extracting(d -> d.rule().name()).containsExactly("alpha", "beta");
      assertThat(doc.definitions().get(0).rule().element()).isInstanceOf(Alternation.class);
      // an indented "name =" line starts a rule too: RFCs indent their rules
      assertThat(AbnfReader.read("t", "a = b\r c = d\re = f").definitions()).hasSize(3);
      assertThat(doc.definitions().get(1).rule().position()).isEqualTo(new Position("t.abnf", 3, 4));
    }

    @Test
    @DisplayName("elements may start on the line after '=' (as in RFC 7405)")
    void bodyOnNextLine() {
      assertThat(element("case-sensitive-string =\n      \"%s\" quoted-string\n"))
          .isInstanceOf(Concatenation.class);
    }

    //= https://www.rfc-editor.org/rfc/rfc5234#section-2.1
    //= type=test
    //# Rule names are case insensitive.
    @Test
    @DisplayName("=/ adds alternatives; names are case-insensitive but keep their defining spelling")
    void incrementalAlternatives() {
      RuleSet rs = RuleSet.of(AbnfReader.read("t", "Ruleset = a\nRULESET =/ b\nruleset =/ c\n"));
      assertThat(rs.diagnostics()).isEmpty();
      Rule r = rs.rule("ruleSET").orElseThrow();
      assertThat(r.name()).isEqualTo("Ruleset");
      assertThat(((Alternation) r.element()).alternatives()).hasSize(3);
    }

    @Test
    @DisplayName("a '; //= url' comment tags the rules that follow with their section")
    void sectionTags() {
      AbnfDocument doc = AbnfReader.read("t", """
          a = "x"
          ; //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
          b = "y"
          c = "z"
          ; //= type=exception
          ; //# quoted text
          ; //= https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1
          d = "w"
          """);
      assertThat(doc.definitions()).extracting(d -> d.rule().section()).containsExactly("",
          "https://www.rfc-editor.org/rfc/rfc3261#section-25.1",
          "https://www.rfc-editor.org/rfc/rfc3261#section-25.1",
          "https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1");
      assertThat(doc.definitions().get(0).rule().text()).isEqualTo("a = \"x\"");
    }
  }

  @Nested
  @DisplayName("reports bad input as diagnostics with line and column")
  class Diagnostics {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'r = \"abc'                       | 1 | 5 | unterminated quoted string",
        "'r = %xZZ'                        | 1 | 7 | expected hexadecimal digits",
        "'r = %q12'                        | 1 | 6 | must be followed by b, d, x, s or i",
        "'r = %x39-30'                     | 1 | 5 | is empty",
        "'r = 3*2a'                        | 1 | 5 | minimum above its maximum",
        "'r = 3* / a'                      | 1 | 5 | without an element",
        "'r = ( a / b'                     | 1 | 5 | is never closed",
        "'r = ( a ]'                       | 1 | 9 | expected ')'",
        "'r = 99999999999a'                | 1 | 5 | too large",
        "'r = %x1FFFFFFFFF'                | 1 | 7 | too large",
        "'r = <open'                       | 1 | 5 | unterminated prose-val",
        "'r ='                             | 1 | 4 | expected elements",
        "'r = a / / b'                     | 1 | 9 | expected an element",
        "'r = a @'                         | 1 | 7 | unexpected '@'",
        "'r = %s'                          | 1 | 5 | must be followed by a quoted string",
        "'not a rule'                      | 1 | 1 | expected a rule definition"})
    @DisplayName("syntax errors")
    void syntaxErrors(String abnf, int line, int column, String message) {
      Diagnostic d = onlyError(abnf + "\n");
      assertThat(d.position().line()).isEqualTo(line);
      assertThat(d.position().column()).isEqualTo(column);
      assertThat(d.message()).contains(message);
      assertThat(d.toString()).startsWith("t.abnf:" + line + ":" + column + ": error: ");
    }

    @Test
    @DisplayName("an error on a continuation line names that line; other rules are still read")
    void errorOnContinuationLine() {
      AbnfDocument doc = AbnfReader.read("t.abnf", "a = b\nc = d ; note\n    by HTTP/1.1\ne = f\n");
      assertThat(doc.diagnostics()).hasSize(1);
      assertThat(doc.diagnostics().get(0).position()).isEqualTo(new Position("t.abnf", 3, 14));
      assertThat(doc.diagnostics().get(0).rule()).contains("c");
      assertThat(doc.definitions()).extracting(x -> x.rule().name()).containsExactly("a", "e");
    }

    @Test
    @DisplayName("a line at column 1 that starts no rule is an error")
    void unindentedContinuation() {
      AbnfDocument doc = AbnfReader.read("t.abnf", "a = b\n/ c\n");
      assertThat(doc.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.position()).isEqualTo(new Position("t.abnf", 2, 1));
        assertThat(d.message()).contains("continuation line must start with white space");
      });
    }

    @Test
    @DisplayName("deep nesting is an error, not a StackOverflowError")
    void deepNesting() {
      String deep = "r = " + "(".repeat(100_000) + "a" + ")".repeat(100_000) + "\n";
      Diagnostic d = onlyError(deep);
      assertThat(d.message()).contains("nested deeper than");
      String deepOptions = "r = " + "[".repeat(5_000) + "\n";
      assertThat(onlyError(deepOptions).message()).contains("nested deeper than");
    }

    @Test
    @DisplayName("undefined, unreachable, duplicate and prose rules")
    void ruleSetDiagnostics() {
      RuleSet rs = RuleSet.of(AbnfReader.read("t.abnf", """
          start = a / missing
          a = "x" / <prose>
          lonely = "y"
          a = "z"
          other =/ "w"
          """));
      List<String> found = rs.check(List.of("start"), false).stream().map(Diagnostic::toString).toList();
      assertThat(found).containsExactlyInAnyOrder(
          "t.abnf:4:1: error: rule a is already defined at t.abnf:2:1 (use =/ to add alternatives)",
          "t.abnf:5:1: error: =/ adds alternatives to other, which is not defined",
          "t.abnf:1:13: error: rule missing is referenced by start but never defined",
          "t.abnf:2:11: error: prose-val <prose> in a has no machine meaning; define the rule in an overlay",
          "t.abnf:3:1: warning: rule lonely is not reachable from the start rule start");
      assertThat(rs.check(List.of("start"), true)).filteredOn(Diagnostic::isError)
          .extracting(Diagnostic::message).noneMatch(m -> m.contains("prose"));
      assertThat(rs.check(List.of("nope"), false)).extracting(Diagnostic::message)
          .contains("start rule nope is not defined");
    }

    @Test
    @DisplayName("an overlay replaces a rule (=), adds alternatives (=/) and supersedes the base's errors")
    void overlays() {
      AbnfDocument base = AbnfReader.read("base.abnf", "s = a b\na = \"x\"\nb = <prose> \"broken\n");
      AbnfDocument overlay = AbnfReader.read("fix.abnf", "b = \"y\"\na =/ \"q\"\n");
      RuleSet rs = RuleSet.combine(List.of(base), List.of(overlay));
      assertThat(rs.check(List.of("s"), false)).noneMatch(Diagnostic::isError);
      assertThat(rs.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.severity()).isEqualTo(Diagnostic.Severity.NOTE);
        assertThat(d.message()).contains("superseded by the overlay rule at fix.abnf:1:1");
      });
      assertThat(rs.rule("b").orElseThrow().element()).isEqualTo(new CharVal("y", false));
      assertThat(rs.rule("a").orElseThrow().element()).isInstanceOf(Alternation.class);
    }

    @Test
    @DisplayName("random garbage never throws")
    void garbage() {
      Random random = new Random(7);
      String alphabet = "abc=/*()[]<>\"%xdbsi0123456789-.; \t\n\r\u00e9\u0000";
      for (int i = 0; i < 5_000; i++) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "r = " : "");
        int n = random.nextInt(60);
        for (int k = 0; k < n; k++) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        AbnfDocument doc = AbnfReader.read("g", sb.toString());
        assertThat(doc.definitions().size() + doc.diagnostics().size()).isGreaterThanOrEqualTo(0);
        for (AbnfDocument.Definition d : doc.definitions()) {
          assertThat(Elements.toAbnf(d.rule().element())).isNotNull();
        }
        RuleSet.of(doc).check(List.of("r"), false);
      }
    }
  }

  static RuleRef ref(String name, int column) {
    return new RuleRef(name, new Position("t.abnf", 1, column));
  }
}
