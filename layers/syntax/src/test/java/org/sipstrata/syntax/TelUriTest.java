package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tel URIs (RFC 3966): reading, typed errors, and the comparison of §4. */
class TelUriTest {

  private static TelUri tel(String text) {
    Parsed<Uri> parsed = Uri.parse(text);
    assertThat(parsed.failure()).as(text).isEmpty();
    assertThat(parsed.toOptional().orElseThrow()).isInstanceOf(TelUri.class);
    return (TelUri) parsed.toOptional().orElseThrow();
  }

  private static SyntaxError error(String text) {
    Parsed<Uri> parsed = Uri.parse(text);
    assertThat(parsed.failure()).as(text).isPresent();
    return parsed.failure().orElseThrow();
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-6
  //= type=test
  //# tel:+1-201-555-0123: This URI points to a phone number in the United
  //# States.
  @Test
  @DisplayName("tel:+1-201-555-0123 is a global number; its digits drop the hyphens")
  void globalNumber() {
    TelUri uri = tel("tel:+1-201-555-0123");
    assertThat(uri.isGlobal()).isTrue();
    assertThat(uri.number()).isEqualTo("+1-201-555-0123");
    assertThat(uri.digits()).isEqualTo("+12015550123");
    assertThat(uri.parameters().isEmpty()).isTrue();
    assertThat(uri.scheme()).isEqualTo("tel");
    assertThat(uri.toString()).isEqualTo("tel:+1-201-555-0123");
    assertThat(TelUri.parse("tel:+1-201-555-0123").toOptional()).contains(uri);
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-6
  //= type=test
  //# tel:7042;phone-context=example.com: The URI describes a local phone
  //# number valid within the context "example.com".
  //
  //= https://www.rfc-editor.org/rfc/rfc3966#section-6
  //= type=test
  //# tel:863-1234;phone-context=+1-914-555: The URI describes a local
  //# phone number that is valid within a particular phone prefix.
  @Test
  @DisplayName("RFC 3966 §6's local numbers carry their phone-context (a domain or digits)")
  void localNumbers() {
    TelUri domain = tel("tel:7042;phone-context=example.com");
    assertThat(domain.isGlobal()).isFalse();
    assertThat(domain.number()).isEqualTo("7042");
    assertThat(domain.phoneContext()).contains("example.com");
    TelUri prefix = tel("tel:863-1234;phone-context=+1-914-555");
    assertThat(prefix.digits()).isEqualTo("8631234");
    assertThat(prefix.phoneContext()).contains("+1-914-555");
    assertThat(prefix.toString()).isEqualTo("tel:863-1234;phone-context=+1-914-555");
  }

  @Test
  @DisplayName("isub, ext and other parameters, in the order written, values as written")
  void parameters() {
    TelUri ext = tel("tel:+1-201-555-0123;ext=1234;phone-context=+1;foo=b%41r;m-flag");
    assertThat(ext.extension()).contains("1234");
    assertThat(ext.isdnSubaddress()).isEmpty();
    assertThat(ext.phoneContext()).contains("+1");
    assertThat(ext.parameters().names()).containsExactly("ext", "phone-context", "foo", "m-flag");
    assertThat(ext.parameters().value("foo")).contains("b%41r");
    assertThat(ext.parameter("foo")).contains("bAr");
    assertThat(ext.parameters().get("m-flag").orElseThrow().value()).isEmpty();
    TelUri isub = tel("TEL:+358-555-1234567;isub=1411");
    assertThat(isub.isdnSubaddress()).contains("1411");
    assertThat(isub.toString()).isEqualTo("tel:+358-555-1234567;isub=1411");
    // Local numbers may use hex digits, * and # (§5.1.3); "#" cannot be written in a SIP
    // Request-URI (it is not uric, and phonedigit-hex has no escapes).
    assertThat(tel("tel:*61;phone-context=example.com").number()).isEqualTo("*61");
    assertThat(error("tel:*61#;phone-context=example.com").column()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      tel:7042              | 9  | a local number needs ;phone-context (§5.1.5)
      tel:+                 | 6  | a global number needs a digit
      tel:+1-201;ext=       | 16 | ext needs a digit
      tel:+1-201;ext=12a    | 12 | ext is phone digits
      tel:+1-201;ext        | 12 | ext has a value
      tel:+1;phone-context=a_b | 8 | a phone-context is a domain name or global digits
      tel:+1-201;=x         | 12 | a parameter needs a name
      tel:+1-201%20555      | 11 | no escapes in the number
      """)
  @DisplayName("text that is not RFC 3966's telephone-uri is a typed error at its column")
  void malformed(String text, int column, String why) {
    SyntaxError e = error(text);
    assertThat(e.kind()).as(why).isEqualTo(SyntaxError.Kind.INVALID_URI);
    assertThat(e.column()).as(why + ": " + e.message()).isEqualTo(column);
    assertThat(e.rfcSection()).as(e.message()).contains("RFC 3966");
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //= type=test
  //# Each parameter name ("pname"), the ISDN subaddress, the 'extension',
  //# and the 'context' MUST NOT appear more than once.
  //
  //= https://www.rfc-editor.org/rfc/rfc3966#section-5.3
  //= type=test
  //# At most, one of the
  //# 'isdn-subaddress' and 'extension' parameters can appear in a "tel"
  //# URI, i.e., they cannot appear both at the same time.
  @Test
  @DisplayName("a repeated parameter, or isub with ext, is a typed error at that parameter")
  void repeatedParameters() {
    SyntaxError twice = error("tel:+1-201;ext=1;EXT=2");
    assertThat(twice.kind()).isEqualTo(SyntaxError.Kind.INVALID_URI);
    assertThat(twice.column()).isEqualTo(18);
    assertThat(twice.found()).isEqualTo("EXT=2");
    assertThat(error("tel:7042;phone-context=a.example;phone-context=b.example").column())
        .isEqualTo(34);
    SyntaxError both = error("tel:+1-201;isub=77;ext=1");
    assertThat(both.rfcSection()).isEqualTo("RFC 3966 §5.3");
    assertThat(both.column()).isEqualTo(20);
    assertThat(TelUri.parse("sip:+1@a.example").failure()).get()
        .extracting(SyntaxError::rule).isEqualTo("telephone-uri");
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-4
  //= type=test
  //# o  The 'global-number-digits' and the 'local-number-digits' must be
  //# equal, after removing all visual separators.
  //
  //= https://www.rfc-editor.org/rfc/rfc3966#section-4
  //= type=test
  //# o  Parameters are compared according to 'pname', regardless of the
  //# order they appeared in the URI.  If one URI has a parameter name
  //# not found in the other, the two URIs are not equal.
  //
  //= https://www.rfc-editor.org/rfc/rfc3966#section-4
  //= type=test
  //# o  URI comparisons are case-insensitive.
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(delimiter = '|', textBlock = """
      tel:+1-201-555-0123                         | tel:+1.201.555.0123
      tel:+1-201-555-0123                         | TEL:+1(201)5550123
      tel:+12015550123;ext=12                     | tel:+12015550123;EXT=1-2
      tel:7042;phone-context=example.com          | tel:7042;Phone-Context=EXAMPLE.com
      tel:863-1234;phone-context=+1-914-555       | tel:8631234;phone-context=+1914555
      tel:+1234;phone-context=+1;foo=bar          | tel:+1234;foo=BAR;phone-context=+1
      tel:+1234;isub=%41b                         | tel:+1234;isub=ab
      tel:ab12;phone-context=example.com          | tel:AB-12;phone-context=example.com
      tel:+1234;m-flag                            | tel:+1234;M-FLAG
      """)
  @DisplayName("equivalent under RFC 3966 §4")
  void equivalent(String a, String b) {
    assertThat(tel(a).equivalentTo(tel(b))).isTrue();
    assertThat(tel(b).equivalentTo((Uri) tel(a))).isTrue();
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-4
  //= type=test
  //# o  Both must be either a 'local-number' or a 'global-number', i.e.,
  //# start with a '+'.
  //
  //= https://www.rfc-editor.org/rfc/rfc3966#section-4
  //= type=test
  //# the
  //# 'phone-context' parameter value is compared as a host name if it
  //# is a 'domainname' or digit by digit if it is 'global-number-
  //# digits'.
  @ParameterizedTest(name = "{0} !~ {1}")
  @CsvSource(delimiter = '|', textBlock = """
      tel:+1-201-555-0123                         | tel:+1-201-555-0124
      tel:1234;phone-context=+1                   | tel:+1234
      tel:7042;phone-context=example.com          | tel:7042;phone-context=example.net
      tel:7042;phone-context=+1-914               | tel:7042;phone-context=+1-915
      tel:7042;phone-context=example.com          | tel:7042;phone-context=+1
      tel:+1234;ext=1                             | tel:+1234
      tel:+1234;foo=bar                           | tel:+1234;foo=baz
      tel:+1234;foo                               | tel:+1234;foo=bar
      tel:+1234;foo=bar                           | tel:+1234;bar=foo
      tel:+1234;isub=%3B                          | tel:+1234;isub=%3b1
      """)
  @DisplayName("not equivalent under RFC 3966 §4")
  void notEquivalent(String a, String b) {
    assertThat(tel(a).equivalentTo(tel(b))).isFalse();
    assertThat(tel(b).equivalentTo(tel(a))).isFalse();
  }

  @Test
  @DisplayName("a tel URI is never equivalent to a SIP URI or another scheme")
  void otherSchemes() {
    TelUri tel = tel("tel:+1-212-555-0101");
    assertThat(tel.equivalentTo(Uri.parse("sip:+1-212-555-0101@gw.example.com;user=phone")
        .toOptional().orElseThrow())).isFalse();
    assertThat(tel.equivalentTo(new AbsoluteUri("tel", "+1-212-555-0101"))).isFalse();
  }

  private static SipMessage message(String requestUri, String... headerLines) {
    String text = "INVITE " + requestUri + " SIP/2.0\r\n" + String.join("\r\n", headerLines)
        + "\r\n\r\n";
    FramingResult result = SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    return ((FramingResult.Framed) result).message();
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-9
  //= type=test
  //# SIP can use the "tel" URI anywhere a URI is allowed, for example as a
  //# Request-URI, along with "sip" and "sips" URIs.
  @Test
  @DisplayName("in a Request-URI, To, From and Contact a tel URI is read as a TelUri")
  void inMessages() {
    SipRequest m = (SipRequest) message("tel:+1-201-555-0123;phone-context=+1",
        "To: tel:+1-201-555-0123;tag=abc",
        "From: \"A\" <tel:7042;phone-context=example.com;ext=9>;tag=x",
        "Contact: <tel:+1-201-555-0199>, <sip:a@b.example>");
    TelUri requestUri = (TelUri) m.requestUriValue().toOptional().orElseThrow();
    assertThat(requestUri.phoneContext()).contains("+1");
    NameAddress to = m.to().toOptional().orElseThrow();
    // Without <>, everything after the URI belongs to the header (RFC 3261 §20.10).
    assertThat(to.uri()).isEqualTo(new TelUri("+1-201-555-0123", Parameters.none()));
    assertThat(to.parameters().value("tag")).contains("abc");
    NameAddress from = m.from().toOptional().orElseThrow();
    assertThat(((TelUri) from.uri()).extension()).contains("9");
    assertThat(((TelUri) from.uri()).phoneContext()).contains("example.com");
    Contact contact = m.contact().toOptional().orElseThrow();
    assertThat(contact.addresses().get(0).uri()).isInstanceOf(TelUri.class);
    assertThat(contact.addresses().get(1).uri()).isInstanceOf(SipUri.class);
  }

  @Test
  @DisplayName("a malformed tel URI in a header is a typed error at its column in the value")
  void malformedInHeader() {
    SipMessage m = message("sip:bob@biloxi.example", "To: <tel:7042>", "From: <tel:+1;ext=1;ext=2>;tag=1");
    // The strict grammar already refuses the row (as it refuses a malformed sip: URI).
    SyntaxError to = m.to().failure().orElseThrow();
    assertThat(to.kind()).isEqualTo(SyntaxError.Kind.INVALID_HEADER_FIELD);
    assertThat(to.rfcSection()).isEqualTo("RFC 3966 §3");
    assertThat(to.column()).isEqualTo("To: <tel:7042".length() + 1);
    SyntaxError from = m.from().failure().orElseThrow();
    assertThat(from.kind()).isEqualTo(SyntaxError.Kind.INVALID_URI);
    assertThat(from.found()).isEqualTo("ext=2");
    // validate() parses rows with the strict grammar, which checks telephone-uri too (not the
    // repeated parameter: that rule is this layer's).
    assertThat(m.validate()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(SyntaxError.Kind.INVALID_HEADER_FIELD);
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.rfcSection()).isEqualTo("RFC 3966 §3");
    });
  }

  private static final Host FOO = new Host(Host.Kind.HOSTNAME, "foo.com");

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.6
  //= type=test
  //# When a tel URL (RFC 2806 [9]) is converted to a SIP or SIPS URI, the
  //# entire telephone-subscriber portion of the tel URL, including any
  //# parameters, is placed into the userinfo part of the SIP or SIPS URI.
  @Test
  @DisplayName("tel:+358-555-1234567;postd=pp22 becomes sip: and sips:+358-555-1234567;postd=pp22"
      + "@foo.com;user=phone, parameters in the userinfo")
  void telToSip() {
    TelUri tel = tel("tel:+358-555-1234567;postd=pp22");
    assertThat(tel.toSipUri(FOO, false).toString())
        .isEqualTo("sip:+358-555-1234567;postd=pp22@foo.com;user=phone");
    assertThat(tel.toSipUri(FOO, true).toString())
        .isEqualTo("sips:+358-555-1234567;postd=pp22@foo.com;user=phone");
    SipUri parsed = SipUri.parse(tel.toSipUri(FOO, false).toString()).toOptional().orElseThrow();
    assertThat(parsed).isEqualTo(tel.toSipUri(FOO, false));
    assertThat(parsed.telephoneNumber()).hasValueSatisfying(t -> assertThat(t.equivalentTo(tel))
        .isTrue());
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.6
  //= type=test
  //# To mitigate this problem, elements constructing telephone-subscriber
  //# fields to place in the userinfo part of a SIP or SIPS URI SHOULD fold
  //# any case-insensitive portion of telephone-subscriber to lower case,
  //# and order the telephone-subscriber parameters lexically by parameter
  //# name, excepting isdn-subaddress and post-dial, which occur first and
  //# in that order.
  @Test
  @DisplayName("equivalent tel URIs become the same SIP URI: case folded, parameters ordered")
  void equivalentTelUrisBecomeOneSipUri() {
    assertThat(tel("tel:+358-555-1234567;POSTD=PP22").toSipUri(FOO, false).toString())
        .isEqualTo("sip:+358-555-1234567;postd=pp22@foo.com;user=phone");
    // "phone-context=5" is the RFC's example; RFC 3966 no longer lets it parse, so built here
    TelUri a = new TelUri("+358-555-1234567", new Parameters(java.util.List.of(
        Parameter.of("tsp", "a.b"), Parameter.of("phone-context", "5"))));
    TelUri b = new TelUri("+358-555-1234567", new Parameters(java.util.List.of(
        Parameter.of("phone-context", "5"), Parameter.of("tsp", "a.b"))));
    assertThat(a.toSipUri(FOO, false).toString())
        .isEqualTo("sip:+358-555-1234567;phone-context=5;tsp=a.b@foo.com;user=phone")
        .isEqualTo(b.toSipUri(FOO, false).toString());
    assertThat(tel("tel:+358-555-1234567;postd=pp22;isub=1411").toSipUri(FOO, false).toString())
        .isEqualTo(tel("tel:+358-555-1234567;isub=1411;postd=pp22").toSipUri(FOO, false)
            .toString())
        .isEqualTo("sip:+358-555-1234567;isub=1411;postd=pp22@foo.com;user=phone");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.2
  //= type=test
  //# Any characters occurring in a telephone-subscriber
  //# that do not appear in an expansion of the BNF for the user rule MUST
  //# be escaped.
  @Test
  @DisplayName("a # of a local number is escaped in the user part, and read back as the number")
  void escapedInTheUserPart() {
    TelUri local = new TelUri("*123#", new Parameters(java.util.List.of(
        Parameter.of("phone-context", "example.com"))));
    SipUri sip = local.toSipUri(FOO, false);
    assertThat(sip.toString()).isEqualTo("sip:*123%23;phone-context=example.com@foo.com;user=phone");
    assertThat(SipUri.parse(sip.toString()).isOk()).isTrue();
  }

  @Test
  @DisplayName("a user part is a telephone number only with user=phone and the tel grammar")
  void telephoneNumberOfASipUri() {
    assertThat(SipUri.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone").toOptional()
        .orElseThrow().telephoneNumber()).hasValueSatisfying(t -> assertThat(t.digits())
            .isEqualTo("+12125551212"));
    assertThat(SipUri.parse("sip:+1-212-555-1212@gateway.com").toOptional().orElseThrow()
        .telephoneNumber()).isEmpty();
    assertThat(SipUri.parse("sip:alice@atlanta.com;user=phone").toOptional().orElseThrow()
        .telephoneNumber()).isEmpty();
  }
}
