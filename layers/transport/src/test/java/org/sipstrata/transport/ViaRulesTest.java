package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.options;
import static org.sipstrata.transport.Messages.topVia;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

@DisplayName("Via rules of RFC 3261 §18 and RFC 3581, without sockets")
class ViaRulesTest {

  private static TransportAddress address(String ip, int port) throws Exception {
    return new TransportAddress(InetAddress.getByName(ip), port);
  }

  private static ResponseRoute route(String via) {
    return ViaRules.routeResponse(via, Optional.empty()).orElseThrow();
  }

  @Nested
  @DisplayName("§18.2.2 response routing")
  class Routing {

    private final Connection open;

    Routing() throws Exception {
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
    void reliableSameConnection() {
      ResponseRoute r = ViaRules.routeResponse(
          "SIP/2.0/TCP pc33.atlanta.com;received=192.0.2.4;maddr=224.0.1.75;branch=z9hG4bK776asdhds",
          Optional.of(open)).orElseThrow();
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
    void reliableNewConnection(String via, String host, int port) {
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
    void maddr(String via, String host, int port) {
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
    void receivedAndRport() {
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
    void received(String via, String host, int port) {
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
    void sentBy(String via, String host, int port) {
      ResponseRoute r = route(via);
      assertThat(r.rule()).isEqualTo(ResponseRoute.Rule.SENT_BY);
      assertThat(r.host()).isEqualTo(host);
      assertThat(r.port()).isEqualTo(port);
      assertThat(r.transport()).isEqualTo(Transport.UDP);
    }

    @Test
    @DisplayName("20,000 seeded mutations of Via values: routing and stamping never throw")
    void neverThrows() throws Exception {
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
        Optional<ResponseRoute> r = ViaRules.routeResponse(text, Optional.empty());
        r.ifPresent(route -> assertThat(route.port()).isBetween(0, 65535));
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
          ViaRules.stampReceived(options(text), source);
        }
      }
    }

    @Test
    @DisplayName("a Via that does not match §25, or names a transport not run here, has no route")
    void unroutable() {
      assertThat(ViaRules.routeResponse("SIP/2.0/UDP", Optional.empty())).isEmpty();
      assertThat(ViaRules.routeResponse("garbage;;", Optional.empty())).isEmpty();
      assertThat(ViaRules.routeResponse("SIP/2.0/SCTP host.example.com", Optional.empty())).isEmpty();
      assertThat(ViaRules.routeResponse("SIP/2.0/UDP 192.0.2.1:99999", Optional.empty())).isEmpty();
      assertThat(ViaRules.routeResponse("SIP/2.0/UDP 192.0.2.1:123456789012345678901", Optional.empty()))
          .isEmpty();
      assertThat(ViaRules.routeResponse("SIP/2.0/UDP h.example.com;received=192.0.2.1;rport=70000",
          Optional.empty()).orElseThrow().rule()).isEqualTo(ResponseRoute.Rule.RECEIVED);
    }
  }

  @Nested
  @DisplayName("§18.2.1 received and RFC 3581 §4 rport")
  class Stamping {

    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.1
    //= type=test
    //# If the host portion of the "sent-by" parameter
    //# contains a domain name, or if it contains an IP address that differs
    //# from the packet source address, the server MUST add a "received"
    //# parameter to that Via header field value.  This parameter MUST
    //# contain the source address from which the packet was received.
    @Test
    @DisplayName("the example of §18.2.1: a domain name gets received=source")
    void domainName() throws Exception {
      SipRequest stamped = ViaRules.stampReceived(
          options("SIP/2.0/UDP bobspc.biloxi.com:5060"), address("192.0.2.4", 5060)).orElseThrow();
      assertThat(topVia(stamped)).isEqualTo("SIP/2.0/UDP bobspc.biloxi.com:5060;received=192.0.2.4");
    }

    @Test
    @DisplayName("an IP address that differs from the source gets received; the same one does not")
    void ipAddresses() throws Exception {
      assertThat(topVia(ViaRules.stampReceived(
              options("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1"), address("192.0.2.4", 5060)).orElseThrow()))
          .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=192.0.2.4");
      assertThat(topVia(ViaRules.stampReceived(
              options("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK1"), address("192.0.2.4", 5060)).orElseThrow()))
          .isEqualTo("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK1");
      assertThat(topVia(ViaRules.stampReceived(
              options("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1"), address("::1", 5060)).orElseThrow()))
          .isEqualTo("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1");
      assertThat(topVia(ViaRules.stampReceived(
              options("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1"), address("2001:db8::2", 5060)).orElseThrow()))
          .isEqualTo("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1;received=2001:db8:0:0:0:0:0:2");
    }

    //= https://www.rfc-editor.org/rfc/rfc3581#section-4
    //= type=test
    //# If this Via header field value contains an "rport" parameter
    //# with no value, it MUST set the value of the parameter to the source
    //# port of the request.
    //= https://www.rfc-editor.org/rfc/rfc3581#section-4
    //= type=test
    //# In fact, the server MUST insert a "received" parameter
    //# containing the source IP address that the request came from, even if
    //# it is identical to the value of the "sent-by" component.
    @Test
    @DisplayName("rport with no value is filled with the source port, and received is added even if equal")
    void rport() throws Exception {
      SipRequest stamped = ViaRules.stampReceived(
          options("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1"), address("192.0.2.1", 9988)).orElseThrow();
      assertThat(topVia(stamped)).isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;rport=9988;branch=z9hG4bK1;received=192.0.2.1");
    }

    @Test
    @DisplayName("only the top Via value changes: other values of the row and other rows stay as they were")
    void onlyTopValue() throws Exception {
      SipRequest request = Messages.request(
          "OPTIONS sip:carol@chicago.com SIP/2.0",
          "v: SIP/2.0/UDP h1.example.com;branch=z9hG4bK1, SIP/2.0/TCP h2.example.com;branch=z9hG4bK2",
          "Via: SIP/2.0/UDP h3.example.com;branch=z9hG4bK3",
          "Content-Length: 0",
          "",
          "");
      SipRequest stamped = ViaRules.stampReceived(request, address("192.0.2.4", 5060)).orElseThrow();
      assertThat(stamped.values("Via")).containsExactly(
          "SIP/2.0/UDP h1.example.com;branch=z9hG4bK1;received=192.0.2.4",
          "SIP/2.0/TCP h2.example.com;branch=z9hG4bK2",
          "SIP/2.0/UDP h3.example.com;branch=z9hG4bK3");
      assertThat(stamped.headers().all().get(0).name()).isEqualTo("v");
    }

    @Test
    @DisplayName("a request without a readable top Via cannot be stamped")
    void unreadable() throws Exception {
      assertThat(ViaRules.stampReceived(options("SIP/2.0/UDP"), address("192.0.2.4", 5060))).isEmpty();
    }
  }

  @Nested
  @DisplayName("§18.1.1 sending requests")
  class Client {

    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
    //= type=test
    //# Before a request is sent, the client transport MUST insert a value of
    //# the "sent-by" field into the Via header field.
    //= https://www.rfc-editor.org/rfc/rfc3581#section-3
    //= type=test
    //# This parameter MUST have no
    //# value; it serves as a flag to indicate to the server that this
    //# extension is supported and requested for the transaction.
    @Test
    @DisplayName("the top Via gets our transport and sent-by, and an empty rport; its branch stays")
    void sentByAndRport() {
      SipRequest prepared = ViaRules.prepareRequest(
          options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK776asdhds"), Transport.TCP,
          new ViaRules.SentBy("127.0.0.1", 5099), true).orElseThrow();
      assertThat(topVia(prepared)).isEqualTo("SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK776asdhds;rport");
      SipRequest noRport = ViaRules.prepareRequest(
          options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK1"), Transport.UDP,
          new ViaRules.SentBy("[::1]", 5060), false).orElseThrow();
      assertThat(topVia(noRport)).isEqualTo("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1");
    }

    @Test
    @DisplayName("a configured sent-by host that is not a host of §25 is refused, not written")
    void invalidSentByHost() {
      assertThat(ViaRules.prepareRequest(options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK1"),
          Transport.UDP, new ViaRules.SentBy("bad host!", 5060), true)).isEmpty();
      assertThat(ViaRules.prepareRequest(options("SIP/2.0/UDP"), Transport.UDP,
          new ViaRules.SentBy("127.0.0.1", 5060), true)).isEmpty();
    }

    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
    //= type=test
    //# If a request is within 200 bytes of the path MTU, or if it is larger
    //# than 1300 bytes and the path MTU is unknown, the request MUST be sent
    //# using an RFC 2914 [43] congestion controlled transport protocol, such
    //# as TCP.
    @ParameterizedTest(name = "{0} octets, MTU {1}: TCP {2}")
    @CsvSource({
      "1300, -1, false", "1301, -1, true", "100, -1, false", "65000, -1, true",
      "1300, 1500, false", "1301, 1500, true", "1000, 1200, false", "1001, 1200, true",
    })
    void mtuRule(int size, int mtu, boolean tcp) {
      OptionalInt pathMtu = mtu < 0 ? OptionalInt.empty() : OptionalInt.of(mtu);
      assertThat(ViaRules.requiresCongestionControl(size, pathMtu)).isEqualTo(tcp);
    }
  }

  @Nested
  @DisplayName("§18.1.2 receiving responses")
  class ClientReceive {

    private SipResponse response(String via) {
      return Messages.response("SIP/2.0 200 OK", "Via: " + via, "Content-Length: 0", "", "");
    }

    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.2
    //= type=test
    //# If the value of the "sent-by" parameter in
    //# that header field value does not correspond to a value that the
    //# client transport is configured to insert into requests, the response
    //# MUST be silently discarded.
    @Test
    @DisplayName("a response is ours only if its top Via sent-by is one we insert (default port by transport)")
    void sentByMatch() {
      List<ViaRules.SentBy> ours = List.of(new ViaRules.SentBy("127.0.0.1", 5060),
          new ViaRules.SentBy("pc33.atlanta.com", 5061), new ViaRules.SentBy("[::1]", 5070));
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1"), ours)).isTrue();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1"), ours)).isTrue();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/TLS PC33.Atlanta.COM;branch=z9hG4bK1"), ours)).isTrue();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP [0:0:0:0:0:0:0:1]:5070"), ours)).isTrue();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK1"), ours)).isFalse();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK1"), ours)).isFalse();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1"), ours)).isFalse();
      assertThat(ViaRules.isSentByOurs(response("SIP/2.0/UDP"), ours)).isFalse();
    }
  }
}
