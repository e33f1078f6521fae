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
}
