package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.octets;
import static org.sipstrata.transport.Messages.topVia;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SyntaxError;

@DisplayName("UDP over loopback")
class UdpTransportTest {

  private final EventLoop loop = new EventLoop("udp-test-loop");
  private final Recorder server = new Recorder();
  private SocketTransport transport;
  private Endpoint listening;
  private DatagramSocket client;

  @BeforeEach
  void start() throws IOException {
    transport = SocketTransport.create(TransportConfig.defaults(), loop, server);
    listening = transport.listen(Transport.UDP, new TransportAddress(InetAddress.getLoopbackAddress(), 0));
    client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    client.setSoTimeout(10_000);
  }

  @AfterEach
  void stop() {
    transport.close();
    client.close();
    loop.close();
  }

  /** Answers every request with 200 through §18.2.2. */
  private void answerOk() {
    server.onEachMessage(in -> {
      if (in.message() instanceof SipRequest r) {
        transport.sendResponse(Responses.stateless(r, 200, "OK", List.of()), in);
      }
    });
  }

  private void sendFromClient(DatagramSocket socket, byte[] octets) throws IOException {
    socket.send(new DatagramPacket(octets, octets.length, listening.address().toSocketAddress()));
  }

  private static String receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  private static String options(String via) {
    return new String(Messages.options(via).toBytes(), StandardCharsets.UTF_8);
  }

  //= https://www.rfc-editor.org/rfc/rfc3581#section-4
  //= type=test
  //# The response MUST be sent from the
  //# same address and port that the corresponding request was received on.
  @Test
  @DisplayName("OPTIONS in, 200 out: rport filled, received added, answer from the listening socket to the source port")
  void roundTrip() throws Exception {
    answerOk();
    int port = client.getLocalPort();
    sendFromClient(client, options("SIP/2.0/UDP 127.0.0.1:5;rport;branch=z9hG4bKround").getBytes(StandardCharsets.UTF_8));

    IncomingMessage in = server.next();
    assertThat(in.transport()).isEqualTo(Transport.UDP);
    assertThat(in.source().port()).isEqualTo(port);
    assertThat(in.destination()).isEqualTo(listening.address());
    assertThat(in.connection()).isEmpty();
    assertThat(topVia(in.message()))
        .isEqualTo("SIP/2.0/UDP 127.0.0.1:5;rport=" + port + ";branch=z9hG4bKround;received=127.0.0.1");

    byte[] buffer = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    client.receive(packet);
    String response = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    assertThat(response).startsWith("SIP/2.0 200 OK\r\n").contains("rport=" + port);
    assertThat(packet.getPort()).isEqualTo(listening.address().port());
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise, if it is not receiver-tagged, the response MUST be
  //# sent to the address indicated by the "sent-by" value, using the
  //# procedures in Section 5 of [4].
  @Test
  @DisplayName("without rport, the response goes to the sent-by port, not to the source port")
  void sentByPort() throws Exception {
    answerOk();
    try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      other.setSoTimeout(10_000);
      sendFromClient(client, options("SIP/2.0/UDP 127.0.0.1:" + other.getLocalPort() + ";branch=z9hG4bKs")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(receive(other)).startsWith("SIP/2.0 200 OK\r\n");
    }
    client.setSoTimeout(300);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> receive(client)))
        .isInstanceOf(SocketTimeoutException.class);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# Otherwise (for unreliable unicast transports), if the top Via
  //# has a "received" parameter, the response MUST be sent to the
  //# address in the "received" parameter, using the port indicated
  //# in the "sent-by" value, or using port 5060 if none is specified
  //# explicitly.
  @Test
  @DisplayName("a domain sent-by gets received=127.0.0.1, and the response goes there at the sent-by port")
  void receivedWithDomain() throws Exception {
    answerOk();
    try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      other.setSoTimeout(10_000);
      sendFromClient(client, options("SIP/2.0/UDP client.invalid:" + other.getLocalPort() + ";branch=z9hG4bKd")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(topVia(server.next().message())).endsWith(";received=127.0.0.1");
      assertThat(receive(other)).startsWith("SIP/2.0 200 OK\r\n").contains("received=127.0.0.1");
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# If the transport packet ends before the end of the
  //# message body, this is considered an error.  If the message is a
  //# response, it MUST be discarded.
  @Test
  @DisplayName("a datagram that cannot be framed is dropped alone; the next one is delivered")
  void malformedDatagramDropped() throws Exception {
    sendFromClient(client, octets("SIP/2.0 200 OK", "Via: SIP/2.0/UDP 127.0.0.1", "Content-Length: 50", "", "short"));
    TransportError dropped = server.nextError(TransportError.Kind.DATAGRAM_DROPPED);
    assertThat(dropped.syntaxError().map(SyntaxError::kind)).contains(SyntaxError.Kind.TRUNCATED_BODY);
    assertThat(dropped.remote().map(TransportAddress::port)).contains(client.getLocalPort());

    sendFromClient(client, octets("NOT A SIP MESSAGE AT ALL", "", ""));
    assertThat(server.nextError(TransportError.Kind.DATAGRAM_DROPPED).syntaxError().orElseThrow().kind())
        .isEqualTo(SyntaxError.Kind.MALFORMED_START_LINE);

    sendFromClient(client, options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKafter").getBytes(StandardCharsets.UTF_8));
    assertThat(server.next().message().topViaBranch()).contains("z9hG4bKafter");
    assertThat(server.messages).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# If the message is a request, the
  //# element SHOULD generate a 400 (Bad Request) response.
  @Test
  @DisplayName("a request datagram shorter than its Content-Length: dropped, and answered 400 by §18.2.2")
  void truncatedRequestAnswered400() throws Exception {
    String request = options("SIP/2.0/UDP 127.0.0.1:5;rport;branch=z9hG4bKclerr")
        .replace("Content-Length: 0\r\n\r\n", "Content-Length: 9999\r\n\r\nv=0\r\n");
    sendFromClient(client, request.getBytes(StandardCharsets.UTF_8));
    String answer = receive(client);
    assertThat(answer).startsWith("SIP/2.0 400 ").contains("branch=z9hG4bKclerr")
        .contains("rport=" + client.getLocalPort()).contains("Content-Length: 0");
    TransportError dropped = server.nextError(TransportError.Kind.DATAGRAM_DROPPED);
    assertThat(dropped.syntaxError().map(SyntaxError::kind)).contains(SyntaxError.Kind.TRUNCATED_BODY);
    assertThat(server.messages).isEmpty();
  }

  @Test
  @DisplayName("a datagram over the message size limit is dropped with MESSAGE_TOO_LARGE")
  void oversizedDatagram() throws Exception {
    transport.close();
    transport = SocketTransport.create(TransportConfig.defaults()
        .withSyntaxLimits(org.sipstrata.syntax.SyntaxLimits.defaults().withMaxMessageSize(2048)), loop, server);
    listening = transport.listen(Transport.UDP, new TransportAddress(InetAddress.getLoopbackAddress(), 0));
    String big = options("SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKbig")
        .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSubject: " + "x".repeat(4000) + "\r\n");
    sendFromClient(client, big.getBytes(StandardCharsets.UTF_8));
    assertThat(server.nextError(TransportError.Kind.DATAGRAM_DROPPED).syntaxError().orElseThrow().kind().isLimit())
        .isTrue();
    assertThat(server.messages).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.2
  //= type=test
  //# When a response is received, the client transport examines the top
  //# Via header field value.  If the value of the "sent-by" parameter in
  //# that header field value does not correspond to a value that the
  //# client transport is configured to insert into requests, the response
  //# MUST be silently discarded.
  @Test
  @DisplayName("two transports: a request with our sent-by comes back as a response; a foreign sent-by is discarded")
  void clientTransport() throws Exception {
    answerOk();
    Recorder alice = new Recorder();
    try (SocketTransport a = SocketTransport.create(TransportConfig.defaults(), loop, alice)) {
      Endpoint aPoint = a.listen(Transport.UDP, new TransportAddress(InetAddress.getLoopbackAddress(), 0));
      a.sendRequest(Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKalice"), listening);

      IncomingMessage atServer = server.next();
      assertThat(topVia(atServer.message())).isEqualTo(
          "SIP/2.0/UDP 127.0.0.1:" + aPoint.address().port() + ";branch=z9hG4bKalice;rport="
              + aPoint.address().port() + ";received=127.0.0.1");
      IncomingMessage atAlice = alice.next();
      assertThat(((SipResponse) atAlice.message()).statusCode()).isEqualTo(200);

      byte[] foreign = octets("SIP/2.0 200 OK", "Via: SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKx",
          "Content-Length: 0", "", "");
      client.send(new DatagramPacket(foreign, foreign.length, aPoint.address().toSocketAddress()));
      assertThat(alice.nextError(TransportError.Kind.RESPONSE_DISCARDED).message()).isPresent();
      assertThat(alice.messages).isEmpty();
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-5
  //= type=test
  //# If, however, the sent-by field contained a domain name and a port
  //# number, the server queries for A or AAAA records with that name.
  @Test
  @DisplayName("a response to a sent-by host name goes where RFC 3263 §5 locates it: A/AAAA with a port, SRV without")
  void sentByHostName() throws Exception {
    transport.close();
    try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      other.setSoTimeout(10_000);
      ServerLocatorTest.Zone zone = new ServerLocatorTest.Zone()
          .a("client.example", "127.0.0.1")
          .srv("_sip._udp.srv.example", 0, 1, other.getLocalPort(), "client.example.");
      transport = SocketTransport.create(TransportConfig.defaults(), loop, server,
          new ServerLocator(zone, java.util.Set.of(Transport.UDP, Transport.TCP), new java.util.Random(1)));
      listening = transport.listen(Transport.UDP, new TransportAddress(InetAddress.getLoopbackAddress(), 0));
      for (String via : List.of("SIP/2.0/UDP client.example:" + other.getLocalPort() + ";branch=z9hG4bKa",
          "SIP/2.0/UDP srv.example;branch=z9hG4bKsrv")) {
        // As a stateless proxy forwards it: no received, so §18.2.2 falls to its last rule.
        SipRequest request = Messages.options(via);
        transport.sendResponse(Responses.stateless(request, 200, "OK", List.of()),
            new IncomingMessage(request, Transport.UDP, new TransportAddress(InetAddress.getLoopbackAddress(), 9),
                listening.address(), java.util.Optional.empty(), List.of()));
        assertThat(receive(other)).startsWith("SIP/2.0 200 OK\r\n").contains(via);
      }
      assertThat(zone.queries).containsExactly("A/AAAA client.example", "SRV _sip._udp.srv.example",
          "A/AAAA client.example");
    }
  }

  @Test
  @DisplayName("IPv6 loopback [::1]: round trip with an IPv6reference sent-by")
  void ipv6() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    DatagramSocket v6client;
    Endpoint v6point;
    try {
      v6point = transport.listen(Transport.UDP, new TransportAddress(v6, 0));
      v6client = new DatagramSocket(new InetSocketAddress(v6, 0));
    } catch (IOException unavailable) {
      Assumptions.abort("no IPv6 loopback on this machine: " + unavailable.getMessage());
      return;
    }
    try (v6client) {
      v6client.setSoTimeout(10_000);
      answerOk();
      byte[] request = options("SIP/2.0/UDP [::1]:" + v6client.getLocalPort() + ";rport;branch=z9hG4bKv6")
          .getBytes(StandardCharsets.UTF_8);
      v6client.send(new DatagramPacket(request, request.length, v6point.address().toSocketAddress()));
      assertThat(topVia(server.next().message())).contains("rport=" + v6client.getLocalPort());
      assertThat(receive(v6client)).startsWith("SIP/2.0 200 OK\r\n");
    }
  }
}
