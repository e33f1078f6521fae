package org.sipstrata.tutorials.ch02;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.CSeq;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.HeaderValue;
import org.sipstrata.syntax.NameAddress;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.TypedHeader;
import org.sipstrata.syntax.Via;

/** The code of chapter 2, "Messages": RFC 3261 §7, §19 and §20 in the syntax layer. */
@DisplayName("Chapter 2: Messages")
class MessagesTest {

  // tag::invite[]
  static final String INVITE = """
      INVITE sip:bob@biloxi.com SIP/2.0
      v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds
      Max-Forwards: 70
      To: Bob <sip:bob@biloxi.com>
      f: Alice <sip:alice@atlanta.com>;tag=1928301774
      Call-ID: a84b4c76e66710@pc33.atlanta.com
      CSeq: 314159 INVITE
      Contact: <sip:alice@pc33.atlanta.com>
      Content-Length: 0

      """;

  static byte[] wire(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8); // §7: lines end in CRLF
  }
  // end::invite[]

  @Test
  @DisplayName("a datagram frames into a request: start line and header rows")
  void framing() {
    // tag::framing[]
    FramingResult result = SipFraming.datagram(wire(INVITE));

    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    SipMessage message = ((FramingResult.Framed) result).message();
    SipRequest request = (SipRequest) message;
    assertThat(request.method()).isEqualTo("INVITE");
    assertThat(request.requestUri()).isEqualTo("sip:bob@biloxi.com");
    assertThat(request.sipVersion()).isEqualTo("SIP/2.0");
    assertThat(request.headers().size()).isEqualTo(8);
    // tag::compact[]
    // Compact forms (§7.3.3) are the same header: "v" is Via, "f" is From.
    assertThat(request.header("Via").orElseThrow().name()).isEqualTo("v");
    assertThat(request.header("From").orElseThrow().value())
        .isEqualTo("Alice <sip:alice@atlanta.com>;tag=1928301774");
    // end::compact[]
    // end::framing[]
  }

  @Test
  @DisplayName("typed headers are read when asked: the Via branch, the From tag, the CSeq")
  void typedHeaders() {
    SipMessage message = frame(INVITE);
    // tag::typed[]
    List<Via> vias = message.via().toOptional().orElseThrow();
    Via top = vias.get(0);
    assertThat(top.transport()).isEqualTo("UDP");
    assertThat(top.sentBy()).isEqualTo("pc33.atlanta.com");
    assertThat(top.branch()).contains("z9hG4bK776asdhds");
    assertThat(top.branch().orElseThrow()).startsWith(Via.MAGIC_COOKIE); // §8.1.1.7
    assertThat(top.hasRfc3261Branch()).isTrue();

    NameAddress from = message.from().toOptional().orElseThrow();
    assertThat(from.displayName()).contains("Alice");
    assertThat(from.uri().toString()).isEqualTo("sip:alice@atlanta.com");
    assertThat(from.tag()).contains("1928301774");

    assertThat(message.get(TypedHeader.CSEQ).toOptional())
        .contains(new CSeq(314159, "INVITE"));
    // end::typed[]
  }

  @Test
  @DisplayName("a malformed header is a typed error with line, column, rule and section")
  void malformedHeader() {
    // tag::malformed[]
    SipMessage message = frame(INVITE.replace("Max-Forwards: 70", "Max-Forwards: 256"));

    HeaderValue<Integer> maxForwards = message.get(TypedHeader.MAX_FORWARDS);
    assertThat(maxForwards).isInstanceOf(HeaderValue.Malformed.class);
    SyntaxError error = maxForwards.failure().orElseThrow();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.VALUE_OUT_OF_RANGE);
    assertThat(error.line()).isEqualTo(3); // lines count from the start line
    assertThat(error.column()).isEqualTo(15);
    assertThat(error.rule()).isEqualTo("Max-Forwards");
    assertThat(error.rfcSection()).isEqualTo("20.22");
    assertThat(error.message()).isEqualTo("line 3, column 15: expected Max-Forwards (RFC 3261 §20.22),"
        + " Max-Forwards is 0-255, but found \"256\"");
    // The rest of the message is still there: one bad row does not spoil the others.
    assertThat(message.from().isValid()).isTrue();
    // end::malformed[]
  }

  @Test
  @DisplayName("§20.10: without angle brackets, a ;tag belongs to the header, not to the URI")
  void fromWithoutBrackets() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-20.10
    //= type=test
    //# If no "<"
    //# and ">" are present, all parameters after the URI are header
    //# parameters, not URI parameters.
    // tag::bare-from[]
    NameAddress from = NameAddress.parse("sip:a@b;tag=x").toOptional().orElseThrow();

    assertThat(from.tag()).contains("x");
    assertThat(from.uri().toString()).isEqualTo("sip:a@b");
    assertThat(from.toString()).isEqualTo("<sip:a@b>;tag=x");
    // end::bare-from[]
  }

  @Test
  @DisplayName("an untouched message is written back byte for byte")
  void serialization() {
    // tag::serialization[]
    byte[] octets = wire(INVITE.replace("Max-Forwards: 70", "Max-Forwards:   70")
        .replace("Contact: <sip:alice@pc33.atlanta.com>",
            "Contact:\n <sip:alice@pc33.atlanta.com>")); // a folded row (§7.3.1)
    SipMessage message = frame(octets);

    assertThat(message.toBytes()).isEqualTo(octets);
    // end::serialization[]
  }

  @Test
  @DisplayName("§8.2.6: a 200 copies Via, From, Call-ID and CSeq and tags the To")
  void response() {
    SipRequest request = (SipRequest) frame(INVITE);
    // tag::response[]
    SipResponse ok = Responses.response(request, 200);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.reasonPhrase()).isEqualTo("OK");
    assertThat(ok.topViaBranch()).isEqualTo(request.topViaBranch());
    assertThat(ok.fromTag()).contains("1928301774");
    assertThat(ok.callId()).isEqualTo(request.callId());
    assertThat(ok.cseq()).isEqualTo(request.cseq());
    assertThat(ok.toTag()).isPresent();
    assertThat(new String(ok.toBytes(), StandardCharsets.UTF_8)).startsWith("""
        SIP/2.0 200 OK\r
        v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r
        f: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        To: Bob <sip:bob@biloxi.com>;tag=""");
    // end::response[]
  }

  @Test
  @DisplayName("§19.1.4: the RFC's own examples of equivalent and different URIs")
  void uriComparison() {
    // tag::uri-comparison[]
    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //= type=test
    //# sip:%61lice@atlanta.com;transport=TCP
    //# sip:alice@AtLanTa.CoM;Transport=tcp
    assertThat(uri("sip:%61lice@atlanta.com;transport=TCP")
        .equivalentTo(uri("sip:alice@AtLanTa.CoM;Transport=tcp"))).isTrue();

    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //= type=test
    //# SIP:ALICE@AtLanTa.CoM;Transport=udp (different usernames)
    //# sip:alice@AtLanTa.CoM;Transport=UDP
    assertThat(uri("SIP:ALICE@AtLanTa.CoM;Transport=udp")
        .equivalentTo(uri("sip:alice@AtLanTa.CoM;Transport=UDP"))).isFalse();

    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //= type=test
    //# sip:bob@biloxi.com (can resolve to different ports)
    //# sip:bob@biloxi.com:5060
    assertThat(uri("sip:bob@biloxi.com").equivalentTo(uri("sip:bob@biloxi.com:5060"))).isFalse();

    //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
    //= type=test
    //# Note that equality is not transitive:
    SipUri bare = uri("sip:carol@chicago.com");
    SipUri on = uri("sip:carol@chicago.com;security=on");
    SipUri off = uri("sip:carol@chicago.com;security=off");
    assertThat(bare.equivalentTo(on)).isTrue();
    assertThat(bare.equivalentTo(off)).isTrue();
    assertThat(on.equivalentTo(off)).isFalse();

    // Record equality is structural, not §19.1.4:
    assertThat(uri("sip:%61lice@atlanta.com")).isNotEqualTo(uri("sip:alice@atlanta.com"));
    // end::uri-comparison[]
  }

  @Test
  @DisplayName("the exercise's starting point is a BiPredicate the grader can load, and it is naive")
  void startingPoint() {
    YourUriEquivalence yours = new YourUriEquivalence();
    assertThat(yours.test(uri("sip:alice@atlanta.com"), uri("sip:alice@atlanta.com"))).isTrue();
    assertThat(yours.test(uri("sip:%61lice@atlanta.com"), uri("sip:alice@atlanta.com"))).isFalse();
  }

  // tag::uri[]
  static SipUri uri(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }
  // end::uri[]

  static SipMessage frame(String text) {
    return frame(wire(text));
  }

  static SipMessage frame(byte[] octets) {
    if (SipFraming.datagram(octets) instanceof FramingResult.Framed framed) {
      return framed.message();
    }
    throw new AssertionError("the example does not frame");
  }
}
