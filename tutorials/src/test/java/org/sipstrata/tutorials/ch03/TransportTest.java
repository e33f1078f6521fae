package org.sipstrata.tutorials.ch03;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxLimits;
import org.sipstrata.transport.Connection;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.EventLoop;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.ResponseRoute;
import org.sipstrata.transport.Responses;
import org.sipstrata.transport.SocketTransport;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import org.sipstrata.transport.TransportConfig;
import org.sipstrata.transport.TransportError;
import org.sipstrata.transport.TransportListener;
import org.sipstrata.transport.ViaRules;

/** The code of chapter 3, "Transport": RFC 3261 §18 and RFC 3581 on the transport layer. */
@DisplayName("Chapter 3: Transport")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportTest {

  private static SipMessage message(String... lines) {
    FramingResult result = SipFraming.datagram(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8));
    return ((FramingResult.Framed) result).message();
  }

  private static SipRequest options(String via) {
    return (SipRequest) message(
        "OPTIONS sip:carol@chicago.com SIP/2.0",
        "Via: " + via,
        "Max-Forwards: 70",
        "To: <sip:carol@chicago.com>",
        "From: Alice <sip:alice@atlanta.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710",
        "CSeq: 63104 OPTIONS",
        "Content-Length: 0",
        "",
        "");
  }

  private static String topVia(SipMessage m) {
    return m.header("Via").orElseThrow().values().get(0);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
  //= type=test
  //# Before a request is sent, the client transport MUST insert a value of
  //# the "sent-by" field into the Via header field.
  @Test
  @DisplayName("the client transport writes sent-by, the transport and an empty rport into the top Via")
  void clientRules() {
    // tag::client[]
    SipRequest request = options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK776asdhds");
    SipRequest prepared = ViaRules.prepareRequest(
        request, Transport.UDP, new ViaRules.SentBy("192.0.2.1", 5060), true).orElseThrow();
    assertThat(topVia(prepared)).isEqualTo("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport");
    // end::client[]
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
  //= type=test
  //# If a request is within 200 bytes of the path MTU, or if it is larger
  //# than 1300 bytes and the path MTU is unknown, the request MUST be sent
  //# using an RFC 2914 [43] congestion controlled transport protocol, such
  //# as TCP.
  @Test
  @DisplayName("a request over 1300 octets goes over TCP when the path MTU is unknown")
  void mtu() {
    // tag::mtu[]
    assertThat(ViaRules.requiresCongestionControl(1300, OptionalInt.empty())).isFalse();
    assertThat(ViaRules.requiresCongestionControl(1301, OptionalInt.empty())).isTrue();
    assertThat(ViaRules.requiresCongestionControl(1301, OptionalInt.of(1500))).isTrue();
    assertThat(ViaRules.requiresCongestionControl(1300, OptionalInt.of(1500))).isFalse();
    // end::mtu[]
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.1
  //= type=test
  //# If the host portion of the "sent-by" parameter
  //# contains a domain name, or if it contains an IP address that differs
  //# from the packet source address, the server MUST add a "received"
  //# parameter to that Via header field value.
  @Test
  @DisplayName("the server transport adds received when sent-by is a name, and fills rport")
  void serverRules() throws Exception {
    // tag::server[]
    TransportAddress source = new TransportAddress(InetAddress.getByName("192.0.2.4"), 5060);
    SipRequest named = ViaRules.stampReceived(options("SIP/2.0/UDP bobspc.biloxi.com:5060"), source)
        .orElseThrow();
    assertThat(topVia(named)).isEqualTo("SIP/2.0/UDP bobspc.biloxi.com:5060;received=192.0.2.4");

    TransportAddress natted = new TransportAddress(InetAddress.getByName("192.0.2.1"), 9988);
    SipRequest rport = ViaRules.stampReceived(
        options("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1"), natted).orElseThrow();
    assertThat(topVia(rport)).isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;rport=9988;branch=z9hG4bK1;received=192.0.2.1");
    // end::server[]
  }

  /** A listener that keeps what arrives; the transport calls it on the event loop's thread. */
  // tag::listener[]
  record Inbox(LinkedBlockingQueue<IncomingMessage> messages, LinkedBlockingQueue<TransportError> errors)
      implements TransportListener {
    Inbox() {
      this(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
    }

    @Override
    public void onMessage(IncomingMessage message) {
      messages.add(message);
    }

    @Override
    public void onError(TransportError error) {
      errors.add(error);
    }

    IncomingMessage next() throws InterruptedException {
      IncomingMessage m = messages.poll(10, TimeUnit.SECONDS);
      assertThat(m).as("a message within 10 s; errors: %s", errors).isNotNull();
      return m;
    }
  }
  // end::listener[]

  //= https://www.rfc-editor.org/rfc/rfc3581#section-4
  //= type=test
  //# The response MUST be sent from the
  //# same address and port that the corresponding request was received on.
  @Test
  @DisplayName("a real UDP round trip on 127.0.0.1: received and rport on the way in, routed back")
  void udpRoundTrip() throws Exception {
    // tag::round-trip[]
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Inbox alice = new Inbox();
    Inbox bob = new Inbox();
    try (EventLoop loop = new EventLoop("chapter-3");
        SocketTransport aliceTransport = SocketTransport.create(TransportConfig.defaults(), loop, alice);
        SocketTransport bobTransport = SocketTransport.create(TransportConfig.defaults(), loop, bob)) {
      Endpoint aliceAt = aliceTransport.listen(Transport.UDP, new TransportAddress(loopback, 0));
      Endpoint bobAt = bobTransport.listen(Transport.UDP, new TransportAddress(loopback, 0));

      aliceTransport.sendRequest(options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK776asdhds"), bobAt);

      IncomingMessage request = bob.next();
      assertThat(request.source()).isEqualTo(aliceAt.address());
      assertThat(topVia(request.message())).isEqualTo("SIP/2.0/UDP 127.0.0.1:" + aliceAt.address().port()
          + ";branch=z9hG4bK776asdhds;rport=" + aliceAt.address().port() + ";received=127.0.0.1");

      SipResponse ok = Responses.stateless((SipRequest) request.message(), 200, "OK", List.of());
      bobTransport.sendResponse(ok, request);

      IncomingMessage response = alice.next();
      assertThat(((SipResponse) response.message()).statusCode()).isEqualTo(200);
      assertThat(response.source()).isEqualTo(bobAt.address());
    }
    // end::round-trip[]
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise (for unreliable unicast transports), if the top Via
  //# has a "received" parameter, the response MUST be sent to the
  //# address in the "received" parameter, using the port indicated
  //# in the "sent-by" value, or using port 5060 if none is specified
  //# explicitly.
  @Test
  @DisplayName("the four rules of §18.2.2, one example each, and RFC 3581's rport")
  void routing() throws Exception {
    // tag::routing[]
    Connection open = new Connection(1, Transport.TCP,
        new TransportAddress(InetAddress.getByName("192.0.2.1"), 5060),
        new TransportAddress(InetAddress.getByName("192.0.2.4"), 49152));

    ResponseRoute sameConnection = ViaRules.routeResponse(
        "SIP/2.0/TCP pc33.atlanta.com;received=192.0.2.4;branch=z9hG4bK1", Optional.of(open)).orElseThrow();
    assertThat(sameConnection.rule()).isEqualTo(ResponseRoute.Rule.SAME_CONNECTION);

    ResponseRoute newConnection = ViaRules.routeResponse(
        "SIP/2.0/TCP pc33.atlanta.com:5070;received=192.0.2.4;branch=z9hG4bK1", Optional.empty()).orElseThrow();
    assertThat(newConnection).extracting(ResponseRoute::rule, ResponseRoute::host, ResponseRoute::port)
        .containsExactly(ResponseRoute.Rule.NEW_CONNECTION, "192.0.2.4", 5070);

    ResponseRoute maddr = ViaRules.routeResponse(
        "SIP/2.0/UDP pc33.atlanta.com;maddr=224.0.1.75;received=192.0.2.4", Optional.empty()).orElseThrow();
    assertThat(maddr).extracting(ResponseRoute::rule, ResponseRoute::host, ResponseRoute::port)
        .containsExactly(ResponseRoute.Rule.MADDR, "224.0.1.75", 5060);

    ResponseRoute rport = ViaRules.routeResponse(
        "SIP/2.0/UDP 10.0.0.1:5060;rport=9988;received=192.0.2.1", Optional.empty()).orElseThrow();
    assertThat(rport).extracting(ResponseRoute::rule, ResponseRoute::host, ResponseRoute::port)
        .containsExactly(ResponseRoute.Rule.RECEIVED_RPORT, "192.0.2.1", 9988);

    ResponseRoute received = ViaRules.routeResponse(
        "SIP/2.0/UDP bobspc.biloxi.com;received=192.0.2.4", Optional.empty()).orElseThrow();
    assertThat(received).extracting(ResponseRoute::rule, ResponseRoute::host, ResponseRoute::port)
        .containsExactly(ResponseRoute.Rule.RECEIVED, "192.0.2.4", 5060);

    ResponseRoute sentBy = ViaRules.routeResponse(
        "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1", Optional.empty()).orElseThrow();
    assertThat(sentBy).extracting(ResponseRoute::rule, ResponseRoute::host, ResponseRoute::port)
        .containsExactly(ResponseRoute.Rule.SENT_BY, "pc33.atlanta.com", 5060);
    // end::routing[]
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# In the case of stream-oriented transports such as TCP, the Content-
  //# Length header field indicates the size of the body.
  @Test
  @DisplayName("on a stream, Content-Length frames messages however the octets are split")
  void streamFraming() {
    // tag::framing[]
    byte[] two = (new String(options("SIP/2.0/TCP a.example.com;branch=z9hG4bK1").toBytes(), StandardCharsets.UTF_8)
        + new String(options("SIP/2.0/TCP a.example.com;branch=z9hG4bK2").toBytes(), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(java.util.Arrays.copyOfRange(two, 0, 100));
    assertThat(decoder.next()).isInstanceOf(FramingResult.NeedMore.class);

    decoder.feed(java.util.Arrays.copyOfRange(two, 100, two.length));
    FramingResult first = decoder.next();
    FramingResult second = decoder.next();
    assertThat(topVia(((FramingResult.Framed) first).message())).endsWith("branch=z9hG4bK1");
    assertThat(topVia(((FramingResult.Framed) second).message())).endsWith("branch=z9hG4bK2");
    assertThat(decoder.next()).isInstanceOf(FramingResult.NeedMore.class);
    // end::framing[]
  }
}
