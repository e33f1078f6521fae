package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * URI comparison of RFC 3261 §19.1.4: every bullet, and every example the section lists.
 *
 * <p>The suite also grades a learner's comparison (issue 4, tutorial chapter 2): with
 * {@code -Dstrata.uriEquivalence=some.Class}, a public class with a no-argument constructor
 * implementing {@code BiPredicate<SipUri, SipUri>}, every check runs against that class instead of
 * {@link SipUri#equivalentTo(SipUri)}.
 */
public class UriEquivalenceTest {

  private static final BiPredicate<SipUri, SipUri> EQUIVALENT = comparison();

  @SuppressWarnings("unchecked")
  private static BiPredicate<SipUri, SipUri> comparison() {
    String name = System.getProperty("strata.uriEquivalence", "");
    if (name.isEmpty()) {
      return SipUri::equivalentTo;
    }
    try {
      return (BiPredicate<SipUri, SipUri>) Class.forName(name).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("strata.uriEquivalence=" + name
          + " is not a BiPredicate<SipUri, SipUri> with a public no-argument constructor", e);
    }
  }

  private static SipUri uri(String text) {
    Parsed<SipUri> parsed = SipUri.parse(text);
    assertThat(parsed.failure()).as("%s parses", text).isEmpty();
    return parsed.toOptional().orElseThrow();
  }

  private static void assertEquivalent(String a, String b) {
    assertThat(EQUIVALENT.test(uri(a), uri(b))).as("%s ~ %s", a, b).isTrue();
    assertThat(EQUIVALENT.test(uri(b), uri(a))).as("%s ~ %s", b, a).isTrue();
  }

  private static void assertNotEquivalent(String a, String b) {
    assertThat(EQUIVALENT.test(uri(a), uri(b))).as("%s !~ %s", a, b).isFalse();
    assertThat(EQUIVALENT.test(uri(b), uri(a))).as("%s !~ %s", b, a).isFalse();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# The URIs within each of the following sets are equivalent:
  public static Stream<Arguments> equivalentSets() {
    return Stream.of(
        Arguments.of(List.of(
            "sip:%61lice@atlanta.com;transport=TCP",
            "sip:alice@AtLanTa.CoM;Transport=tcp")),
        Arguments.of(List.of(
            "sip:carol@chicago.com",
            "sip:carol@chicago.com;newparam=5",
            "sip:carol@chicago.com;security=on")),
        Arguments.of(List.of(
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
            "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")),
        Arguments.of(List.of(
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
            "sip:alice@atlanta.com?priority=urgent&subject=project%20x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("equivalentSets")
  @DisplayName("the URIs of each set §19.1.4 lists as equivalent are equivalent, pairwise")
  public void rfcEquivalentSets(List<String> set) {
    for (String a : set) {
      for (String b : set) {
        assertEquivalent(a, b);
      }
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# The URIs within each of the following sets are not equivalent:
  @ParameterizedTest(name = "{0} / {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP | different usernames
      sip:bob@biloxi.com | sip:bob@biloxi.com:5060                      | can resolve to different ports
      sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp             | can resolve to different transports
      sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp        | can resolve to different port and transports
      sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting | different header component
      sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4                | even though that's what phone21.boxesbybob.com resolves to
      """)
  @DisplayName("the URIs of each pair §19.1.4 lists as not equivalent are not equivalent")
  public void rfcNotEquivalentPairs(String a, String b, String why) {
    assertNotEquivalent(a, b);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# Note that equality is not transitive:
  @Test
  @DisplayName("equality is not transitive: security=on and security=off each match the bare URI, not each other")
  public void notTransitive() {
    assertEquivalent("sip:carol@chicago.com", "sip:carol@chicago.com;security=on");
    assertEquivalent("sip:carol@chicago.com", "sip:carol@chicago.com;security=off");
    assertNotEquivalent("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  A SIP and SIPS URI are never equivalent.
  @Test
  @DisplayName("a sip and a sips URI with the same components are not equivalent")
  public void sipIsNeverSips() {
    assertNotEquivalent("sip:alice@atlanta.com", "sips:alice@atlanta.com");
    assertThat(EQUIVALENT.test(uri("SIPS:alice@atlanta.com"), uri("sips:alice@atlanta.com"))).isTrue();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  Comparison of the userinfo of SIP and SIPS URIs is case-
  //# sensitive.  This includes userinfo containing passwords or
  //# formatted as telephone-subscribers.
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:alice@atlanta.com          | sip:Alice@atlanta.com
      sip:alice:secret@atlanta.com   | sip:alice:Secret@atlanta.com
      sip:+1-212-555-0101;isub=A@gw.example.com;user=phone | sip:+1-212-555-0101;isub=a@gw.example.com;user=phone
      """)
  @DisplayName("user, password and telephone-subscriber compare case-sensitively")
  public void userinfoIsCaseSensitive(String a, String b) {
    assertNotEquivalent(a, b);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:alice@ATLANTA.com                 | sip:alice@atlanta.COM
      SIP:alice@atlanta.com                 | sip:alice@atlanta.com
      sip:alice@atlanta.com;TRANSPORT=TCP   | sip:alice@atlanta.com;transport=tcp
      sip:alice@atlanta.com;maddr=Example.COM | sip:alice@atlanta.com;MADDR=example.com
      sip:alice@atlanta.com?SUBJECT=Lunch   | sip:alice@atlanta.com?subject=lunch
      """)
  @DisplayName("scheme, host, parameter names and values, and headers compare case-insensitively")
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# Comparison of all other
  //# components of the URI is case-insensitive unless explicitly
  //# defined otherwise.
  public void otherComponentsAreCaseInsensitive(String a, String b) {
    assertEquivalent(a, b);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  The ordering of parameters and header fields is not significant
  //# in comparing SIP and SIPS URIs.
  @Test
  @DisplayName("the order of parameters and of headers does not matter")
  public void orderDoesNotMatter() {
    assertEquivalent("sip:a@b.example;ttl=5;maddr=239.255.255.1;user=ip",
        "sip:a@b.example;user=ip;maddr=239.255.255.1;ttl=5");
    assertEquivalent("sip:a@b.example?x=1&y=2", "sip:a@b.example?y=2&x=1");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  Characters other than those in the "reserved" set (see RFC 2396
  //# [5]) are equivalent to their ""%" HEX HEX" encoding.
  @ParameterizedTest(name = "{0} / {1} equivalent: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:%61lice@atlanta.com           | sip:alice@atlanta.com            | true
      sip:%41lice@atlanta.com           | sip:alice@atlanta.com            | false
      sip:al%69ce:p%61ss@atlanta.com    | sip:alice:pass@atlanta.com       | true
      sip:alice@atlanta.com;foo=%62ar   | sip:alice@atlanta.com;foo=bar    | true
      sip:alice@atlanta.com;foo=%62ar   | sip:alice@atlanta.com;foo=BAR    | true
      sip:alice@atlanta.com?x=a%20b     | sip:alice@atlanta.com?x=a%20B    | true
      sip:a%3Bb@atlanta.com             | sip:a;b@atlanta.com              | false
      sip:a%3bb@atlanta.com             | sip:a%3Bb@atlanta.com            | true
      sip:alice@atlanta.com?to=sip:bob%40biloxi.com | sip:alice@atlanta.com?to=sip:bob%40BILOXI.com | true
      sip:a%25%33%41@atlanta.com        | sip:a%3A@atlanta.com             | false
      """)
  @DisplayName("an escape of an unreserved character equals the character; of a reserved one, only another escape")
  public void escaping(String a, String b, boolean equivalent) {
    assertThat(EQUIVALENT.test(uri(a), uri(b))).as("%s ~ %s", a, b).isEqualTo(equivalent);
    assertThat(EQUIVALENT.test(uri(b), uri(a))).as("%s ~ %s", b, a).isEqualTo(equivalent);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# A URI omitting the user component will not match a URI that
  //# includes one.  A URI omitting the password component will not
  //# match a URI that includes one.
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:atlanta.com            | sip:alice@atlanta.com
      sip:alice@atlanta.com      | sip:alice:pw@atlanta.com
      sip:alice@atlanta.com      | sip:alice:@atlanta.com
      sip:alice@atlanta.com      | sip:alice@atlanta.com:5060
      sips:alice@atlanta.com     | sips:alice@atlanta.com:5061
      sip:alice@atlanta.com:5060 | sip:alice@atlanta.com:5070
      sip:alice@atlanta.com      | sip:alice@atlanta.net
      """)
  @DisplayName("user, password, host and port must all match; an omitted one never matches a present one")
  public void userPasswordHostPortMustMatch(String a, String b) {
    //= https://www.rfc-editor.org/rfc/rfc5954#section-4.2
    //= type=test
    //# o  For two URIs to be equal, the user, password, host, and port
    //# components must match.
    assertNotEquivalent(a, b);
  }

  @Test
  @DisplayName("a port written with leading zeros is the same port")
  public void portIsANumber() {
    assertEquivalent("sip:alice@atlanta.com:05060", "sip:alice@atlanta.com:5060");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# -  A user, ttl, or method uri-parameter appearing in only one
  //# URI never matches, even if it contains the default value.
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# -  A URI that includes an maddr parameter will not match a URI
  //# that contains no maddr parameter.
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# The same is true for the transport-parameter, ttl-parameter,
  //# user-parameter, and method components.
  @ParameterizedTest(name = ";{0}")
  @CsvSource({"user=ip", "ttl=1", "method=INVITE", "maddr=239.255.255.1", "transport=udp",
      "USER=ip", "Transport=UDP"})
  @DisplayName("user, ttl, method, maddr and transport in only one URI never match, even with the default value")
  public void parametersThatMustAppearInBoth(String parameter) {
    assertNotEquivalent("sip:alice@atlanta.com", "sip:alice@atlanta.com;" + parameter);
    assertEquivalent("sip:alice@atlanta.com;" + parameter, "sip:alice@atlanta.com;" + parameter);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# -  Any uri-parameter appearing in both URIs must match.
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:a@b.example;transport=tcp | sip:a@b.example;transport=udp
      sip:a@b.example;foo=1         | sip:a@b.example;foo=2
      sip:a@b.example;lr            | sip:a@b.example;lr=on
      sip:a@b.example;ttl=1         | sip:a@b.example;ttl=2
      """)
  @DisplayName("a parameter present in both URIs must have the same value")
  public void parametersInBothMustMatch(String a, String b) {
    assertNotEquivalent(a, b);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# -  All other uri-parameters appearing in only one URI are
  //# ignored when comparing the URIs.
  @Test
  @DisplayName("other parameters (lr, unknown ones) in only one URI are ignored")
  public void otherParametersInOneAreIgnored() {
    assertEquivalent("sip:p1.example.com", "sip:p1.example.com;lr");
    assertEquivalent("sip:a@b.example;x=1", "sip:a@b.example;y=2");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  URI header components are never ignored.  Any present header
  //# component MUST be present in both URIs and match for the URIs
  //# to match.
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:a@b.example?x=1     | sip:a@b.example
      sip:a@b.example?x=1     | sip:a@b.example?x=2
      sip:a@b.example?x=1     | sip:a@b.example?y=1
      sip:a@b.example?x=1&x=1 | sip:a@b.example?x=1&x=2
      sip:a@b.example?x=1     | sip:a@b.example?x=1&y=2
      """)
  @DisplayName("headers are never ignored: each must be in both URIs with the same value")
  public void headersAreNeverIgnored(String a, String b) {
    assertNotEquivalent(a, b);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //= type=test
  //# o  An IP address that is the result of a DNS lookup of a host name
  //# does not match that host name.
  @ParameterizedTest(name = "{0} / {1} equivalent: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:alice@[2001:db8::10]       | sip:alice@[2001:DB8:0:0:0:0:0:10]   | true
      sip:alice@[::1]                | sip:alice@[0:0:0:0:0:0:0:1]         | true
      sip:alice@[2001:db8::10]:5070  | sip:alice@[2001:db8::10]:5070       | true
      sip:alice@[2001:db8::10]       | sip:alice@[2001:db8::11]            | false
      sip:alice@[::ffff:192.0.2.4]   | sip:alice@192.0.2.4                 | false
      sip:alice@192.0.2.4            | sip:alice@localhost                 | false
      """)
  @DisplayName("IP addresses compare as addresses, never against a host name")
  public void ipAddresses(String a, String b, boolean equivalent) {
    assertThat(EQUIVALENT.test(uri(a), uri(b))).as("%s ~ %s", a, b).isEqualTo(equivalent);
    assertThat(EQUIVALENT.test(uri(b), uri(a))).as("%s ~ %s", b, a).isEqualTo(equivalent);
  }

  //= https://www.rfc-editor.org/rfc/rfc5954#section-4.2
  //= type=test
  //# The following URIs are equivalent because the underlying binary
  //# representation of the IP addresses are the same although their
  //# textual representations vary:
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sip:bob@[::ffff:192.0.2.128]            | sip:bob@[::ffff:c000:280]
      sip:bob@[2001:db8::9:1]                 | sip:bob@[2001:db8::9:01]
      sip:bob@[0:0:0:0:0:FFFF:129.144.52.38]  | sip:bob@[::FFFF:129.144.52.38]
      """)
  @DisplayName("RFC 5954's examples: IPv6 references with the same binary address are equivalent")
  public void rfc5954Examples(String a, String b) {
    assertEquivalent(a, b);
  }

  @Test
  @DisplayName("record equals is structural: an escaped and an unescaped user are different records but equivalent URIs")
  public void equalsIsStructural() {
    SipUri escaped = uri("sip:%61lice@atlanta.com");
    SipUri plain = uri("sip:alice@atlanta.com");
    assertThat(escaped).isNotEqualTo(plain);
    assertThat(EQUIVALENT.test(escaped, plain)).isTrue();
    assertThat(uri("sip:alice@atlanta.com")).isEqualTo(plain).hasSameHashCodeAs(plain);
  }

  @Test
  @DisplayName("a SIP URI is never equivalent to a URI of another scheme")
  public void otherSchemes() {
    Uri tel = Uri.parse("tel:+1-212-555-0101").toOptional().orElseThrow();
    assertThat(uri("sip:+1-212-555-0101@gw.example.com").equivalentTo(tel)).isFalse();
    assertThat(tel.equivalentTo(Uri.parse("TEL:+1-212-555-0101").toOptional().orElseThrow()))
        .isTrue();
  }
}
