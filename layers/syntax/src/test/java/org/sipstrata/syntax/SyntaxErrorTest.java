package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.FramingResult.Failed;

/** The one-sentence form of errors: where, what was expected, what was found. */
class SyntaxErrorTest {

  private static SyntaxError streamError(String text) {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    return ((Failed) decoder.next()).error();
  }

  @Test
  @DisplayName("a limit says which limit and where, not what the RFC expected")
  void limitSentence() {
    StringBuilder text = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\r\n");
    for (int i = 0; i < 300; i++) {
      text.append("X-").append(i).append(": ").append(i).append("\r\n");
    }
    SyntaxError error = streamError(text.toString());
    assertThat(error.message())
        .isEqualTo("line 258, column 1: the message has more header rows than the limit of 256 "
            + "(message-header, RFC 3261 §7.3)");
  }

  @Test
  @DisplayName("a stream message without Content-Length: found the empty line")
  void missingContentLengthSentence() {
    SyntaxError error = streamError("OPTIONS sip:a@example.com SIP/2.0\r\nVia: x\r\n\r\n");
    assertThat(error.message())
        .isEqualTo("line 3, column 1: expected Content-Length (RFC 3261 §18.3), a message on a "
            + "stream-oriented transport must carry Content-Length, but found \"\\r\\n\"");
  }

  @Test
  @DisplayName("conflicting Content-Length on a stream: found both values")
  void conflictingSentence() {
    SyntaxError error =
        streamError("OPTIONS sip:a@example.com SIP/2.0\r\nl: 13\r\nContent-Length: 5\r\n\r\n");
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.CONFLICTING_CONTENT_LENGTH);
    assertThat(error.found()).isEqualTo("13, 5");
  }

  @Test
  @DisplayName("an error section from the grammar is shown as given")
  void grammarSection() {
    SyntaxError error =
        new SyntaxError(SyntaxError.Kind.INVALID_HEADER_FIELD, 2, 5, "SIP-Version", "RFC 3261 §25.1",
            "x", "in Via");
    assertThat(error.message())
        .isEqualTo("line 2, column 5: expected SIP-Version (RFC 3261 §25.1), in Via, but found \"x\"");
  }
}
