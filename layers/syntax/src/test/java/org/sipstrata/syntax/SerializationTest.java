package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.Serialization.NameForm;

/** Preserving and canonical serialization (RFC 3261 §7, §7.3.1, §7.3.3, §20.14). */
class SerializationTest {

  private static SipMessage frame(byte[] bytes) {
    return ((Framed) SipFraming.datagram(bytes)).message();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NameForm.class)
  @DisplayName("every framed RFC 4475 message re-frames from its canonical form as an equal message")
  void canonicalRoundTrip(NameForm form) {
    int checked = 0;
    for (Corpus.Torture t : Corpus.rfc4475()) {
      if (!(SipFraming.datagram(t.bytes()) instanceof Framed framed)) {
        continue;
      }
      SipMessage message = framed.message();
      byte[] canonical = message.toCanonicalBytes(form);
      SipMessage again = frame(canonical);
      // Canonical form rewrites Content-Length; compare with the message whose Content-Length is right.
      SipMessage expected =
          message.withHeaders(
              message.headers().replacing("Content-Length",
                  HeaderField.of("Content-Length", Integer.toString(message.bodyLength()))));
      assertThat(again).as(t.name()).isEqualTo(expected);
      // Canonical is a fixed point.
      assertThat(again.toCanonicalBytes(form)).as(t.name()).isEqualTo(canonical);
      checked++;
    }
    assertThat(checked).isEqualTo(46);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
  //= type=test
  //# The SIP-Version string is case-insensitive,
  //# but implementations MUST send upper-case.
  @Test
  @DisplayName("canonical form: SP after the colon, folds unfolded, upper-case version, compact names by option")
  void canonicalShape() {
    SipMessage message =
        frame(("INVITE sip:b@example.com sip/2.0\r\nv : SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "Subject:a,\r\n  b\r\nCall-ID:   x@y\r\nX-Ext:1\r\n\r\nbody")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(new String(message.toCanonicalBytes(NameForm.LONG), StandardCharsets.UTF_8))
        .isEqualTo("INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
            + "Subject: a, b\r\nCall-ID: x@y\r\nX-Ext: 1\r\nContent-Length: 4\r\n\r\nbody");
    assertThat(new String(message.toCanonicalBytes(NameForm.COMPACT), StandardCharsets.UTF_8))
        .isEqualTo("INVITE sip:b@example.com SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
            + "s: a, b\r\ni: x@y\r\nX-Ext: 1\r\nl: 4\r\n\r\nbody");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
  //= type=test
  //# If no body is present in a message, then the
  //# Content-Length header field value MUST be set to zero.
  @Test
  @DisplayName("canonical form recomputes Content-Length: one row, in place, with the body length")
  void contentLengthRecomputed() {
    SipMessage message =
        SipResponse.of(200, "OK",
            HeaderFields.of(HeaderField.of("l", "99"), HeaderField.of("Content-Length", "5"),
                HeaderField.of("CSeq", "1 INVITE")),
            new byte[0]);
    assertThat(MessageFacts.of(message)).isNotEmpty();
    assertThat(new String(message.toCanonicalBytes(NameForm.LONG), StandardCharsets.US_ASCII))
        .isEqualTo("SIP/2.0 200 OK\r\nContent-Length: 0\r\nCSeq: 1 INVITE\r\n\r\n");
  }

  @Test
  @DisplayName("preserving form: a changed row is written canonically, untouched rows byte for byte")
  void preservingAfterAChange() {
    String text =
        "OPTIONS sip:a@example.com SIP/2.0\r\nVia  :  SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
            + "Max-Forwards:70\r\nl:0\r\n\r\n";
    SipMessage message = frame(text.getBytes(StandardCharsets.UTF_8));
    assertThat(message.toBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    SipMessage changed =
        message.withHeaders(message.headers().replacing("Max-Forwards",
            HeaderField.of("Max-Forwards", "69")));
    assertThat(new String(changed.toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("OPTIONS sip:a@example.com SIP/2.0\r\nVia  :  SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
            + "Max-Forwards: 69\r\nl:0\r\n\r\n");
    SipRequest retargeted = ((SipRequest) message).withRequestUri("sip:b@example.com");
    assertThat(new String(retargeted.toBytes(), StandardCharsets.UTF_8))
        .startsWith("OPTIONS sip:b@example.com SIP/2.0\r\nVia  :  ");
  }
}
