package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AbnfExtractor")
class AbnfExtractorTest {

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25
  //= type=test
  //# All of the mechanisms specified in this document are described in
  //# both prose and an augmented Backus-Naur Form (BNF) defined in RFC
  //# 2234 [10].
  @Test
  @DisplayName("extracts the 282 rules of RFC 3261 §25, prose dropped, section tagged")
  void rfc3261() throws Exception {
    AbnfExtractor.Extraction x = AbnfExtractor.extract(TestFiles.rfc(3261), "25");
    assertThat(x.ruleCount()).isEqualTo(282);
    assertThat(x.ruleNames()).startsWith("alphanum", "reserved", "unreserved", "mark", "escaped", "LWS");
    assertThat(x.ruleNames()).contains("SIP-message", "Request-Line", "Via", "via-params", "IPv6reference",
        "srvr", "digest-uri-value", "display-name", "extension-header", "message-body");
    assertThat(x.ruleNames()).doesNotHaveDuplicates();
    assertThat(x.abnf()).contains("; //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1\n")
        .doesNotContain("Several rules are incorporated");
    // continuation lines are joined to their rule, with their relative indentation
    assertThat(x.abnf()).contains("reserved    =  \";\" / \"/\" / \"?\" / \":\" / \"@\" / \"&\" / \"=\" / \"+\"\n"
        + "               / \"$\" / \",\"\n");

    AbnfDocument doc = AbnfReader.read("rfc3261.abnf", x.abnf());
    // the RFC's own defect: a comment wrapped onto a continuation line ("by HTTP/1.1")
    assertThat(doc.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.rule()).contains("digest-uri-value");
      assertThat(d.message()).contains("unexpected '.'");
    });
    assertThat(doc.definitions()).hasSize(281);
    assertThat(doc.definitions()).allMatch(d -> d.rule().section()
        .equals("https://www.rfc-editor.org/rfc/rfc3261#section-25.1"));
  }

  @Test
  @DisplayName("every RFC 3261 rule prints back as ABNF that reads as the same rule")
  void printRoundTrip() throws Exception {
    AbnfDocument doc = AbnfReader.read("rfc3261.abnf", AbnfExtractor.extract(TestFiles.rfc(3261), "25").abnf());
    for (AbnfDocument.Definition d : doc.definitions()) {
      String printed = Elements.toAbnf(d.rule().element());
      AbnfDocument again = AbnfReader.read("printed", d.rule().name() + " = " + printed + "\n");
      assertThat(again.diagnostics()).as(printed).isEmpty();
      assertThat(Elements.toAbnf(again.definitions().get(0).rule().element())).isEqualTo(printed);
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1
  //= type=test
  //# Certain basic rules are in uppercase, such as SP, HTAB, CRLF, DIGIT,
  //# ALPHA, etc.
  @Test
  @DisplayName("extracts the 16 core rules of RFC 5234 Appendix B.1 across a page break")
  void coreRules() throws Exception {
    AbnfExtractor.Extraction x = AbnfExtractor.extract(TestFiles.rfc(5234), "B.1");
    assertThat(x.ruleNames()).containsExactly("ALPHA", "BIT", "CHAR", "CR", "CRLF", "CTL", "DIGIT", "DQUOTE",
        "HEXDIG", "HTAB", "LF", "LWSP", "OCTET", "SP", "VCHAR", "WSP");
    AbnfDocument doc = AbnfReader.read("core.abnf", x.abnf());
    assertThat(doc.diagnostics()).isEmpty();
    RuleSet rs = RuleSet.of(doc);
    assertThat(rs.check(List.of(), false)).isEmpty();
    assertThat(rs.rule("CHAR").orElseThrow().section()).isEqualTo("https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1");
  }

  @Test
  @DisplayName("reads RFC 5234's own ABNF of ABNF (§4) and RFC 7405's char-val (§2.2) without errors")
  void abnfOfAbnf() throws Exception {
    AbnfExtractor.Extraction abnf = AbnfExtractor.extract(TestFiles.rfc(5234), "4");
    assertThat(abnf.ruleCount()).isEqualTo(21);
    AbnfExtractor.Extraction core = AbnfExtractor.extract(TestFiles.rfc(5234), "B.1");
    AbnfExtractor.Extraction rfc7405 = AbnfExtractor.extract(TestFiles.rfc(7405), "2.2");
    assertThat(rfc7405.ruleNames()).containsExactly("char-val", "case-insensitive-string",
        "case-sensitive-string", "quoted-string");
    RuleSet rs = RuleSet.of(AbnfReader.read("abnf.abnf", abnf.abnf()), AbnfReader.read("core.abnf", core.abnf()));
    assertThat(rs.check(List.of("rulelist"), false)).noneMatch(Diagnostic::isError);
    assertThat(AbnfReader.read("7405.abnf", rfc7405.abnf()).diagnostics()).isEmpty();
  }

  @Test
  @DisplayName("extracts the 36 rules of RFC 3986's collected URI ABNF (Appendix A)")
  void uri() throws Exception {
    AbnfExtractor.Extraction x = AbnfExtractor.extract(TestFiles.rfc(3986), "A");
    assertThat(x.ruleCount()).isEqualTo(36);
    assertThat(x.ruleNames()).startsWith("URI", "hier-part").endsWith("sub-delims");
  }

  @Test
  @DisplayName("keeps a rule going across a blank line only while it is visibly unfinished")
  void continuationHeuristics() {
    List<String> lines = List.of(
        "   Prose that mentions a rule.",
        "",
        "      a  =  ( b",
        "",
        "             / c )",
        "      d  =  e /",
        "            f",
        "",
        "         indented prose after a complete rule",
        "   g = h");
    assertThat(AbnfExtractor.rulesIn(lines)).containsExactly(
        List.of("a  =  ( b", "       / c )"),
        List.of("d  =  e /", "      f"),
        List.of("g = h"));
  }

  @Test
  @DisplayName("an unknown section is an error, not an empty file")
  void unknownSection() {
    assertThatThrownBy(() -> AbnfExtractor.extract(TestFiles.rfc(3261), "99"))
        .isInstanceOf(AbnfException.class).hasMessageContaining("has no section 99");
  }
}
