package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed header field values (RFC 3261 §20) read from the grammar's parse trees. */
class TypedHeadersTest {

  private static SipMessage message(String... headerLines) {
    String text = "INVITE sip:bob@biloxi.com SIP/2.0\r\n" + String.join("\r\n", headerLines)
        + "\r\n\r\n";
    FramingResult result = SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    return ((FramingResult.Framed) result).message();
  }

  private static <T> T valid(HeaderValue<T> value) {
    assertThat(value).isInstanceOf(HeaderValue.Valid.class);
    return value.toOptional().orElseThrow();
  }

  @Test
  @DisplayName("Via: sent-protocol, sent-by, branch, received, maddr, ttl, over folded rows and several values")
  void via() {
    SipMessage m = message(
        "Via: SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds",
        " ;received=192.0.2.1;maddr=224.2.0.1;ttl=16",
        "v: SIP/2.0/TCP [2001:db8::9:1];branch=z9hG4bKkjshdyff, SIP/2.0/TLS bigbox3.site3.atlanta.com");
    List<Via> vias = valid(m.via());
    assertThat(vias).hasSize(3);
    Via top = vias.get(0);
    assertThat(List.of(top.protocolName(), top.protocolVersion(), top.transport()))
        .containsExactly("SIP", "2.0", "UDP");
    assertThat(top.host()).isEqualTo(new Host(Host.Kind.HOSTNAME, "pc33.atlanta.com"));
    assertThat(top.port()).isEqualTo(OptionalInt.of(5066));
    assertThat(top.sentBy()).isEqualTo("pc33.atlanta.com:5066");
    assertThat(top.branch()).contains("z9hG4bK776asdhds");
    assertThat(top.hasRfc3261Branch()).isTrue();
    assertThat(top.received()).contains("192.0.2.1");
    assertThat(top.maddr()).contains("224.2.0.1");
    assertThat(top.ttl()).isEqualTo(OptionalInt.of(16));
    assertThat(vias.get(1).host().kind()).isEqualTo(Host.Kind.IPV6_REFERENCE);
    assertThat(vias.get(1).port()).isEmpty();
    assertThat(vias.get(2).branch()).isEmpty();
    assertThat(vias.get(2).hasRfc3261Branch()).isFalse();
    assertThat(top.toString()).isEqualTo(
        "SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;maddr=224.2.0.1;ttl=16");
    assertThat(Via.parse(top.toString()).toOptional()).contains(top);
  }

  @Test
  @DisplayName("Via rport (RFC 3581): valueless from the client, with the port once the server fills it in")
  void rport() {
    Via request = Via.parse("SIP/2.0/UDP 10.1.1.1:4540;rport;branch=z9hG4bKkjshdyff")
        .toOptional().orElseThrow();
    assertThat(request.hasRport()).isTrue();
    assertThat(request.rport()).isEmpty();
    Via answered = Via.parse(
        "SIP/2.0/UDP 10.1.1.1:4540;received=192.0.2.1;rport=9988;branch=z9hG4bKkjshdyff")
        .toOptional().orElseThrow();
    assertThat(answered.hasRport()).isTrue();
    assertThat(answered.rport()).isEqualTo(OptionalInt.of(9988));
    assertThat(answered.received()).contains("192.0.2.1");
    assertThat(Via.parse("SIP/2.0/UDP 10.1.1.1").toOptional().orElseThrow().hasRport()).isFalse();
  }

  //= https://www.rfc-editor.org/rfc/rfc8217#section-3
  //= type=test
  //# If the URI is not enclosed in angle
  //# brackets, any semicolon-delimited parameters are header-parameters,
  //# not URI parameters.
  @Test
  @DisplayName("From and To: display name, URI, tag; without <> the ;tag belongs to the header")
  void fromAndTo() {
    SipMessage m = message("From: \"Alice\" <sip:alice@atlanta.com;transport=tcp>;tag=1928301774",
        "t: sip:bob@biloxi.com;tag=a6c85cf;x=1");
    NameAddress from = valid(m.from());
    assertThat(from.displayName()).contains("Alice");
    assertThat(((SipUri) from.uri()).transport()).contains("tcp");
    assertThat(from.tag()).contains("1928301774");
    NameAddress to = valid(m.to());
    assertThat(to.displayName()).isEmpty();
    assertThat(((SipUri) to.uri()).parameters().isEmpty()).isTrue();
    assertThat(to.tag()).contains("a6c85cf");
    assertThat(to.parameters().value("x")).contains("1");
    assertThat(to.withTag("z").tag()).contains("z");
  }

  @Test
  @DisplayName("Contact: several rows and values with expires and q; the * wildcard")
  void contact() {
    SipMessage m = message("Contact: <sip:alice@pc33.atlanta.com>;expires=3600;q=0.7",
        "m: \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1, sips:a@b.example;expires=0");
    Contact contact = valid(m.contact());
    assertThat(contact.wildcard()).isFalse();
    assertThat(contact.addresses()).hasSize(3);
    assertThat(Contact.expires(contact.addresses().get(0))).isEqualTo(OptionalLong.of(3600));
    assertThat(Contact.q(contact.addresses().get(0))).contains(new BigDecimal("0.7"));
    assertThat(contact.addresses().get(1).uri()).isInstanceOf(AbsoluteUri.class);
    assertThat(Contact.q(contact.addresses().get(1))).contains(new BigDecimal("0.1"));
    assertThat(Contact.expires(contact.addresses().get(2))).isEqualTo(OptionalLong.of(0));
    assertThat(((SipUri) contact.addresses().get(2).uri()).secure()).isTrue();
    Contact star = valid(message("Contact: *", "Expires: 0").contact());
    assertThat(star.wildcard()).isTrue();
    assertThat(star.addresses()).isEmpty();
    assertThat(star.toString()).isEqualTo("*");
  }

  @Test
  @DisplayName("Route and Record-Route: name-addrs in order over all rows")
  void routes() {
    SipMessage m = message("Route: <sip:p1.example.com;lr>, <sip:p2.domain.com;lr>",
        "Route: <sip:p3.example.net>;x=y", "Record-Route: <sip:p4.example.com;lr>");
    List<NameAddress> route = valid(m.route());
    assertThat(route).extracting(a -> a.uri().toString()).containsExactly(
        "sip:p1.example.com;lr", "sip:p2.domain.com;lr", "sip:p3.example.net");
    assertThat(route.get(2).parameters().value("x")).contains("y");
    assertThat(((SipUri) route.get(0).uri()).lr()).isTrue();
    assertThat(valid(m.recordRoute())).hasSize(1);
  }

  @Test
  @DisplayName("CSeq, Call-ID, Max-Forwards, Content-Length, Expires, Min-Expires as numbers and text")
  void scalars() {
    SipMessage m = message("CSeq: 4711 INVITE", "i: f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com",
        "Max-Forwards: 70", "l: 0", "Expires: 7200", "Min-Expires: 60");
    assertThat(valid(m.get(TypedHeader.CSEQ))).isEqualTo(new CSeq(4711, "INVITE"));
    assertThat(valid(m.get(TypedHeader.CALL_ID)))
        .isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com");
    assertThat(valid(m.get(TypedHeader.MAX_FORWARDS))).isEqualTo(70);
    assertThat(valid(m.get(TypedHeader.CONTENT_LENGTH))).isEqualTo(0L);
    assertThat(valid(m.get(TypedHeader.EXPIRES))).isEqualTo(7200L);
    assertThat(valid(m.get(TypedHeader.MIN_EXPIRES))).isEqualTo(60L);
    assertThat(m.get(TypedHeader.CONTENT_TYPE)).isInstanceOf(HeaderValue.Absent.class);
  }

  @Test
  @DisplayName("Content-Type and Accept: media types with parameters")
  void mediaTypes() {
    SipMessage m = message("c: text/html; charset=ISO-8859-4",
        "Accept: application/sdp;level=1, application/x-private, text/html;q=0.5");
    MediaType type = valid(m.contentType());
    assertThat(type.essence()).isEqualTo("text/html");
    assertThat(type.parameters().value("CHARSET")).contains("ISO-8859-4");
    assertThat(valid(m.get(TypedHeader.ACCEPT))).extracting(MediaType::essence)
        .containsExactly("application/sdp", "application/x-private", "text/html");
    assertThat(valid(m.get(TypedHeader.ACCEPT)).get(2).parameters().value("q")).contains("0.5");
    SipMessage wild = message("Accept: */*, text/*;q=0.5");
    assertThat(valid(wild.get(TypedHeader.ACCEPT))).extracting(MediaType::essence)
        .containsExactly("*/*", "text/*");
    // §20.1: an empty Accept means no body is acceptable.
    assertThat(valid(message("Accept:").get(TypedHeader.ACCEPT))).isEmpty();
  }

  @Test
  @DisplayName("option-tag and method lists: Allow, Supported, Require, Unsupported, Proxy-Require")
  void tokenLists() {
    SipMessage m = message("Allow: INVITE, ACK, OPTIONS", "Allow: CANCEL", "k: 100rel,timer",
        "Supported:", "Require: 100rel", "Unsupported: foo", "Proxy-Require: foo, bar");
    assertThat(valid(m.get(TypedHeader.ALLOW))).containsExactly("INVITE", "ACK", "OPTIONS", "CANCEL");
    assertThat(valid(m.get(TypedHeader.SUPPORTED))).containsExactly("100rel", "timer");
    assertThat(valid(m.get(TypedHeader.REQUIRE))).containsExactly("100rel");
    assertThat(valid(m.get(TypedHeader.UNSUPPORTED))).containsExactly("foo");
    assertThat(valid(m.get(TypedHeader.PROXY_REQUIRE))).containsExactly("foo", "bar");
  }

  @Test
  @DisplayName("the other §20 headers: the examples of their sections")
  void otherHeaders() {
    SipMessage m = message(
        "Accept-Encoding: gzip",
        "Accept-Language: da, en-gb;q=0.8, en;q=0.7",
        "Alert-Info: <http://www.example.com/sounds/moo.wav>",
        "Call-Info: <http://wwww.example.com/alice/photo.jpg> ;purpose=icon,",
        "  <http://www.example.com/alice/> ;purpose=info",
        "Content-Disposition: session",
        "Content-Encoding: gzip",
        "Content-Language: fr",
        "Date: Sat, 13 Nov 2010 23:29:00 GMT",
        "Error-Info: <sip:not-in-service-recording@atlanta.com>",
        "In-Reply-To: 70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com",
        "MIME-Version: 1.0",
        "Organization: Boxes by Bob",
        "Priority: emergency",
        "Reply-To: Bob <sip:bob@biloxi.com>",
        "Retry-After: 18000;duration=3600",
        "Server: HomeServer v2",
        "Subject: Need more boxes",
        "Timestamp: 54",
        "User-Agent: Softphone Beta1.5",
        "Warning: 307 isi.edu \"Session parameter 'foo' not understood\"",
        "Authorization: Digest username=\"Alice\", realm=\"atlanta.com\",",
        " nonce=\"84a4cc6f3082121f32b42a2187831a9e\",",
        " response=\"7587245234b3434cc3412213e5f113a5432\"",
        "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\",",
        " qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE,",
        " algorithm=MD5",
        "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\"",
        "Proxy-Authenticate: NewAuth realm=\"x\"",
        "Proxy-Authorization: Digest username=\"Alice\", realm=\"atlanta.com\"");
    assertThat(valid(m.get(TypedHeader.ACCEPT_ENCODING))).extracting(ParameterizedValue::value)
        .containsExactly("gzip");
    assertThat(valid(m.get(TypedHeader.ACCEPT_LANGUAGE)).get(1))
        .isEqualTo(new ParameterizedValue("en-gb", new Parameters(List.of(Parameter.of("q", "0.8")))));
    assertThat(valid(m.get(TypedHeader.ALERT_INFO)).get(0).uri().scheme()).isEqualTo("http");
    List<InfoValue> info = valid(m.get(TypedHeader.CALL_INFO));
    assertThat(info).extracting(i -> i.parameters().value("purpose").orElseThrow())
        .containsExactly("icon", "info");
    assertThat(valid(m.get(TypedHeader.CONTENT_DISPOSITION)).value()).isEqualTo("session");
    assertThat(valid(m.get(TypedHeader.CONTENT_ENCODING))).containsExactly("gzip");
    assertThat(valid(m.get(TypedHeader.CONTENT_LANGUAGE))).containsExactly("fr");
    assertThat(valid(m.get(TypedHeader.DATE))).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(valid(m.get(TypedHeader.ERROR_INFO)).get(0).uri()).isInstanceOf(SipUri.class);
    assertThat(valid(m.get(TypedHeader.IN_REPLY_TO)))
        .containsExactly("70710@saturn.bell-tel.com", "17320@saturn.bell-tel.com");
    assertThat(valid(m.get(TypedHeader.MIME_VERSION))).isEqualTo("1.0");
    assertThat(valid(m.get(TypedHeader.ORGANIZATION))).isEqualTo("Boxes by Bob");
    assertThat(valid(m.get(TypedHeader.PRIORITY))).isEqualTo("emergency");
    assertThat(valid(m.get(TypedHeader.REPLY_TO)).displayName()).contains("Bob");
    RetryAfter retry = valid(m.get(TypedHeader.RETRY_AFTER));
    assertThat(retry.seconds()).isEqualTo(18000);
    assertThat(retry.parameters().value("duration")).contains("3600");
    assertThat(valid(m.get(TypedHeader.SERVER))).isEqualTo("HomeServer v2");
    assertThat(valid(m.get(TypedHeader.SUBJECT))).isEqualTo("Need more boxes");
    assertThat(valid(m.get(TypedHeader.TIMESTAMP)).time()).isEqualTo("54");
    assertThat(valid(m.get(TypedHeader.USER_AGENT))).isEqualTo("Softphone Beta1.5");
    assertThat(valid(m.get(TypedHeader.WARNING)))
        .containsExactly(new Warning(307, "isi.edu", "Session parameter 'foo' not understood"));
    AuthValue authorization = valid(m.get(TypedHeader.AUTHORIZATION));
    assertThat(authorization.scheme()).isEqualTo("Digest");
    assertThat(authorization.parameters().value("USERNAME")).contains("\"Alice\"");
    assertThat(authorization.parameters().names())
        .containsExactly("username", "realm", "nonce", "response");
    AuthValue challenge = valid(m.get(TypedHeader.WWW_AUTHENTICATE));
    assertThat(challenge.parameters().value("stale")).contains("FALSE");
    assertThat(challenge.parameters().list()).hasSize(7);
    assertThat(valid(m.get(TypedHeader.AUTHENTICATION_INFO)).value("nextnonce")).isPresent();
    assertThat(valid(m.get(TypedHeader.PROXY_AUTHENTICATE)).scheme()).isEqualTo("NewAuth");
    assertThat(valid(m.get(TypedHeader.PROXY_AUTHORIZATION)).parameters().list()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Max-Forwards: 256                    | VALUE_OUT_OF_RANGE   | 4 | 15
      CSeq: 4294967296 INVITE              | VALUE_OUT_OF_RANGE   | 4 | 7
      Expires: 4294967296                  | VALUE_OUT_OF_RANGE   | 4 | 10
      Via: SIP/2.0/UDP host:70000          | VALUE_OUT_OF_RANGE   | 4 | 23
      Via: SIP/2.0/UDP                     | INVALID_HEADER_FIELD | 4 | 17
      From: Bob, Jr. <sip:bob@b.example>   | INVALID_HEADER_FIELD | 4 | 10
      Contact: <sip:a@b                    | INVALID_HEADER_FIELD | 4 | 18
      """)
  @DisplayName("a malformed or out-of-range header is a Malformed value with its message line and column")
  void malformed(String row, String kind, int line, int column) {
    String name = row.substring(0, row.indexOf(':'));
    SipMessage m = message("Call-ID: a@b", "Content-Type: application/sdp", row);
    TypedHeader<?> header = TypedHeader.ALL.stream().filter(h -> h.name().equals(name))
        .findFirst().orElseThrow();
    HeaderValue<?> value = m.get(header);
    assertThat(value).isInstanceOf(HeaderValue.Malformed.class);
    SyntaxError error = value.failure().orElseThrow();
    assertThat(error.kind().name()).isEqualTo(kind);
    assertThat(List.of(error.line(), error.column())).as(error.message())
        .containsExactly(line, column);
  }

  @Test
  @DisplayName("a malformed row on a folded line reports the line of the fold")
  void malformedOnFold() {
    SipMessage m = message("Call-ID: a@b", "Via: SIP/2.0/UDP host;branch=z9hG4bK1,",
        "  SIP/2.0/UDP host:99999");
    SyntaxError error = m.via().failure().orElseThrow();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.VALUE_OUT_OF_RANGE);
    assertThat(error.line()).isEqualTo(4);
  }

  @Test
  @DisplayName("the typed value of a row is computed once and cached in the row")
  void cachedPerRow() {
    SipMessage m = message("Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds");
    HeaderField row = m.header("v").orElseThrow();
    assertThat(TypedHeader.VIA.read(row)).isSameAs(TypedHeader.VIA.read(row));
    assertThat(TypedHeader.VIA.read(row).toOptional()).get().asList().hasSize(1);
  }

  @Test
  @DisplayName("a value given alone with a line break is refused, not framed into a second header")
  void valueWithLineBreak() {
    assertThat(TypedHeader.CALL_ID.parseValue("a@b\r\nVia: x").failure()).isPresent();
    assertThat(TypedHeader.CALL_ID.parseValue("a@b").toOptional()).contains("a@b");
  }

  @Test
  @DisplayName("a 100 KB header value fails with a typed error or parses, never throws")
  void hugeValues() {
    String huge = "sip:" + "a".repeat(100_000) + "@b.example";
    assertThat(NameAddress.parse("<" + huge + ">").failure()).get()
        .extracting(SyntaxError::kind).isEqualTo(SyntaxError.Kind.URI_TOO_LONG);
    assertThat(TypedHeader.FROM.parseValue("<" + huge + ">;tag=1").toOptional()).isPresent();
    assertThat(TypedHeader.VIA.parseValue("SIP/2.0/UDP h;" + "x=".repeat(50_000)).failure())
        .isPresent();
  }
}
