package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GrammarError")
class GrammarErrorTest {

  @Test
  @DisplayName("message() reads: line, column, expected, section and rule, found")
  void messageFormat() {
    GrammarError error =
        new GrammarError(1, 9, "Request-Line", "RFC 3261 §25.1", "SIP-Version", "SIP/7.0");
    assertThat(error.message())
        .isEqualTo(
            "line 1, column 9: expected SIP-Version (RFC 3261 §25.1, Request-Line) but found"
                + " \"SIP/7.0\"");
  }

  @Test
  @DisplayName("a failure in the middle of a rule names the characters it wanted, in ABNF")
  void expectedCharactersInAbnf() {
    ParseResult result =
        SipGrammar.strict().parse(EntryRule.REQUEST_LINE, "INVITE sip:a@b SIP/x.0\r\n");
    GrammarError error = ((ParseResult.Failed) result).error();
    assertThat(error.abnfRule()).isEqualTo("SIP-Version");
    assertThat(error.expected()).isEqualTo("DIGIT");
    assertThat(error.column()).isEqualTo(20);
    assertThat(error.found()).isEqualTo("x.0");
  }

  @Test
  @DisplayName("errors on later lines count lines and columns in the whole message")
  void lineAndColumnInAMessage() {
    String message =
        "OPTIONS sip:a@b SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP host;branch=z9hG4bK1\r\n"
            + "CSeq: one OPTIONS\r\n"
            + "\r\n";
    GrammarError error =
        ((ParseResult.Failed) SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message)).error();
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.column()).isEqualTo(7);
    assertThat(error.abnfRule()).isEqualTo("CSeq");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //= type=test
  //# CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method
  @Test
  @DisplayName("after white space that a decision had to look past, the expected set includes what follows it (CSeq: many → DIGIT)")
  void expectedAfterLookahead() {
    GrammarError value = ((ParseResult.Failed) SipGrammar.strict()
        .parseHeaderValue(EntryRule.CSEQ, "many INVITE")).error();
    assertThat(value.column()).isEqualTo(1);
    assertThat(value.expected()).contains("DIGIT");
    GrammarError row = ((ParseResult.Failed) SipGrammar.strict()
        .parse(EntryRule.CSEQ, "CSeq: many INVITE")).error();
    assertThat(row.column()).isEqualTo(7);
    assertThat(row.expected().split(" / ")).contains("DIGIT", "SP", "HTAB", "CR");
    assertThat(row.found()).isEqualTo("many INVITE");
    // Without white space no decision looks ahead: the optional SWS is passed over by one
    // octet, and the set is that of 1*DIGIT (the SWS that could also start here is not listed).
    GrammarError tight = ((ParseResult.Failed) SipGrammar.strict()
        .parse(EntryRule.CSEQ, "CSeq:many INVITE")).error();
    assertThat(tight.column()).isEqualTo(6);
    assertThat(tight.expected()).isEqualTo("DIGIT");
    // The innermost rule is still named where the failure is at the start of a rule.
    GrammarError method = ((ParseResult.Failed) SipGrammar.strict()
        .parse(EntryRule.CSEQ, "CSeq: 1 @")).error();
    assertThat(method.column()).isEqualTo(9);
  }
}
