package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipUri;

@DisplayName("RFC 3263 on the send path: locating the next hop and failing over on transport errors")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestLocationTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Set<Transport> TCP_ONLY = Set.of(Transport.TCP);

  private final EventLoop loop = new EventLoop("location-test-loop");
  private final Recorder client = new Recorder();
  private final Recorder server = new Recorder();
  private SocketTransport clientTransport;
  private SocketTransport serverTransport;

  @AfterEach
  void stop() {
    if (clientTransport != null) {
      clientTransport.close();
    }
    if (serverTransport != null) {
      serverTransport.close();
    }
    loop.close();
  }

  /** A loopback port nothing listens on: bound, then released (a connection to it is refused). */
  private static int refusingPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private int liveServer() throws IOException {
    serverTransport = SocketTransport.create(TransportConfig.defaults(), loop, server);
    return serverTransport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0)).address().port();
  }

  private void startClient(ServerLocatorTest.Zone zone) throws IOException {
    clientTransport = SocketTransport.create(TransportConfig.defaults(), loop, client,
        new ServerLocator(zone, TCP_ONLY, new Random(1)));
    clientTransport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0));
  }

  private static SipUri uri(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }

  private static String branch(SipRequest request) {
    String via = Messages.topVia(request);
    return via.substring(via.indexOf("branch=") + "branch=".length());
  }

  /** Each try a new transaction: the same request with branch z9hG4bK-try2, -try3, … */
  private static UnaryOperator<SipRequest> newBranches() {
    AtomicInteger tries = new AtomicInteger(1);
    return request -> {
      String text = new String(request.toBytes(), StandardCharsets.UTF_8)
          .replace("branch=" + branch(request), "branch=z9hG4bK-try" + tries.incrementAndGet());
      return (SipRequest) Messages.frame(text);
    };
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
  //= type=test
  //# For SIP requests, failure occurs if the transaction layer reports a
  //# 503 error response or a transport failure of some sort (generally,
  //# due to fatal ICMP errors in UDP or connection failures in TCP).
  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
  //= type=test
  //# has a different value of the Via branch ID than the previous (and
  //# therefore constitutes a new SIP transaction).  That request is sent
  //# to the next element in the list as specified by RFC 2782.
  @Test
  @DisplayName("SRV priority 0 refuses the connection: the request goes to priority 1 with a new branch")
  void failoverOnRefusedConnection() throws Exception {
    int dead = refusingPort();
    int live = liveServer();
    ServerLocatorTest.Zone zone = new ServerLocatorTest.Zone()
        .srv("_sip._tcp.failover.test", 0, 0, dead, "dead.failover.test.")
        .srv("_sip._tcp.failover.test", 1, 0, live, "live.failover.test.")
        .a("dead.failover.test", "127.0.0.1")
        .a("live.failover.test", "127.0.0.1");
    startClient(zone);

    TargetSet targets = clientTransport.locate(uri("sip:bob@failover.test")).get(10, TimeUnit.SECONDS);
    assertThat(targets.targets()).extracting(Endpoint::toString)
        .containsExactly("tcp:127.0.0.1:" + dead, "tcp:127.0.0.1:" + live);
    assertThat(zone.queries).containsExactly("NAPTR failover.test", "SRV _sip._tcp.failover.test",
        "A/AAAA dead.failover.test", "A/AAAA live.failover.test");

    SipRequest request = Messages.options("SIP/2.0/TCP placeholder;branch=z9hG4bK-try1");
    SocketTransport.Sent sent =
        clientTransport.sendRequest(request, targets, newBranches()).get(20, TimeUnit.SECONDS);

    assertThat(sent.targets().position()).isEqualTo(1);
    assertThat(sent.targets().current()).contains(targets.targets().get(1));
    assertThat(branch(sent.request())).isEqualTo("z9hG4bK-try2");
    IncomingMessage arrived = server.next();
    assertThat(Messages.topVia(arrived.message())).contains("branch=z9hG4bK-try2");
    assertThat(client.errors).noneMatch(e -> e.kind() == TransportError.Kind.CONNECT_FAILED);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.4
  //= type=test
  //# If the transport user asks for a request to be sent over a reliable
  //# transport, and the result is a connection failure, the transport
  //# layer SHOULD inform the transport user of a failure in sending.
  @Test
  @DisplayName("every target refuses: the set is exhausted and the last failure is reported")
  void everyTargetRefuses() throws Exception {
    int first = refusingPort();
    int second = refusingPort();
    TargetSet targets = TargetSet.of(List.of(
        new Endpoint(Transport.TCP, new TransportAddress(LOOPBACK, first)),
        new Endpoint(Transport.TCP, new TransportAddress(LOOPBACK, second))));
    startClient(new ServerLocatorTest.Zone());

    SocketTransport.Sent sent = clientTransport.sendRequest(
        Messages.options("SIP/2.0/TCP placeholder;branch=z9hG4bK-try1"), targets, newBranches())
        .get(20, TimeUnit.SECONDS);

    assertThat(sent.targets().isExhausted()).isTrue();
    assertThat(branch(sent.request())).isEqualTo("z9hG4bK-try2");
    TransportError error = client.nextError(TransportError.Kind.CONNECT_FAILED);
    assertThat(error.remote()).contains(new TransportAddress(LOOPBACK, second));
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.2
  //= type=test
  //# If TARGET is a numeric IP address, the client uses that address.  If
  //# the URI also contains a port, it uses that port.
  @Test
  @DisplayName("a numeric next hop with a port asks no DNS; a SIPS one is TLS; the request arrives")
  void numericNextHop() throws Exception {
    int live = liveServer();
    ServerLocatorTest.Zone zone = new ServerLocatorTest.Zone();
    startClient(zone);

    TargetSet targets = clientTransport.locate(uri("sip:bob@127.0.0.1:" + live + ";transport=tcp"))
        .get(10, TimeUnit.SECONDS);
    assertThat(targets.targets()).extracting(Endpoint::toString).containsExactly("tcp:127.0.0.1:" + live);
    SocketTransport.Sent sent = clientTransport.sendRequest(
        Messages.options("SIP/2.0/TCP placeholder;branch=z9hG4bK-try1"), targets, newBranches())
        .get(20, TimeUnit.SECONDS);
    assertThat(sent.targets().position()).isZero();
    assertThat(branch(sent.request())).isEqualTo("z9hG4bK-try1");
    assertThat(Messages.topVia(server.next().message())).contains("branch=z9hG4bK-try1");

    SocketTransport tls = SocketTransport.create(TransportConfig.defaults(), loop, client,
        new ServerLocator(zone, Set.of(Transport.TCP, Transport.TLS), new Random(1)));
    try {
      assertThat(tls.locate(uri("sips:bob@127.0.0.1:5999")).get(10, TimeUnit.SECONDS).targets())
          .extracting(Endpoint::toString).containsExactly("tls:127.0.0.1:5999");
    } finally {
      tls.close();
    }
    assertThat(zone.queries).isEmpty();
  }

  @Test
  @DisplayName("a name that does not resolve gives an empty set, and sending to it reports SEND_FAILED")
  void nothingFound() throws Exception {
    startClient(new ServerLocatorTest.Zone());
    TargetSet targets = clientTransport.locate(uri("sip:bob@nowhere.test")).get(10, TimeUnit.SECONDS);
    assertThat(targets.isExhausted()).isTrue();
    SocketTransport.Sent sent = clientTransport.sendRequest(
        Messages.options("SIP/2.0/TCP placeholder;branch=z9hG4bK-try1"), targets, newBranches())
        .get(10, TimeUnit.SECONDS);
    assertThat(sent.targets().isExhausted()).isTrue();
    assertThat(client.nextError(TransportError.Kind.SEND_FAILED).detail()).contains("RFC 3263");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.2.2
  //= type=test
  //# If that connection attempt fails, the server SHOULD use the procedures
  //# in [4] for servers in order to determine the IP address and
  //# port to open the connection and send the response to.
  @Test
  @DisplayName("a response whose new connection to received is refused goes to sent-by, located by RFC 3263 §5")
  void responseFallsBackToSentBy() throws Exception {
    ServerLocatorTest.Zone zone = new ServerLocatorTest.Zone().a("client.test", "127.0.0.1");
    serverTransport = SocketTransport.create(TransportConfig.defaults(), loop, server,
        new ServerLocator(zone, TCP_ONLY, new Random(1)));
    Endpoint listening = serverTransport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0));
    try (ServerSocket clientListener = new ServerSocket(0, 5, LOOPBACK)) {
      clientListener.setSoTimeout(10_000);
      // Nothing listens on 127.0.0.2 at that port: the connection to received is refused.
      SipRequest request = Messages.options("SIP/2.0/TCP client.test:" + clientListener.getLocalPort()
          + ";received=127.0.0.2;branch=z9hG4bKfallback");
      IncomingMessage in = new IncomingMessage(request, Transport.TCP,
          new TransportAddress(InetAddress.getByName("127.0.0.2"), 40000), listening.address(),
          java.util.Optional.empty(), List.of());

      serverTransport.sendResponse(Responses.stateless(request, 200, "OK", List.of()), in);

      try (java.net.Socket back = clientListener.accept()) {
        back.setSoTimeout(10_000);
        byte[] head = back.getInputStream().readNBytes("SIP/2.0 200".length());
        assertThat(new String(head, StandardCharsets.UTF_8)).isEqualTo("SIP/2.0 200");
      }
      assertThat(zone.queries).containsExactly("A/AAAA client.test");
    }
  }

  @Test
  @DisplayName("TargetSet: current, next, remaining, exhausted")
  void targetSet() throws Exception {
    Endpoint a = new Endpoint(Transport.UDP, new TransportAddress(InetAddress.getByName("192.0.2.1"), 5060));
    Endpoint b = new Endpoint(Transport.TCP, new TransportAddress(InetAddress.getByName("192.0.2.2"), 5060));
    TargetSet set = TargetSet.of(List.of(a, b));
    assertThat(set.current()).contains(a);
    assertThat(set.remaining()).containsExactly(a, b);
    assertThat(set.next().current()).contains(b);
    assertThat(set.next().remaining()).containsExactly(b);
    assertThat(set.next().next().isExhausted()).isTrue();
    assertThat(set.next().next().next().current()).isEmpty();
  }
}
