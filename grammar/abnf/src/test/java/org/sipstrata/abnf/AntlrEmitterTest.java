package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.abnf.oracle.AbnfMatcher;

@DisplayName("AntlrEmitter")
class AntlrEmitterTest {

  @TempDir
  Path work;

  static Emission emit(String abnf, List<String> starts) {
    return emit(abnf, EmitterOptions.of("TParser", starts));
  }

  static Emission emit(String abnf, EmitterOptions options) {
    RuleSet rs = RuleSet.of(AbnfReader.read("t.abnf", abnf));
    return AntlrEmitter.emit(rs, options);
  }

  static String body(Emission e, String antlrRule) {
    String g = e.grammar();
    int at = g.indexOf("\n" + antlrRule + "\n  : ");
    assertThat(at).as("rule %s in\n%s", antlrRule, g).isGreaterThanOrEqualTo(0);
    int start = at + antlrRule.length() + 6;
    return g.substring(start, g.indexOf("\n  ;", start));
  }

  /** Emits, compiles, and checks the parser against the matcher on each string. */
  void checkAgreement(String abnf, String start, String... inputs) throws Exception {
    checkAgreement(abnf, EmitterOptions.of("TParser", List.of(start)), inputs);
  }

  void checkAgreement(String abnf, EmitterOptions options, String... inputs) throws Exception {
    String start = options.startRules().get(0);
    RuleSet rs = RuleSet.of(AbnfReader.read("t.abnf", abnf));
    Emission e = AntlrEmitter.emit(rs, options);
    assertThat(e.errors()).isEmpty();
    AntlrHarness h = AntlrHarness.build("TParser", e.grammar(), work);
    assertThat(h.toolErrors).isEmpty();
    String entry = AntlrHarness.entryRule(e.rulesTsv(), start);
    for (String in : inputs) {
      byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(h.accepts(entry, b)).as("%s on \"%s\"", start, in)
          .isEqualTo(AbnfMatcher.matches(rs, start, b));
    }
  }

  @Test
  @DisplayName("declares X00..XFF so that token type = byte + 1, verified by the ANTLR tool")
  void tokenTypes() throws Exception {
    Emission e = emit("r = %x00 / %xFF / \"A\"\n", List.of("r"));
    assertThat(e.grammar()).contains("parser grammar TParser;", "tokens {\n  X00, X01,", "XFE, XFF\n}");
    AntlrHarness h = AntlrHarness.build("TParser", e.grammar(), work);
    assertThat(h.toolErrors).isEmpty();
    org.antlr.v4.runtime.Vocabulary v = (org.antlr.v4.runtime.Vocabulary)
        h.parserClass().getField("VOCABULARY").get(null);
    for (int b = 0; b < 256; b++) {
      assertThat(v.getSymbolicName(AntlrEmitter.tokenType(b))).isEqualTo(AntlrEmitter.tokenName(b));
    }
    assertThat(AntlrEmitter.tokenType(0)).isEqualTo(1);
    assertThat(AntlrEmitter.tokenType(255)).isEqualTo(256);
  }

  //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
  //= type=test
  //# ABNF strings are case insensitive and the character set for these
  //# strings is US-ASCII.
  @Test
  @DisplayName("quoted strings match either case; %s and numeric values match exactly")
  void caseSensitivity() throws Exception {
    Emission e = emit("a = \"Ab1\"\nb = %s\"Ab\"\nc = %x41\n", List.of("a"));
    assertThat(body(e, "a")).isEqualTo("(X41 | X61) (X42 | X62) X31");
    assertThat(body(e, "b")).isEqualTo("X41 X62");
    assertThat(body(e, "c")).isEqualTo("X41");
    checkAgreement("a = \"Ab1\"\n", "a", "ab1", "AB1", "aB1", "ab", "ab1 ", "Ab2");
  }

  @Test
  @DisplayName("byte-set rules are inlined as token sets; large sets are complements")
  void sets() {
    Emission e = emit("r = DIGIT / x\nDIGIT = %x30-39\nx = %x00-FF / \"y\"\nv = %x21-FE\n", List.of("r"));
    assertThat(body(e, "r")).isEqualTo("(X00 | ~X00)");
    assertThat(body(e, "digit")).isEqualTo("(X30 | X31 | X32 | X33 | X34 | X35 | X36 | X37 | X38 | X39)");
    assertThat(body(e, "v")).isEqualTo("~(X00 | X01 | X02 | X03 | X04 | X05 | X06 | X07 | X08 | X09 | X0A | X0B"
        + " | X0C | X0D | X0E | X0F | X10 | X11 | X12 | X13 | X14 | X15 | X16 | X17 | X18 | X19 | X1A | X1B"
        + " | X1C | X1D | X1E | X1F | X20 | XFF)");
  }

  @Test
  @DisplayName("repetitions: *, 1*, [ ], n, m*n with nested optionals, m*")
  void repetitions() throws Exception {
    Emission e = emit("r = *a 1*b [a b] 2c 1*3d 2*e\na = \"a\" \"a\"\nb = \"b\" \"b\"\nc = \"c\" \"c\"\n"
        + "d = \"d\" \"d\"\ne = \"e\" \"e\"\n", List.of("r"));
    assertThat(body(e, "r")).isEqualTo("a* b+ (a b)? c c d (d d?)? e e+");
    checkAgreement("r = 1*3DIGIT \".\" 2*DIGIT\nDIGIT = %x30-39\n", "r",
        "1.22", "123.22", "1234.22", ".22", "1.2", "12.222", "1.22x");
  }

  @Test
  @DisplayName("a repeated element that can match the empty string is rewritten so ANTLR accepts the loop")
  void nullableLoops() throws Exception {
    String abnf = "r = *( [\"a\"] \"\" / *\"b\" ) \"c\"\ns = 2*3( *\"x\" ) \"y\"\n";
    Emission e = emit(abnf, List.of("r", "s"));
    assertThat(e.errors()).isEmpty();
    checkAgreement(abnf, "r", "c", "ac", "abbac", "bbbbc", "x", "cc");
    checkAgreement(abnf, "s", "y", "xy", "xxxxxxy", "yy");
    // a nullable rule inside the loop is expanded once; its recursion stays a rule reference
    checkAgreement("r = *b \"z\"\nb = a / \"q\"\na = \"(\" b \")\" / \"\"\n", "r",
        "z", "()z", "(q)qz", "((()))z", "(()z", "qqz", "zz");
  }

  @Test
  @DisplayName("each rule carries its ABNF text and section; entry rules and the rule map are emitted")
  void commentsAndMap() {
    Emission e = emit("""
        ; //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
        Request-Line  =  Method SP
                         Request-URI ; the target
        Method = "INVITE"
        SP = %x20
        Request-URI = "sip:x"
        """, List.of("Request-Line"));
    assertThat(e.grammar()).contains("""
        // ABNF t.abnf:2:1:
        //   Request-Line  =  Method SP
        //                    Request-URI ; the target
        //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
        requestLine
          : method X20 requestURI
          ;
        """);
    assertThat(e.grammar()).contains("requestLineEof\n  : requestLine EOF\n  ;");
    assertThat(e.rulesTsv().lines()).containsExactly(
        "antlr-rule\tabnf-rule\tsection",
        "requestLineEof\tRequest-Line\thttps://www.rfc-editor.org/rfc/rfc3261#section-25.1",
        "requestLine\tRequest-Line\thttps://www.rfc-editor.org/rfc/rfc3261#section-25.1",
        "method\tMethod\thttps://www.rfc-editor.org/rfc/rfc3261#section-25.1",
        "sp\tSP\thttps://www.rfc-editor.org/rfc/rfc3261#section-25.1",
        "requestURI\tRequest-URI\thttps://www.rfc-editor.org/rfc/rfc3261#section-25.1");
  }

  @Test
  @DisplayName("rules listed for inlining are expanded at their references; recursive ones are refused")
  void inlining() {
    String abnf = "r = HCOLON \"x\"\nHCOLON = *\" \" \":\"\nloop = \"(\" [loop] \")\"\n";
    Emission e = emit(abnf, EmitterOptions.of("TParser", List.of("r")).withInline(List.of("HCOLON")));
    assertThat(body(e, "r")).isEqualTo("(X20* X3A) (X58 | X78)");
    assertThat(body(e, "hcolon")).isEqualTo("X20* X3A");
    Emission bad = emit(abnf, EmitterOptions.of("TParser", List.of("r")).withInline(List.of("loop")));
    assertThat(bad.ok()).isFalse();
    assertThat(bad.errors()).extracting(Diagnostic::message).contains("rule loop cannot be inlined: it is recursive");
  }

  @Test
  @DisplayName("errors stop emission: undefined rules, prose, bad grammar names, huge minimums")
  void errors() throws Exception {
    assertThat(emit("r = missing\n", List.of("r")).errors()).extracting(Diagnostic::toString)
        .containsExactly("t.abnf:1:5: error: rule missing is referenced by r but never defined");
    assertThat(emit("r = <prose>\n", List.of("r")).ok()).isFalse();
    Emission prose = emit("r = <prose> / \"a\"\n", EmitterOptions.of("TParser", List.of("r")).withAllowProse(true));
    assertThat(prose.ok()).isTrue();
    // an alternative that can never match is left out
    assertThat(body(prose, "r")).isEqualTo("(X41 | X61)");
    assertThat(body(emit("r = <prose>\n", EmitterOptions.of("TParser", List.of("r")).withAllowProse(true)), "r"))
        .isEqualTo("{false}?");
    checkAgreement("r = <prose> / \"a\" [<more prose>]\n",
        EmitterOptions.of("TParser", List.of("r")).withAllowProse(true), "a", "", "A", "prose");
    assertThat(emit("r = \"a\"\n", EmitterOptions.of("lower", List.of("r"))).ok()).isFalse();
    assertThat(emit("r = 100\"a\"\n", List.of("r")).errors()).extracting(Diagnostic::message)
        .contains("repetition minimum 100 in r is above the expansion limit 64");
    Emission wide = emit("r = 1*1000\"a\"\n", List.of("r"));
    assertThat(wide.ok()).isTrue();
    assertThat(wide.diagnostics()).extracting(Diagnostic::message)
        .contains("repetition maximum 1000 in r is above the expansion limit 64; emitted as unbounded");
    assertThat(body(wide, "r")).isEqualTo("(X41 | X61)+");
  }

  @Test
  @DisplayName("terminal values above 255 match nothing at byte level, with a warning")
  void wideValues() {
    Emission e = emit("r = %x100-10FFFF / \"a\"\n", List.of("r"));
    assertThat(e.ok()).isTrue();
    assertThat(body(e, "r")).isEqualTo("(X41 | X61)");
    Emission none = emit("r = %x100\n", List.of("r"));
    assertThat(body(none, "r")).isEqualTo("{false}?");
    assertThat(none.diagnostics()).extracting(Diagnostic::message).anyMatch(m -> m.contains("matches no byte"));
  }

  @Test
  @DisplayName("direct left recursion is left to ANTLR; indirect left recursion is an ABNF-level error")
  void leftRecursion() throws Exception {
    checkAgreement("r = r \"a\" / \"b\"\n", "r", "b", "baa", "ab", "");
    Emission indirect = emit("r = [\"x\"] s \"a\" / \"b\"\ns = r \"c\"\n", List.of("r"));
    assertThat(indirect.errors()).extracting(Diagnostic::toString).containsExactly(
        "t.abnf:1:1: error: rules r -> s -> r are left-recursive through each other, which ANTLR 4 cannot parse");
  }

  @Test
  @DisplayName("keyword rule names are renamed and the grammar still compiles")
  void keywords() throws Exception {
    checkAgreement("import = class \"a\"\nclass = \"b\" / fragment\nfragment = \"c\"\n", "import",
        "ba", "ca", "a", "bca");
  }

  @Test
  @DisplayName("ambiguous alternatives with a shared prefix are decided as the ABNF decides them")
  void ambiguity() throws Exception {
    checkAgreement("r = *(\"a\" / \"ab\" / \"abc\") \"b\"\n", "r",
        "b", "ab", "abb", "abcb", "abcab", "aab", "abcabcb", "abc", "ac");
  }
}
