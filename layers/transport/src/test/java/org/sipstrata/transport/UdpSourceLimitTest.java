package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipstrata.transport.internal.SourceRateLimiter;

@DisplayName("per-source limit for UDP: datagrams per source address and second")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpSourceLimitTest {

  private final EventLoop loop = new EventLoop("udp-limit-test-loop");
  private final Recorder server = new Recorder();
  private SocketTransport transport;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    loop.close();
  }

  @Test
  @DisplayName("the limiter admits N per window, marks the first drop, starts again next second, forgets old sources")
  void limiter() throws Exception {
    SourceRateLimiter limiter = new SourceRateLimiter(3, 2);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    long t = 5_000_000_000L;
    assertThat(limiter.admit(a, t)).isEqualTo(SourceRateLimiter.Decision.ADMIT);
    assertThat(limiter.admit(a, t + 1)).isEqualTo(SourceRateLimiter.Decision.ADMIT);
    assertThat(limiter.admit(a, t + 2)).isEqualTo(SourceRateLimiter.Decision.ADMIT);
    assertThat(limiter.admit(a, t + 3)).isEqualTo(SourceRateLimiter.Decision.DROP_FIRST);
    assertThat(limiter.admit(a, t + 4)).isEqualTo(SourceRateLimiter.Decision.DROP);
    assertThat(limiter.admit(a, t + 999_999_999L)).isEqualTo(SourceRateLimiter.Decision.DROP);
    assertThat(limiter.admit(a, t + 1_000_000_000L)).isEqualTo(SourceRateLimiter.Decision.ADMIT);
    for (int i = 2; i < 1000; i++) {
      limiter.admit(InetAddress.getByName("192.0.2." + (i % 250)), t + i);
    }
    assertThat(limiter.trackedSources()).isEqualTo(2);
  }

  @Test
  @DisplayName("over real UDP: 5 of 20 datagrams from 127.0.0.1 pass, 127.0.0.2 is not affected, one event")
  void overSockets() throws Exception {
    transport = SocketTransport.create(TransportConfig.defaults().withMaxDatagramsPerSource(5), loop, server);
    Endpoint listening = transport.listen(Transport.UDP, new TransportAddress(InetAddress.getByName("127.0.0.1"), 0));
    byte[] octets = Messages.options("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1").toBytes();
    try (DatagramSocket one = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      for (int i = 0; i < 20; i++) {
        one.send(new DatagramPacket(octets, octets.length, listening.address().toSocketAddress()));
      }
      other.send(new DatagramPacket(octets, octets.length, listening.address().toSocketAddress()));

      for (int i = 0; i < 6; i++) {
        server.next();
      }
      TransportError dropped = server.nextError(TransportError.Kind.DATAGRAM_DROPPED);
      assertThat(dropped.detail()).contains("more than 5 per second from 127.0.0.1");
      assertThat(dropped.remote().orElseThrow().address().getHostAddress()).isEqualTo("127.0.0.1");
      Thread.sleep(300);
      assertThat(server.messages).isEmpty();
      assertThat(server.errors).noneMatch(e -> e.kind() == TransportError.Kind.DATAGRAM_DROPPED);
    }
  }
}
