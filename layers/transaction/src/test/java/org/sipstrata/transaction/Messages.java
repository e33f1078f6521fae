package org.sipstrata.transaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** Example messages for the tests, written as text (LF line ends become CRLF). */
final class Messages {

  private Messages() {}

  static final String INVITE = """
      INVITE sip:bob@biloxi.com SIP/2.0
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff
      To: Bob <sip:bob@biloxi.com>
      From: Alice <sip:alice@atlanta.com>;tag=88sja8x
      Max-Forwards: 70
      Route: <sip:proxy.atlanta.com;lr>
      Call-ID: 987asjd97y7atg
      CSeq: 986759 INVITE
      Content-Length: 0

      """;

  static final String OPTIONS = """
      OPTIONS sip:carol@chicago.com SIP/2.0
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877
      Max-Forwards: 70
      To: <sip:carol@chicago.com>
      From: Alice <sip:alice@atlanta.com>;tag=1928301774
      Call-ID: a84b4c76e66710
      CSeq: 63104 OPTIONS
      Content-Length: 0

      """;

  static SipMessage parse(String text) {
    return frame(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  static SipMessage frame(byte[] octets) {
    FramingResult result = SipFraming.datagram(octets);
    if (result instanceof FramingResult.Framed framed) {
      return framed.message();
    }
    throw new AssertionError("example does not frame: " + result);
  }

  static SipRequest request(String text) {
    return (SipRequest) parse(text);
  }

  static SipRequest invite() {
    return request(INVITE);
  }

  static SipRequest options() {
    return request(OPTIONS);
  }

  /** The request the machine carries: INVITE for the INVITE machines, OPTIONS for the others. */
  static SipRequest requestFor(Machine machine) {
    return machine.isInvite() ? invite() : options();
  }

  /** A response to {@code request} with To tag {@code 99sa0xk} (none for 100). */
  static SipResponse response(SipRequest request, int status) {
    return Responses.response(request, status, Responses.reasonPhrase(status).orElse("Status"),
        "99sa0xk");
  }

  /** The ACK a UAC sends for a non-2xx final response to {@code invite} (same branch). */
  static SipRequest ackFor(SipRequest invite) {
    return request(INVITE.replace("INVITE sip:", "ACK sip:")
        .replace("To: Bob <sip:bob@biloxi.com>", "To: Bob <sip:bob@biloxi.com>;tag=99sa0xk")
        .replace("CSeq: 986759 INVITE", "CSeq: 986759 ACK"));
  }

  /** A message of RFC 4475 copied into this module's test resources. */
  static SipRequest rfc4475(String name) {
    try (InputStream in = Messages.class.getResourceAsStream("/corpus/rfc4475/" + name + ".dat")) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      return (SipRequest) frame(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
