package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transport.Messages.topVia;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

@DisplayName("SimulatedNetwork: endpoints in one JVM on virtual time")
class SimulatedNetworkTest {

  private final VirtualScheduler time = new VirtualScheduler();

  private static TransportAddress at(String ip, int port) throws Exception {
    return new TransportAddress(InetAddress.getByName(ip), port);
  }

  private static SipRequest options(int cseq) {
    SipRequest base = Messages.options("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK" + cseq);
    return base.withHeaders(base.headers().replacing("CSeq", HeaderField.of("CSeq", cseq + " OPTIONS")));
  }

  /** Sends {@code count} requests alice → bob over UDP and returns the CSeqs bob received, in order. */
  private static List<Long> run(long seed, NetworkConditions conditions, int count) throws Exception {
    VirtualScheduler scheduler = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(scheduler, seed);
    network.conditions(conditions);
    Recorder bobRecorder = new Recorder();
    SimulatedTransport alice = network.attach(at("10.0.0.1", 5060), new Recorder());
    SimulatedTransport bob = network.attach(at("10.0.0.2", 5060), bobRecorder);
    for (int i = 1; i <= count; i++) {
      alice.sendRequest(options(i), new Endpoint(Transport.UDP, bob.address()));
    }
    scheduler.advance(Duration.ofSeconds(10));
    List<Long> got = new ArrayList<>();
    bobRecorder.messages.forEach(m -> got.add(m.message().cseq().orElseThrow().sequenceNumber()));
    return got;
  }

  @Test
  @DisplayName("UDP request and response, 1 ms each way on virtual time, with the §18 Via rules applied")
  void roundTrip() throws Exception {
    SimulatedNetwork network = new SimulatedNetwork(time, 1);
    Recorder aliceRecorder = new Recorder();
    Recorder bobRecorder = new Recorder();
    SimulatedTransport alice = network.attach(at("10.0.0.1", 5060), aliceRecorder);
    SimulatedTransport bob = network.attach(at("10.0.0.2", 5060), bobRecorder);
    bobRecorder.onEachMessage(in -> bob.sendResponse(
        Responses.stateless((SipRequest) in.message(), 200, "OK", List.of()), in));

    alice.sendRequest(options(1), new Endpoint(Transport.UDP, bob.address()));
    time.advance(Duration.ofMillis(1));
    IncomingMessage request = bobRecorder.messages.poll();
    assertThat(request).isNotNull();
    assertThat(topVia(request.message()))
        .isEqualTo("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=5060;received=10.0.0.1");
    assertThat(aliceRecorder.messages).isEmpty();
    time.advance(Duration.ofMillis(1));
    IncomingMessage response = aliceRecorder.messages.poll();
    assertThat(response).isNotNull();
    assertThat(((SipResponse) response.message()).statusCode()).isEqualTo(200);
    assertThat(time.now()).isEqualTo(Instant.EPOCH.plusMillis(2));
  }

  @Test
  @DisplayName("seeded loss, duplication and reordering: the same seed gives the same run, another seed another")
  void reproducible() throws Exception {
    NetworkConditions bad = NetworkConditions.perfect().withLoss(0.2).withDuplication(0.1)
        .withDelay(Duration.ofMillis(1), Duration.ofMillis(200));
    List<Long> first = run(7, bad, 1000);
    assertThat(run(7, bad, 1000)).isEqualTo(first);
    assertThat(run(8, bad, 1000)).isNotEqualTo(first);
    // Roughly 80% arrive, roughly 10% of those twice; some out of order.
    assertThat(first.size()).isBetween(780, 1000);
    assertThat(first.stream().distinct().count()).isBetween(720L, 880L);
    assertThat(first).isNotEqualTo(first.stream().sorted().toList());
  }

  @Test
  @DisplayName("a perfect network delivers every datagram once, in order")
  void perfect() throws Exception {
    List<Long> got = run(1, NetworkConditions.perfect(), 500);
    assertThat(got).hasSize(500).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("TCP keeps order despite variable delays; a large request switches to TCP (§18.1.1)")
  void tcp() throws Exception {
    SimulatedNetwork network = new SimulatedNetwork(time, 3);
    network.conditions(NetworkConditions.perfect().withDelay(Duration.ofMillis(5), Duration.ofMillis(90)));
    Recorder bobRecorder = new Recorder();
    SimulatedTransport alice = network.attach(at("10.0.0.1", 5060), new Recorder());
    SimulatedTransport bob = network.attach(at("10.0.0.2", 5060), bobRecorder);
    for (int i = 1; i <= 100; i++) {
      alice.sendRequest(options(i), new Endpoint(Transport.TCP, bob.address()));
    }
    SipRequest large = options(101).withHeaders(options(101).headers().with(HeaderField.of("Subject", "z".repeat(1400))));
    alice.sendRequest(large, new Endpoint(Transport.UDP, bob.address()));
    time.advance(Duration.ofSeconds(1));
    List<Long> got = bobRecorder.messages.stream()
        .map(m -> m.message().cseq().orElseThrow().sequenceNumber()).toList();
    assertThat(got).hasSize(101).isSorted();
    IncomingMessage last = bobRecorder.messages.stream().reduce((a, b) -> b).orElseThrow();
    assertThat(last.transport()).isEqualTo(Transport.TCP);
    assertThat(topVia(last.message())).startsWith("SIP/2.0/TCP 10.0.0.1:5060;");
    assertThat(alice.openConnections()).isEqualTo(1);
    assertThat(bob.openConnections()).isEqualTo(1);
  }

  @Test
  @DisplayName("a partition breaks connections, refuses new ones and drops datagrams; healing restores the path")
  void partitions() throws Exception {
    SimulatedNetwork network = new SimulatedNetwork(time, 4);
    Recorder aliceRecorder = new Recorder();
    Recorder bobRecorder = new Recorder();
    SimulatedTransport alice = network.attach(at("10.0.0.1", 5060), aliceRecorder);
    SimulatedTransport bob = network.attach(at("10.0.0.2", 5060), bobRecorder);
    alice.sendRequest(options(1), new Endpoint(Transport.TCP, bob.address()));
    time.advance(Duration.ofMillis(10));
    assertThat(bobRecorder.messages).hasSize(1);

    network.partition(alice.address().address(), bob.address().address());
    time.runDue();
    assertThat(aliceRecorder.errors).anyMatch(e -> e.kind() == TransportError.Kind.CONNECTION_CLOSED);
    alice.sendRequest(options(2), new Endpoint(Transport.TCP, bob.address()));
    alice.sendRequest(options(3), new Endpoint(Transport.UDP, bob.address()));
    time.advance(Duration.ofMillis(10));
    assertThat(aliceRecorder.errors).anyMatch(e -> e.kind() == TransportError.Kind.CONNECT_FAILED);
    assertThat(bobRecorder.messages).hasSize(1);
    assertThat(network.statistics().partitioned()).isEqualTo(1);

    network.heal(alice.address().address(), bob.address().address());
    alice.sendRequest(options(4), new Endpoint(Transport.UDP, bob.address()));
    time.advance(Duration.ofMillis(10));
    assertThat(bobRecorder.messages).hasSize(2);
  }

  @Test
  @DisplayName("a response whose sent-by is not the receiver's is discarded (§18.1.2)")
  void foreignSentBy() throws Exception {
    SimulatedNetwork network = new SimulatedNetwork(time, 5);
    Recorder aliceRecorder = new Recorder();
    SimulatedTransport alice = network.attach(at("10.0.0.1", 5060), aliceRecorder);
    SimulatedTransport mallory = network.attach(at("10.0.0.3", 5060), new Recorder());
    mallory.send(Messages.response("SIP/2.0 200 OK", "Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKx",
        "Content-Length: 0", "", ""), new Endpoint(Transport.UDP, alice.address()));
    time.advance(Duration.ofMillis(5));
    assertThat(aliceRecorder.messages).isEmpty();
    assertThat(aliceRecorder.errors).anyMatch(e -> e.kind() == TransportError.Kind.RESPONSE_DISCARDED);
  }
}
