package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.abnf.oracle.AbnfMatcher;

/**
 * RFC 5234 §4 defines ABNF in ABNF, and RFC 7405 §2.2 replaces its char-val. Extracted, combined
 * with RFC 7405 as an overlay and emitted, the result must parse ABNF text, including the core
 * rules this module extracts, and reject what is not ABNF.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The parser generated from RFC 5234's ABNF of ABNF (with RFC 7405) parses ABNF")
class AbnfOfAbnfTest {

  RuleSet rules;
  AntlrHarness parser;
  String entry;

  @BeforeAll
  void build(@TempDir Path work) throws Exception {
    AbnfDocument abnf = AbnfReader.read("rfc5234-4.abnf", AbnfExtractor.extract(TestFiles.rfc(5234), "4").abnf());
    AbnfDocument core = AbnfReader.read("rfc5234-B.1.abnf", AbnfExtractor.extract(TestFiles.rfc(5234), "B.1").abnf());
    AbnfDocument rfc7405 = AbnfReader.read("rfc7405.abnf", AbnfExtractor.extract(TestFiles.rfc(7405), "2.2").abnf());
    rules = RuleSet.combine(List.of(abnf, core), List.of(rfc7405));
    Emission e = AntlrEmitter.emit(rules, EmitterOptions.of("AbnfParser", List.of("rulelist")));
    assertThat(e.errors()).isEmpty();
    entry = AntlrHarness.entryRule(e.rulesTsv(), "rulelist");
    parser = AntlrHarness.build("AbnfParser", e.grammar(), work);
    assertThat(parser.toolErrors).isEmpty();
  }

  boolean both(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    boolean matcher = AbnfMatcher.matches(rules, "rulelist", b);
    assertThat(parser.accepts(entry, b)).as("parser and matcher on %s", text).isEqualTo(matcher);
    return matcher;
  }

  //= https://www.rfc-editor.org/rfc/rfc7405#section-2.2
  //= type=test
  //# case-sensitive-string =
  //# "%s" quoted-string
  @Test
  @DisplayName("the extracted core rules, with CRLF line ends, are a rulelist; so are %s strings")
  void parsesAbnf() throws Exception {
    String coreText = AbnfExtractor.extract(TestFiles.rfc(5234), "B.1").abnf().replace("\n", "\r\n");
    assertThat(both(coreText)).isTrue();
    assertThat(both("r = %s\"aB\" / %i\"c\" [d] 2*3e\r\n")).isTrue();
    assertThat(both("r =/ <prose> ; comment\r\n  / %x30-39\r\n")).isTrue();
  }

  @Test
  @DisplayName("what is not ABNF is rejected by both")
  void rejects() {
    assertThat(both("r = \"unterminated\r\n")).isFalse();
    assertThat(both("r = a\n")).isFalse();
    assertThat(both("1r = a\r\n")).isFalse();
    assertThat(both("r = (a\r\n")).isFalse();
    assertThat(both("r = %q1\r\n")).isFalse();
  }
}
