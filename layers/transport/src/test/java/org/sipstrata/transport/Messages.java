package org.sipstrata.transport;

import java.nio.charset.StandardCharsets;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** Test messages written as text, lines joined with CRLF. */
final class Messages {

  private Messages() {}

  static byte[] octets(String... lines) {
    return (String.join("\r\n", lines)).getBytes(StandardCharsets.UTF_8);
  }

  static SipMessage frame(String... lines) {
    FramingResult r = SipFraming.datagram(octets(lines));
    if (r instanceof FramingResult.Framed f) {
      return f.message();
    }
    throw new AssertionError("test message does not frame: " + r);
  }

  static SipRequest request(String... lines) {
    return (SipRequest) frame(lines);
  }

  static SipResponse response(String... lines) {
    return (SipResponse) frame(lines);
  }

  /** An OPTIONS request with the given top Via value, Content-Length 0. */
  static SipRequest options(String via) {
    return request(
        "OPTIONS sip:carol@chicago.com SIP/2.0",
        "Via: " + via,
        "Max-Forwards: 70",
        "To: <sip:carol@chicago.com>",
        "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710",
        "CSeq: 63104 OPTIONS",
        "Content-Length: 0",
        "",
        "");
  }

  static String text(SipMessage m) {
    return new String(m.toBytes(), StandardCharsets.UTF_8);
  }

  static String topVia(SipMessage m) {
    return m.header("Via").orElseThrow().values().get(0);
  }
}
