package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.MessageFact.Kind;

/** Facts a receiver must notice without breaking (RFC 4475 §3.3), computed from the rows. */
class MessageFactsTest {

  private static List<Kind> kinds(List<MessageFact> facts) {
    return facts.stream().map(MessageFact::kind).toList();
  }

  @Test
  @DisplayName("a response without Via, From, To, Call-ID and CSeq: each is reported missing")
  void responseMissingHeaders() {
    SipResponse response = SipResponse.of(200, "OK", HeaderFields.empty(), new byte[0]);
    assertThat(MessageFacts.of(response))
        .extracting(MessageFact::header)
        .containsExactly("To", "From", "CSeq", "Call-ID", "Via");
    assertThat(MessageFacts.of(response)).allMatch(f -> f.rfcSection().equals("RFC 3261 §8.2.6.2"));
  }

  @Test
  @DisplayName("a complete request has no facts; compact names count as present")
  void completeRequest() {
    String text =
        "OPTIONS sip:a@example.com SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nt: <sip:a@example.com>\r\n"
            + "f: <sip:b@example.com>;tag=1\r\ni: c@h\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nl: 0\r\n\r\n";
    Framed framed = (Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
    assertThat(framed.facts()).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
  //= type=test
  //# The Content-Length header field indicates the size of the message-
  //# body, in decimal number of octets, sent to the recipient.
  @Test
  @DisplayName("a built message whose Content-Length disagrees with its body is reported")
  void contentLengthMismatch() {
    SipRequest request =
        SipRequest.of("MESSAGE", "sip:a@example.com",
            HeaderFields.of(HeaderField.of("Content-Length", "10")),
            "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(kinds(MessageFacts.of(request))).contains(Kind.CONTENT_LENGTH_MISMATCH);
    SipRequest fixed =
        request.withHeaders(HeaderFields.of(HeaderField.of("l", "005")));
    assertThat(kinds(MessageFacts.of(fixed))).doesNotContain(Kind.CONTENT_LENGTH_MISMATCH);
  }

  @Test
  @DisplayName("two equal Content-Length rows frame, with a duplicate fact; comma-list headers may repeat")
  void duplicateContentLength() {
    String text =
        "OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\nRoute: <sip:a>\r\n"
            + "Route: <sip:b>\r\nSubject: x\r\ns: y\r\n\r\nhi";
    Framed framed = (Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
    assertThat(framed.message().bodyLength()).isEqualTo(2);
    assertThat(framed.has(Kind.DUPLICATE_CONTENT_LENGTH)).isTrue();
    assertThat(framed.facts())
        .filteredOn(f -> f.kind() == Kind.REPEATED_SINGLE_VALUE_HEADER)
        .extracting(MessageFact::header)
        .containsExactly("Subject");
  }
}
