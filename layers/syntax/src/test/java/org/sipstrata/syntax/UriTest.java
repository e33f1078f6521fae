package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIP, SIPS and other URIs read through the grammar's Request-URI rule (RFC 3261 §19.1, §25.1). */
class UriTest {

  private static SipUri sip(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }

  @Test
  @DisplayName("every component of a SIP URI is read as written")
  void components() {
    SipUri uri = sip("sips:%61lice:pw@[2001:db8::1]:5061;transport=tcp;lr;foo=bar?subject=x&h=");
    assertThat(uri.secure()).isTrue();
    assertThat(uri.scheme()).isEqualTo("sips");
    assertThat(uri.user()).contains("%61lice");
    assertThat(uri.password()).contains("pw");
    assertThat(uri.host()).isEqualTo(new Host(Host.Kind.IPV6_REFERENCE, "[2001:db8::1]"));
    assertThat(uri.port()).isEqualTo(OptionalInt.of(5061));
    assertThat(uri.parameters().list()).containsExactly(Parameter.of("transport", "tcp"),
        Parameter.flag("lr"), Parameter.of("foo", "bar"));
    assertThat(uri.transport()).contains("tcp");
    assertThat(uri.lr()).isTrue();
    assertThat(uri.headers()).containsExactly(new UriHeader("subject", "x"), new UriHeader("h", ""));
    assertThat(uri.toString())
        .isEqualTo("sips:%61lice:pw@[2001:db8::1]:5061;transport=tcp;lr;foo=bar?subject=x&h=");
  }

  @Test
  @DisplayName("the special parameters of §19.1.1 are found by name in any case")
  void specialParameters() {
    SipUri uri = sip("sip:a@1.2.3.4;MADDR=239.255.255.1;Ttl=5;method=INVITE;User=ip");
    assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV4_ADDRESS);
    assertThat(uri.maddr()).contains("239.255.255.1");
    assertThat(uri.ttl()).contains("5");
    assertThat(uri.method()).contains("INVITE");
    assertThat(uri.userParam()).contains("ip");
    assertThat(uri.transport()).isEmpty();
  }

  @Test
  @DisplayName("a URI without user, with an empty password, with a telephone-subscriber user")
  void userinfoForms() {
    SipUri noUser = sip("sip:p1.example.com;lr");
    assertThat(noUser.user()).isEmpty();
    assertThat(noUser.password()).isEmpty();
    assertThat(noUser.host().kind()).isEqualTo(Host.Kind.HOSTNAME);
    SipUri emptyPassword = sip("sip:alice:@atlanta.com");
    assertThat(emptyPassword.user()).contains("alice");
    assertThat(emptyPassword.password()).contains("");
    // §19.1.6: tel:+358-555-1234567;postd=pp22 becomes
    SipUri phone = sip("sip:+358-555-1234567;postd=pp22@foo.com;user=phone");
    assertThat(phone.user()).contains("+358-555-1234567;postd=pp22");
    assertThat(phone.userParam()).contains("phone");
  }

  @Test
  @DisplayName("tel is a TelUri; other schemes are absolute URIs with their scheme-specific part as written")
  void absoluteUris() {
    Uri tel = Uri.parse("tel:+1-212-555-0101;phone-context=x").toOptional().orElseThrow();
    assertThat(tel).isEqualTo(
        new TelUri("+1-212-555-0101", new Parameters(List.of(Parameter.of("phone-context", "x")))));
    Uri mail = Uri.parse("MAILTO:a@b.example").toOptional().orElseThrow();
    assertThat(mail.scheme()).isEqualTo("mailto");
    assertThat(mail.toString()).isEqualTo("MAILTO:a@b.example");
    assertThat(SipUri.parse("mailto:a@b.example").failure()).get()
        .extracting(SyntaxError::kind).isEqualTo(SyntaxError.Kind.INVALID_URI);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sip:", "sip:a@", "sip:a@b:port", "sip:a@[::1", "sip:a b@c",
      "sip:2001:db8::10", "sip:a@b;=x", "sip:a@444.555.666.777x y", "<sip:a@b>", "sip:a@b\r\nVia: x"})
  @DisplayName("malformed URIs give a typed INVALID_URI error with a position, never an exception")
  void malformed(String text) {
    Parsed<Uri> parsed = Uri.parse(text);
    assertThat(parsed.isOk()).as(text).isFalse();
    SyntaxError error = parsed.failure().orElseThrow();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.INVALID_URI);
    assertThat(error.line()).isPositive();
    assertThat(error.column()).isPositive();
    assertThat(error.rfcSection()).contains("3261");
    assertThat(error.message()).isNotBlank();
  }

  @Test
  @DisplayName("a port above 65535 matches the ABNF's 1*DIGIT but is VALUE_OUT_OF_RANGE")
  void portRange() {
    SyntaxError error = Uri.parse("sip:a@b.example:99999999999999999999").failure().orElseThrow();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.VALUE_OUT_OF_RANGE);
    assertThat(error.column()).isEqualTo(17);
    assertThat(sip("sip:a@b.example:65535").port()).hasValue(65535);
  }

  @Test
  @DisplayName("a 100 KB URI is refused by the length limit without parsing; a raised limit parses it")
  void hugeUri() {
    String huge = "sip:" + "a".repeat(100_000) + "@b.example";
    SyntaxError error = Uri.parse(huge).failure().orElseThrow();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.URI_TOO_LONG);
    assertThat(error.kind().isLimit()).isTrue();
    assertThat(Uri.parse(huge, 200_000).toOptional()).get()
        .isInstanceOfSatisfying(SipUri.class, u -> assertThat(u.user().orElseThrow()).hasSize(100_000));
    String hugeGarbage = "sip:a@b.example;" + "%".repeat(100_000);
    assertThat(Uri.parse(hugeGarbage, 200_000).failure()).get()
        .extracting(SyntaxError::kind).isEqualTo(SyntaxError.Kind.INVALID_URI);
  }

  @Test
  @DisplayName("name-addr and addr-spec: display name unquoted, header parameters apart from URI parameters (§20.10)")
  void nameAddress() {
    NameAddress quoted = NameAddress.parse("\"Bob \\\"B\\\"\" <sip:bob@biloxi.com;lr>;tag=abc;x")
        .toOptional().orElseThrow();
    assertThat(quoted.displayName()).contains("Bob \"B\"");
    assertThat(((SipUri) quoted.uri()).lr()).isTrue();
    assertThat(quoted.tag()).contains("abc");
    assertThat(quoted.parameters().has("x")).isTrue();
    //= https://www.rfc-editor.org/rfc/rfc8217#section-3
    //= type=test
    //# If the URI is not enclosed in angle brackets, any semicolon-
    //# delimited parameters are header-parameters, not URI parameters.
    NameAddress bare = NameAddress.parse("sip:alice@atlanta.com;tag=1928301774")
        .toOptional().orElseThrow();
    assertThat(bare.displayName()).isEmpty();
    assertThat(((SipUri) bare.uri()).parameters().isEmpty()).isTrue();
    assertThat(bare.tag()).contains("1928301774");
    assertThat(bare.toString()).isEqualTo("<sip:alice@atlanta.com>;tag=1928301774");
    NameAddress token = NameAddress.parse("Anonymous <sip:c8oqz84zk7z@privacy.org>")
        .toOptional().orElseThrow();
    assertThat(token.displayName()).contains("Anonymous");
    assertThat(NameAddress.parse("sip:a@b;tag=1?x").failure()).isPresent();
  }

  @Test
  @DisplayName("withoutHeaders and withParameters return changed copies")
  void copies() {
    SipUri uri = sip("sip:a@b.example;lr?x=1");
    assertThat(uri.withoutHeaders().toString()).isEqualTo("sip:a@b.example;lr");
    assertThat(uri.withParameters(Parameters.none()).toString()).isEqualTo("sip:a@b.example?x=1");
    assertThat(uri.toString()).isEqualTo("sip:a@b.example;lr?x=1");
    assertThat(uri.withoutHeaders().headers()).isEqualTo(List.of());
    assertThat(uri.password()).isEqualTo(Optional.empty());
  }
}
