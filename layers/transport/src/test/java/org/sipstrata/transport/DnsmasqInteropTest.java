package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.transport.internal.DnsjavaLookup;
import org.xbill.DNS.SimpleResolver;

/**
 * RFC 3263 against a real DNS server: Debian's {@code dnsmasq} (package {@code dnsmasq}) serving a
 * test zone on 127.0.0.1 at a free port, started for each test and killed after it.
 */
@DisplayName("RFC 3263 against dnsmasq on loopback (interop)")
@EnabledIf(value = "dnsmasqInstalled", disabledReason = "dnsmasq is not installed (Debian package dnsmasq)")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsmasqInteropTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  static Optional<Path> dnsmasq() {
    Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator));
    return Stream.concat(path, Stream.of("/usr/sbin", "/sbin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "dnsmasq"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static boolean dnsmasqInstalled() {
    return dnsmasq().isPresent();
  }

  @TempDir Path dir;
  private Process server;
  private int port;
  private final EventLoop loop = new EventLoop("dnsmasq-test-loop");
  private final Recorder client = new Recorder();
  private final Recorder sipServer = new Recorder();
  private SocketTransport clientTransport;
  private SocketTransport serverTransport;
  private int livePort;
  private int deadPort;

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private static int refusingTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  @BeforeEach
  void start() throws Exception {
    serverTransport = SocketTransport.create(TransportConfig.defaults(), loop, sipServer);
    livePort = serverTransport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0)).address().port();
    deadPort = refusingTcpPort();
    port = freeUdpPort();
    Path config = dir.resolve("dnsmasq.conf");
    Files.write(config, List.of(
        "port=" + port,
        "listen-address=127.0.0.1",
        "bind-interfaces",
        "no-resolv",
        "no-hosts",
        "pid-file=",
        // The example of RFC 3263 §4.1, in a test domain: SIPS first, then TCP, then UDP.
        "naptr-record=example.test,50,50,S,SIPS+D2T,,_sips._tcp.example.test",
        "naptr-record=example.test,90,50,S,SIP+D2T,,_sip._tcp.example.test",
        "naptr-record=example.test,100,50,S,SIP+D2U,,_sip._udp.example.test",
        "srv-host=_sip._tcp.example.test,dead.example.test," + deadPort + ",0,10",
        "srv-host=_sip._tcp.example.test,live.example.test," + livePort + ",1,10",
        "srv-host=_sip._udp.example.test,live.example.test,5070,0,10",
        "srv-host=_sips._tcp.example.test,tls.example.test,5061,0,10",
        "host-record=dead.example.test,127.0.0.1",
        "host-record=live.example.test,127.0.0.1",
        "host-record=tls.example.test,127.0.0.3",
        "host-record=named.example.test,127.0.0.2,::2"));
    server = new ProcessBuilder(dnsmasq().orElseThrow().toString(), "--no-daemon",
        "--conf-file=" + config, "--no-resolv", "--no-hosts", "--user=" + System.getProperty("user.name"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("dnsmasq.log").toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (lookup().addresses("live.example.test").isEmpty()) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("dnsmasq did not answer within " + START_TIMEOUT + ": "
            + Files.readString(dir.resolve("dnsmasq.log")));
      }
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (clientTransport != null) {
      clientTransport.close();
    }
    serverTransport.close();
    loop.close();
  }

  private DnsjavaLookup lookup() throws IOException {
    SimpleResolver resolver = new SimpleResolver(LOOPBACK);
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    return new DnsjavaLookup(resolver);
  }

  private static SipUri uri(String text) {
    return SipUri.parse(text).toOptional().orElseThrow();
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.1
  //= type=test
  //# Otherwise, if no transport protocol or port is specified, and the
  //# target is not a numeric IP address, the client SHOULD perform a NAPTR
  //# query for the domain in the URI.
  @Test
  @DisplayName("NAPTR, SRV and A/AAAA records served by dnsmasq, read through dnsjava")
  void records() throws Exception {
    DnsjavaLookup dns = lookup();
    assertThat(dns.naptr("example.test")).extracting(ServerLocator.Naptr::service)
        .containsExactlyInAnyOrder("SIPS+D2T", "SIP+D2T", "SIP+D2U");
    assertThat(dns.srv("_sip._tcp.example.test")).extracting(ServerLocator.Srv::priority)
        .containsExactlyInAnyOrder(0, 1);
    assertThat(dns.addresses("named.example.test")).extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.2", "0:0:0:0:0:0:0:2");
    assertThat(dns.addresses("nothing.example.test")).isEmpty();

    ServerLocator udpTcp = new ServerLocator(dns, Set.of(Transport.UDP, Transport.TCP), new Random(1));
    // SIPS+D2T is discarded (no TLS here); SIP+D2T has the lower order, and its SRV priorities order it.
    assertThat(udpTcp.locate(uri("sip:bob@example.test"))).extracting(Endpoint::toString)
        .containsExactly("tcp:127.0.0.1:" + deadPort, "tcp:127.0.0.1:" + livePort);
    ServerLocator all = new ServerLocator(dns, Set.of(Transport.UDP, Transport.TCP, Transport.TLS), new Random(1));
    assertThat(all.locate(uri("sips:bob@example.test"))).extracting(Endpoint::toString)
        .containsExactly("tls:127.0.0.3:5061");
    assertThat(udpTcp.locate(uri("sip:bob@example.test;transport=udp"))).extracting(Endpoint::toString)
        .containsExactly("udp:127.0.0.1:5070");
    assertThat(udpTcp.locate(uri("sip:bob@named.example.test:5080"))).extracting(Endpoint::toString)
        .containsExactly("udp:127.0.0.2:5080", "udp:[0:0:0:0:0:0:0:2]:5080");
  }

  //= https://www.rfc-editor.org/rfc/rfc3263#section-4.3
  //= type=test
  //# For SIP requests, failure occurs if the transaction layer reports a
  //# 503 error response or a transport failure of some sort (generally,
  //# due to fatal ICMP errors in UDP or connection failures in TCP).
  @Test
  @DisplayName("a request to sip:bob@example.test: NAPTR → SRV → A, the first target refuses, the second answers")
  void failoverThroughRealDns() throws Exception {
    clientTransport = SocketTransport.create(TransportConfig.defaults(), loop, client,
        new ServerLocator(lookup(), Set.of(Transport.UDP, Transport.TCP), new Random(1)));
    clientTransport.listen(Transport.TCP, new TransportAddress(LOOPBACK, 0));

    TargetSet targets = clientTransport.locate(uri("sip:bob@example.test")).get(20, TimeUnit.SECONDS);
    SipRequest request = Messages.options("SIP/2.0/TCP placeholder;branch=z9hG4bK-dns1");
    SocketTransport.Sent sent = clientTransport.sendRequest(request, targets,
        r -> (SipRequest) Messages.frame(Messages.text(r).replace("z9hG4bK-dns1", "z9hG4bK-dns2")))
        .get(20, TimeUnit.SECONDS);

    assertThat(sent.targets().position()).isEqualTo(1);
    assertThat(sent.targets().current().orElseThrow().address().port()).isEqualTo(livePort);
    assertThat(Messages.topVia(sipServer.next().message())).contains("branch=z9hG4bK-dns2");
  }
}
