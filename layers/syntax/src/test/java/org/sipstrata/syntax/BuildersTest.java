package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests per §8.1.1, responses per §8.2.6, fresh branches, tags and Call-IDs. */
class BuildersTest {

  private static final String INVITE = """
      INVITE sip:bob@biloxi.com SIP/2.0\r
      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r
      Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1\r
       ;received=192.0.2.2\r
      Max-Forwards: 70\r
      To: Bob <sip:bob@biloxi.com>\r
      From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
      Call-ID: a84b4c76e66710\r
      CSeq: 314159 INVITE\r
      Timestamp: 54\r
      Contact: <sip:alice@pc33.atlanta.com>\r
      Content-Length: 0\r
      \r
      """;

  private static SipRequest invite() {
    return (SipRequest) ((FramingResult.Framed) SipFraming.datagram(
        INVITE.getBytes(StandardCharsets.UTF_8))).message();
  }

  private static SipMessage reframe(SipMessage message) {
    FramingResult result = SipFraming.datagram(message.toBytes());
    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    return ((FramingResult.Framed) result).message();
  }

  private static SipUri sip(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }

  @Test
  @DisplayName("a built request has the six mandatory headers, a From tag, a cookie branch, and validates clean")
  void requestBuilder() {
    Host host = Host.parse("pc33.atlanta.com").toOptional().orElseThrow();
    SipRequest request = RequestBuilder.request("INVITE")
        .to(new NameAddress(java.util.Optional.of("Bob"),
            sip("sip:bob@biloxi.com;method=INVITE?subject=x"), Parameters.none()))
        .from(NameAddress.parse("Alice <sip:alice@atlanta.com>").toOptional().orElseThrow())
        .via(Via.of("UDP", host, OptionalInt.empty()))
        .contact(NameAddress.of(sip("sip:alice@pc33.atlanta.com")))
        .body(new MediaType("application", "sdp", Parameters.none()),
            "v=0\r\n".getBytes(StandardCharsets.UTF_8))
        .build();
    SipMessage wire = reframe(request);
    assertThat(wire.validate()).isEmpty();
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1
    //= type=test
    //# A valid SIP request formulated by a UAC MUST, at a minimum, contain
    //# the following header fields: To, From, CSeq, Call-ID, Max-Forwards,
    //# and Via; all of these header fields are mandatory in all SIP
    //# requests.
    assertThat(MessageFacts.of(wire)).extracting(MessageFact::kind)
        .doesNotContain(MessageFact.Kind.MISSING_MANDATORY_HEADER);
    assertThat(wire.get(TypedHeader.MAX_FORWARDS).toOptional()).contains(70);
    assertThat(wire.cseq()).contains(new CSeq(1, "INVITE"));
    assertThat(wire.fromTag()).get().asString().hasSizeGreaterThanOrEqualTo(8);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
    //= type=test
    //# The branch ID inserted by an element compliant with this
    //# specification MUST always begin with the characters "z9hG4bK".
    assertThat(wire.topViaBranch()).get().asString().startsWith("z9hG4bK");
    assertThat(wire.callId()).get().asString().endsWith("@atlanta.com");
    assertThat(wire.contentType().toOptional().map(MediaType::essence)).contains("application/sdp");
    assertThat(wire.get(TypedHeader.CONTENT_LENGTH).toOptional()).contains(5L);
    // §8.1.1.1: the To URI, without the method parameter (§19.1.5) and headers (§19.1.1).
    assertThat(((SipRequest) wire).requestUri()).isEqualTo("sip:bob@biloxi.com");
    assertThat(wire.to().toOptional().orElseThrow().uri().toString())
        .isEqualTo("sip:bob@biloxi.com;method=INVITE?subject=x");
  }

  @Test
  @DisplayName("a request without To, From or Via is a programming error naming what is missing")
  void requestBuilderNeedsMandatoryFields() {
    assertThatThrownBy(() -> RequestBuilder.request("OPTIONS").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("To, From, Via");
    assertThatThrownBy(() -> RequestBuilder.request("OPTIONS")
        .to(NameAddress.of(sip("sip:a@b.example"))).from(NameAddress.of(sip("sip:c@d.example")))
        .via(Via.of("UDP", Host.parse("d.example").toOptional().orElseThrow(), OptionalInt.empty()))
        .cseq(1L << 31).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("2**31");
  }

  @Test
  @DisplayName("a response copies Via (all, in order, byte for byte), From, Call-ID and CSeq, and adds a To tag")
  void response() {
    SipRequest request = invite();
    SipResponse ringing = Responses.response(request, 180);
    SipResponse ok = Responses.response(request, 200);
    assertThat(ringing.reasonPhrase()).isEqualTo("Ringing");
    assertThat(ok.reasonPhrase()).isEqualTo("OK");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //= type=test
    //# The Via header
    //# field values in the response MUST equal the Via header field values
    //# in the request and MUST maintain the same ordering.
    assertThat(ok.headers().all("Via")).extracting(HeaderField::toString)
        .containsExactlyElementsOf(request.headers().all("Via").stream()
            .map(HeaderField::toString).toList());
    for (String name : List.of("From", "Call-ID", "CSeq")) {
      assertThat(ok.header(name)).as(name).isEqualTo(request.header(name));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //= type=test
    //# The
    //# same tag MUST be used for all responses to that request, both final
    //# and provisional (again excepting the 100 (Trying)).
    assertThat(ok.toTag()).isPresent().isEqualTo(ringing.toTag());
    assertThat(ok.to().toOptional().orElseThrow().uri())
        .isEqualTo(request.to().toOptional().orElseThrow().uri());
    assertThat(ok.header("Timestamp")).isEmpty();
    SipMessage wire = reframe(ok);
    assertThat(wire.validate()).isEmpty();
    // Another request gets another tag.
    SipRequest other = request.withHeaders(request.headers()
        .replacing("Call-ID", HeaderField.of("Call-ID", "another@atlanta.com")));
    assertThat(Responses.response(other, 200).toTag()).isNotEqualTo(ok.toTag());
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.1
  //= type=test
  //# When a 100 (Trying) response is generated, any Timestamp header field
  //# present in the request MUST be copied into this 100 (Trying)
  //# response.
  @Test
  @DisplayName("a 100 (Trying) copies Timestamp and gets no To tag; a To tag already present is kept")
  void tryingAndExistingTag() {
    SipRequest request = invite();
    SipResponse trying = Responses.response(request, 100);
    assertThat(trying.reasonPhrase()).isEqualTo("Trying");
    assertThat(trying.header("Timestamp").map(HeaderField::value)).contains("54");
    assertThat(trying.toTag()).isEmpty();
    SipRequest inDialog = request.withHeaders(request.headers()
        .replacing("To", HeaderField.of("To", "Bob <sip:bob@biloxi.com>;tag=a6c85cf")));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2
    //= type=test
    //# If a request contained a To tag in the request, the To header field
    //# in the response MUST equal that of the request.
    assertThat(Responses.response(inDialog, 486).header("To")).isEqualTo(inDialog.header("To"));
    assertThat(Responses.response(inDialog, 486).reasonPhrase()).isEqualTo("Busy Here");
    assertThat(Responses.response(request, 299).reasonPhrase()).isEmpty();
  }

  @Test
  @DisplayName("branches, tags and Call-IDs are fresh: 10,000 of each are distinct; branches carry the cookie")
  void identifiers() {
    Identifiers ids = Identifiers.secure();
    Set<String> branches = new HashSet<>();
    Set<String> tags = new HashSet<>();
    Set<String> callIds = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String branch = ids.newBranch();
      assertThat(branch).startsWith(Via.MAGIC_COOKIE).hasSize(7 + 32);
      branches.add(branch);
      tags.add(ids.newTag());
      callIds.add(ids.newCallId("atlanta.com"));
    }
    assertThat(branches).hasSize(10_000);
    assertThat(tags).hasSize(10_000);
    assertThat(callIds).hasSize(10_000);
    Via via = Via.of("TCP", Host.parse("[2001:db8::1]").toOptional().orElseThrow(),
        OptionalInt.of(5060)).withNewBranch(ids);
    assertThat(via.hasRfc3261Branch()).isTrue();
    assertThat(Via.parse(via.toString()).toOptional()).contains(via);
    // A seeded source repeats itself, for tests.
    assertThat(Identifiers.using(new Random(7)).newBranch())
        .isEqualTo(Identifiers.using(new Random(7)).newBranch());
  }

  @Test
  @DisplayName("Host.parse accepts exactly a host: not a port, user, parameters or garbage")
  void hostParse() {
    assertThat(Host.parse("atlanta.com").toOptional().map(Host::kind)).contains(Host.Kind.HOSTNAME);
    assertThat(Host.parse("192.0.2.1").toOptional().map(Host::kind))
        .contains(Host.Kind.IPV4_ADDRESS);
    assertThat(Host.parse("[::1]").toOptional().map(Host::kind)).contains(Host.Kind.IPV6_REFERENCE);
    for (String bad : List.of("", "a:5060", "a@b", "a;x", "::1", "a b", "[::1", "-a.com")) {
      assertThat(Host.parse(bad).isOk()).as(bad).isFalse();
    }
  }
}
