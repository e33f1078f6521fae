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
