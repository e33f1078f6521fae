package org.sipstrata.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transaction.Failure;
import org.sipstrata.transaction.TimerConfig;
import org.sipstrata.transaction.TransactionKey;
import org.sipstrata.transaction.TransactionLayer;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.NetworkConditions;
import org.sipstrata.transport.SimulatedNetwork;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import org.sipstrata.transport.VirtualScheduler;

/**
 * Transactions per second through the transaction layer (issue 6): two {@link TransactionLayer}s on
 * the in-memory {@link SimulatedNetwork} (no loss, UDP) with a {@link VirtualScheduler}. One
 * operation is one whole transaction, both sides, from the UAC's request until both tables are
 * empty again (every timer run in virtual time, no sleeping):
 *
 * <ul>
 *   <li>{@code nonInvite}: OPTIONS → 200; client Trying → Completed → (Timer K) Terminated, server
 *       Trying → Completed → (Timer J) Terminated; Timer E retransmissions do not happen (the
 *       response arrives before T1).
 *   <li>{@code invite}: INVITE → 100, 486 → ACK; client Calling → Completed → (Timer D), server
 *       Proceeding → Completed → Confirmed → (Timer I).
 * </ul>
 *
 * Allocation per transaction: run with {@code -prof gc} and read {@code gc.alloc.rate.norm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TransactionBenchmark {

  private static final String INVITE = """
      INVITE sip:bob@biloxi.com SIP/2.0\r
      Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbench1\r
      Max-Forwards: 70\r
      To: Bob <sip:bob@biloxi.com>\r
      From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
      Call-ID: a84b4c76e66710@pc33.atlanta.com\r
      CSeq: 314159 INVITE\r
      Contact: <sip:alice@pc33.atlanta.com>\r
      Content-Length: 0\r
      \r
      """;

  private static final Duration ALL_TIMERS = Duration.ofSeconds(40);

  /** Bob's core: 486 to INVITE, 200 to anything else, with a fixed To tag. */
  private static final class Core implements TransactionLayer.TransactionUser {
    long finals;

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {
      int status = request.method().equals("INVITE") ? 486 : 200;
      transaction.respond(Responses.response(request, status,
          Responses.reasonPhrase(status).orElseThrow(), "bench"));
    }

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {
      if (response.statusCode() >= 200) {
        finals++;
      }
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {
      throw new IllegalStateException(key + ": " + failure);
    }

    @Override
    public void onAck(IncomingMessage ack) {}
  }

  private VirtualScheduler clock;
  private TransactionLayer alice;
  private TransactionLayer bob;
  private Core aliceCore;
  private Endpoint bobAt;
  private SipRequest invite;
  private SipRequest options;

  @Setup(Level.Trial)
  public void setUp() throws UnknownHostException {
    clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, 1);
    network.conditions(NetworkConditions.perfect());
    TransportAddress aliceAddress = new TransportAddress(InetAddress.getByName("192.0.2.1"), 5060);
    TransportAddress bobAddress = new TransportAddress(InetAddress.getByName("192.0.2.2"), 5060);
    aliceCore = new Core();
    alice = TransactionLayer.create(clock, TimerConfig.defaults(), 16, aliceCore,
        listener -> network.attach(aliceAddress, listener));
    bob = TransactionLayer.create(clock, TimerConfig.defaults(), 16, new Core(),
        listener -> network.attach(bobAddress, listener));
    bobAt = new Endpoint(Transport.UDP, bobAddress);
    invite = (SipRequest) ParserBenchmark.Strata.frame(INVITE.getBytes(StandardCharsets.UTF_8));
    options = (SipRequest) ParserBenchmark.Strata.frame(INVITE
        .replace("INVITE sip:", "OPTIONS sip:").replace("314159 INVITE", "314159 OPTIONS")
        .replace("z9hG4bKbench1", "z9hG4bKbench2").getBytes(StandardCharsets.UTF_8));
  }

  /** The same request every time: its transaction has ended, so its key is free again. */
  private long transaction(SipRequest request) {
    if (alice.sendRequest(request, bobAt).isEmpty()) {
      throw new IllegalStateException("the previous transaction is still alive");
    }
    clock.advance(ALL_TIMERS);
    return aliceCore.finals;
  }

  @Benchmark
  public long nonInvite() {
    return transaction(options);
  }

  @Benchmark
  public long invite() {
    return transaction(invite);
  }

  @TearDown(Level.Iteration)
  public void check() {
    if (alice.size() != 0 || bob.size() != 0) {
      throw new IllegalStateException("transactions leaked: " + alice.keys() + " " + bob.keys());
    }
  }
}
