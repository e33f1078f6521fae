package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.options;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of RFC 3261 §18.2.2 (with RFC 3581 §4), run against a {@link ResponseRouting}: by
 * default the transport's own {@link ViaRules#routeResponse}; with {@code
 * -Dstrata.responseRouting=some.Class} (a public class with a public no-argument constructor) the
 * class named. Tutorial chapter 3 grades its exercise with these tests: they are public, in this
 * module's test jar, and {@code org.sipstrata.tutorials.ch03.ResponseRoutingGraderTest} extends them.
 */
@DisplayName("§18.2.2 response routing")
public class ResponseRoutingTest {

  /** The system property that names the implementation under test. */
  public static final String PROPERTY = "strata.responseRouting";

  /** The implementation named by {@link #PROPERTY}, or the reference one. */
  public static ResponseRouting implementation() {
    String name = System.getProperty(PROPERTY, "").strip();
    if (name.isEmpty()) {
      return ResponseRouting.reference();
    }
    try {
      return (ResponseRouting) Class.forName(name, true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + name
          + " must name a public class implementing ResponseRouting with a public no-argument constructor", e);
    }
  }

  private static TransportAddress address(String ip, int port) throws Exception {
    return new TransportAddress(InetAddress.getByName(ip), port);
  }

  private ResponseRoute route(String via) {
    return routing.route(via, Optional.empty())
        .orElseThrow(() -> new AssertionError("no route for the Via " + via));
  }

  private final Connection open;
  private final ResponseRouting routing;

  public ResponseRoutingTest() throws Exception {
    routing = implementation();
    open = new Connection(7, Transport.TCP, address("127.0.0.1", 5060), address("192.0.2.4", 49152));
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# If the "sent-protocol" is a reliable transport protocol such as
  //# TCP or SCTP, or TLS over those, the response MUST be sent using
  //# the existing connection to the source of the original request
  //# that created the transaction, if that connection is still open.
  @Test
  @DisplayName("reliable transport, connection open: the same connection, whatever received/maddr say")
  public void reliableSameConnection() {
    ResponseRoute r = routing.route(
        "SIP/2.0/TCP pc33.atlanta.com;received=192.0.2.4;maddr=224.0.1.75;branch=z9hG4bK776asdhds",
        Optional.of(open)).orElseThrow(() -> new AssertionError("no route over an open connection"));
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.SAME_CONNECTION);
    assertThat(r.connection()).contains(open);
    assertThat(r.host()).isEqualTo("192.0.2.4");
    assertThat(r.port()).isEqualTo(49152);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# If that connection is no longer open, the server SHOULD open a
  //# connection to the IP address in the "received" parameter, if
  //# present, using the port in the "sent-by" value, or the default
  //# port for that transport, if no port is specified.
  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource(delimiter = '|', value = {
    "SIP/2.0/TCP pc33.atlanta.com:5070;received=192.0.2.4;branch=z9hG4bK1 | 192.0.2.4 | 5070",
    "SIP/2.0/TCP pc33.atlanta.com;received=192.0.2.4;branch=z9hG4bK1      | 192.0.2.4 | 5060",
    "SIP/2.0/TLS pc33.atlanta.com;received=192.0.2.4;branch=z9hG4bK1      | 192.0.2.4 | 5061",
    "SIP/2.0/TCP 192.0.2.9:5080;branch=z9hG4bK1                            | 192.0.2.9 | 5080",
    "SIP/2.0/TCP [2001:db8::9]:5080;branch=z9hG4bK1                        | 2001:db8::9 | 5080",
  })
  public void reliableNewConnection(String via, String host, int port) {
    ResponseRoute r = route(via);
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.NEW_CONNECTION);
    assertThat(r.host()).isEqualTo(host);
    assertThat(r.port()).isEqualTo(port);
    assertThat(r.connection()).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise, if the Via header field value contains a "maddr"
  //# parameter, the response MUST be forwarded to the address listed
  //# there, using the port indicated in "sent-by", or port 5060 if
  //# none is present.
  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource(delimiter = '|', value = {
    "SIP/2.0/UDP pc33.atlanta.com:5070;maddr=224.0.1.75;ttl=1;received=192.0.2.4;rport=6000 | 224.0.1.75 | 5070",
    "SIP/2.0/UDP pc33.atlanta.com;maddr=224.0.1.75;received=192.0.2.4                       | 224.0.1.75 | 5060",
  })
  public void maddr(String via, String host, int port) {
    ResponseRoute r = route(via);
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.MADDR);
    assertThat(r.host()).isEqualTo(host);
    assertThat(r.port()).isEqualTo(port);
  }

  //= https://www.rfc-editor.org/rfc/rfc3581#section-4
  //= type=test
  //# If the "sent-protocol"
  //# component indicates an unreliable unicast transport protocol, such as
  //# UDP, and there is no "maddr" parameter, but there is both a
  //# "received" parameter and an "rport" parameter, the response MUST be
  //# sent to the IP address listed in the "received" parameter, and the
  //# port in the "rport" parameter.
  @Test
  @DisplayName("UDP with received and rport=N: received, port N (RFC 3581 §4, before bullet three)")
  public void receivedAndRport() {
    ResponseRoute r = route("SIP/2.0/UDP 10.0.0.1:5060;rport=9988;received=192.0.2.1;branch=z9hG4bK1");
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.RECEIVED_RPORT);
    assertThat(r.host()).isEqualTo("192.0.2.1");
    assertThat(r.port()).isEqualTo(9988);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise (for unreliable unicast transports), if the top Via
  //# has a "received" parameter, the response MUST be sent to the
  //# address in the "received" parameter, using the port indicated
  //# in the "sent-by" value, or using port 5060 if none is specified
  //# explicitly.
  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource(delimiter = '|', value = {
    "SIP/2.0/UDP bobspc.biloxi.com:5070;received=192.0.2.4;branch=z9hG4bK1 | 192.0.2.4 | 5070",
    "SIP/2.0/UDP bobspc.biloxi.com;received=192.0.2.4                      | 192.0.2.4 | 5060",
    "SIP/2.0/UDP bobspc.biloxi.com;received=192.0.2.4;rport                | 192.0.2.4 | 5060",
    "SIP/2.0/UDP [2001:db8::1];received=2001:db8::2                        | 2001:db8::2 | 5060",
  })
  public void received(String via, String host, int port) {
    ResponseRoute r = route(via);
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.RECEIVED);
    assertThat(r.host()).isEqualTo(host);
    assertThat(r.port()).isEqualTo(port);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise, if it is not receiver-tagged, the response MUST be
  //# sent to the address indicated by the "sent-by" value, using the
  //# procedures in Section 5 of [4].
  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource(delimiter = '|', value = {
    "SIP/2.0/UDP 192.0.2.7:5090;branch=z9hG4bK1  | 192.0.2.7 | 5090",
    "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1 | pc33.atlanta.com | 5060",
    "sip / 2.0 / udp   192.0.2.7 : 5090 ; branch = z9hG4bK1 | 192.0.2.7 | 5090",
  })
  public void sentBy(String via, String host, int port) {
    ResponseRoute r = route(via);
    assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.SENT_BY);
    assertThat(r.host()).isEqualTo(host);
    assertThat(r.port()).isEqualTo(port);
    assertThat(r.transport()).isEqualTo(Transport.UDP);
  }

  @Test
  @DisplayName("20,000 seeded mutations of Via values: routing and stamping never throw")
  public void neverThrows() throws Exception {
    java.util.Random random = new java.util.Random(2026);
    String base = "SIP/2.0/UDP pc33.atlanta.com:5070;rport=9;received=192.0.2.4;maddr=[::1];branch=z9hG4bK1";
    String alphabet = "SIP/2.0UDPTCLS :;=[]\"\\,.-_0123456789abcdef";
    TransportAddress source = address("192.0.2.9", 5060);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder via = new StringBuilder(base);
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        int at = random.nextInt(via.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> via.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> { if (at < via.length()) via.deleteCharAt(at); }
          default -> { if (at < via.length()) via.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
        }
      }
      String text = via.toString();
      Optional<ResponseRoute> r = routing.route(text, Optional.empty());
      r.ifPresent(route -> assertThat(route.port()).isBetween(0, 65535));
      if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
        ViaRules.stampReceived(options(text), source);
      }
    }
  }

  @Test
  @DisplayName("a Via that does not match §25, or names a transport not run here, has no route")
  public void unroutable() {
    assertThat(routing.route("SIP/2.0/UDP", Optional.empty())).isEmpty();
    assertThat(routing.route("garbage;;", Optional.empty())).isEmpty();
    assertThat(routing.route("SIP/2.0/SCTP host.example.com", Optional.empty())).isEmpty();
    assertThat(routing.route("SIP/2.0/UDP 192.0.2.1:99999", Optional.empty())).isEmpty();
    assertThat(routing.route("SIP/2.0/UDP 192.0.2.1:123456789012345678901", Optional.empty()))
        .isEmpty();
    assertThat(routing.route("SIP/2.0/UDP h.example.com;received=192.0.2.1;rport=70000",
        Optional.empty()).map(ResponseRoute::rule)).contains(ResponseRoute.Rule.RECEIVED);
  }
}
