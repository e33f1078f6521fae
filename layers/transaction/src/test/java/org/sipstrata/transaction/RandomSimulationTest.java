package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.NetworkConditions;
import org.sipstrata.transport.SimulatedNetwork;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.VirtualScheduler;

/**
 * Seeded random transactions between two layers on the simulated network under 30% loss, 10%
 * duplication and 5-400 ms reordering, in virtual time: INVITE and non-INVITE (OPTIONS, BYE,
 * REGISTER), final responses of every class (2xx to INVITE retransmitted by Bob's core and ACKed
 * by Alice's through the stateless path), provisional responses, INVITEs left ringing until Alice
 * CANCELs them. Run in chunks of 1,000, each chunk with its own seed, network and layers.
 *
 * <p>{@code -Dstrata.simulation.transactions=N} sets the total (default 100,000: about 40 s on a
 * busy 2-core machine); a failure names the chunk's seed, and {@code -Dstrata.simulation.seed=S}
 * runs that chunk alone.
 */
class RandomSimulationTest {

  static final int CHUNK = 1_000;
  static final TimerConfig TIMERS = TimerConfig.defaults();
  /** The longest Bob's core waits before answering: a ringing INVITE nobody CANCELs gets 480. */
  static final Duration MAX_ANSWER = Duration.ofSeconds(60);
  static final Duration SAMPLING = Duration.ofSeconds(1);

  /** What Bob's core does with request number n, drawn from the chunk's random source. */
  record Plan(String method, int status, boolean provisional, Duration delay) {
    boolean ringing() {
      return status == 0;
    }
  }

  static final int[] INVITE_FINALS = {200, 302, 404, 486, 503, 603, 0};
  static final int[] NON_INVITE_FINALS = {200, 202, 302, 404, 500, 503, 603};
  static final String[] NON_INVITE = {"OPTIONS", "BYE", "REGISTER"};

  static Plan plan(Random random) {
    boolean invite = random.nextBoolean();
    int status = invite ? INVITE_FINALS[random.nextInt(INVITE_FINALS.length)]
        : NON_INVITE_FINALS[random.nextInt(NON_INVITE_FINALS.length)];
    // A non-INVITE is answered after 0-8 s, so that about half outlast Timer 100 (3.5 s).
    return new Plan(invite ? "INVITE" : NON_INVITE[random.nextInt(NON_INVITE.length)], status,
        invite && random.nextBoolean(), Duration.ofMillis(random.nextInt(invite ? 3_000 : 8_000)));
  }

  static SipRequest request(Plan plan, int n) {
    if (plan.method().equals("INVITE")) {
      return TransactionLayerTest.request("INVITE", n);
    }
    String text = Messages.OPTIONS
        .replace("z9hG4bKhjhs8ass877", "z9hG4bKreq" + n)
        .replace("a84b4c76e66710", "call" + n)
        .replace("OPTIONS sip:", plan.method() + " sip:")
        .replace("CSeq: 63104 OPTIONS", "CSeq: 63104 " + plan.method());
    return Messages.request(text);
  }

  static SipRequest ackFor2xx(SipRequest invite, int n) {
    return Messages.request(new String(invite.toBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("INVITE sip:", "ACK sip:")
        .replace("z9hG4bKinv" + n, "z9hG4bKack" + n)
        .replace("To: Bob <sip:bob@biloxi.com>", "To: Bob <sip:bob@biloxi.com>;tag=99sa0xk")
        .replace("INVITE\r\n", "ACK\r\n"));
  }

  static int number(SipRequest request) {
    return Integer.parseInt(request.callId().orElseThrow().substring("call".length()));
  }

  /** Bob's core: answers by plan, retransmits its 2xx until the ACK (§13.3.1.4). */
  static final class Bob extends StatelessPathTest.Tu {
    final Map<Integer, Plan> plans;
    final VirtualScheduler clock;
    TransactionLayer layer;
    final Map<String, Integer> received = new HashMap<>();
    final Map<Integer, TransactionLayer.Retransmission> retransmissions = new HashMap<>();
    final Map<Integer, Integer> acks = new HashMap<>();
    int noAck;

    Bob(Map<Integer, Plan> plans, VirtualScheduler clock) {
      this.plans = plans;
      this.clock = clock;
    }

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {
      int n = number(request);
      received.merge(request.method() + " " + n, 1, Integer::sum);
      Plan plan = plans.get(n);
      if (request.method().equals("CANCEL")) {
        transaction.respond(Messages.response(request, 200));
        Matching.cancelledKey(request, "INVITE").toOptional()
            .flatMap(layer::serverTransaction)
            .ifPresent(invite -> invite.respond(Messages.response(invite.request(), 487)));
        return;
      }
      if (plan.provisional()) {
        transaction.respond(Messages.response(request, 180));
      }
      if (plan.ringing()) {
        clock.schedule(MAX_ANSWER, () -> transaction.respond(Messages.response(request, 480)));
        return;
      }
      clock.schedule(plan.delay(), () -> {
        SipResponse response = Messages.response(request, plan.status());
        transaction.respond(response);
        if (request.method().equals("INVITE") && plan.status() / 100 == 2) {
          retransmissions.put(n, layer.retransmit2xx(transaction, response, () -> noAck++));
        }
      });
    }

    @Override
    public void onAck(IncomingMessage ack) {
      int n = number((SipRequest) ack.message());
      acks.merge(n, 1, Integer::sum);
      TransactionLayer.Retransmission r = retransmissions.get(n);
      if (r != null) {
        r.stop();
      }
    }
  }

  /** Alice's core: records what it hears, ACKs every 2xx copy, CANCELs ringing INVITEs. */
  static final class Alice extends StatelessPathTest.Tu {
    final Map<Integer, Plan> plans;
    final VirtualScheduler clock;
    final Endpoint bob;
    TransactionLayer layer;
    final Map<TransactionKey, List<SipResponse>> heard = new HashMap<>();
    final Map<TransactionKey, List<Failure>> failures = new HashMap<>();
    final List<TransactionKey> abandoned = new ArrayList<>();
    /** When each request was passed to the transaction layer, and when its TU first heard a 100. */
    final Map<TransactionKey, Instant> sent = new HashMap<>();
    final Map<TransactionKey, Duration> firstTrying = new HashMap<>();

    Alice(Map<Integer, Plan> plans, VirtualScheduler clock, Endpoint bob) {
      this.plans = plans;
      this.clock = clock;
      this.bob = bob;
    }

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {
      List<SipResponse> list = heard.computeIfAbsent(transaction.key(), k -> new ArrayList<>());
      boolean firstProvisional = response.statusCode() < 200
          && list.stream().noneMatch(r -> r.statusCode() < 200);
      list.add(response);
      SipRequest request = transaction.request();
      int n = number(request);
      if (response.statusCode() == 100 && !request.method().equals("INVITE")) {
        firstTrying.putIfAbsent(transaction.key(),
            Duration.between(sent.get(transaction.key()), clock.now()));
      }
      if (request.method().equals("INVITE") && response.statusCode() / 100 == 2) {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-13.2.2.4
        //= type=test
        //# The UAC core MUST generate an ACK request for each 2xx received from
        //# the transaction layer.
        layer.sendAckFor2xx(ackFor2xx(request, n), bob);
      }
      if (firstProvisional && request.method().equals("INVITE") && plans.get(n).ringing()) {
        clock.schedule(Duration.ofSeconds(1), () -> {
          layer.sendRequest(SimulationTest.cancelFor(request), bob);
          clock.schedule(TIMERS.sixtyFourT1(), () -> {
            if (layer.state(transaction.key()).filter(s -> s == State.PROCEEDING).isPresent()) {
              abandoned.add(transaction.key());
              layer.destroy(transaction);
            }
          });
        });
      }
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {
      failures.computeIfAbsent(key, k -> new ArrayList<>()).add(failure);
    }
  }

  /** What one chunk measured, for the totals printed at the end. */
  record Outcome(int transactions, int failed, int twoHundredCopies, long lost, long duplicated,
      Duration longest, int nonInviteTrying, Duration earliestTrying) {}

  @Test
  @DisplayName("seeded random transactions under 30% loss, duplication and reordering: each ends within the RFC's bound, none leaks, no final response the RFC forbids reaches a TU twice")
  void randomTransactions() {
    String only = System.getProperty("strata.simulation.seed");
    long[] seeds = only != null
        ? new long[] {Long.parseLong(only)}
        : LongStream.range(0, Long.getLong("strata.simulation.transactions", 100_000) / CHUNK)
            .map(chunk -> 0x5EEDL * 1_000_003L + chunk).toArray();
    int transactions = 0;
    int failed = 0;
    int copies = 0;
    long lost = 0;
    long duplicated = 0;
    Duration longest = Duration.ZERO;
    int trying = 0;
    Duration earliestTrying = MAX_ANSWER;
    for (long seed : seeds) {
      Outcome o = chunk(seed);
      transactions += o.transactions();
      failed += o.failed();
      copies += o.twoHundredCopies();
      lost += o.lost();
      duplicated += o.duplicated();
      longest = longest.compareTo(o.longest()) < 0 ? o.longest() : longest;
      trying += o.nonInviteTrying();
      earliestTrying = earliestTrying.compareTo(o.earliestTrying()) > 0
          ? o.earliestTrying() : earliestTrying;
    }
    System.out.printf("%d chunks, %d client transactions: %d failed (timeout or abandoned), "
        + "%d extra 2xx copies passed to Alice's core, %d datagrams lost, %d duplicated, "
        + "longest transaction %s; %d non-INVITE TUs heard a 100, the earliest %s after the "
        + "request%n", seeds.length, transactions, failed, copies, lost, duplicated, longest, trying,
        earliestTrying);
    assertThat(transactions).isEqualTo(seeds.length * CHUNK);
  }

  @Test
  @DisplayName("a chunk's seed reproduces it: the same seed gives the same run, another seed another")
  void seedReproduces() {
    assertThat(chunk(42)).isEqualTo(chunk(42));
    assertThat(chunk(43)).isNotEqualTo(chunk(42));
  }

  static Outcome chunk(long seed) {
    String where = "chunk seed " + seed + " (rerun alone with -Dstrata.simulation.seed=" + seed + ")";
    Random random = new Random(seed);
    VirtualScheduler clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, seed);
    network.conditions(NetworkConditions.perfect().withLoss(0.3).withDuplication(0.1)
        .withDelay(Duration.ofMillis(5), Duration.ofMillis(400)));
    Map<Integer, Plan> plans = new HashMap<>();
    Endpoint bobAt = new Endpoint(Transport.UDP, TransactionLayerTest.BOB);
    Alice aliceTu = new Alice(plans, clock, bobAt);
    Bob bobTu = new Bob(plans, clock);
    TransactionLayer alice = TransactionLayer.create(clock, TIMERS, 100_000, aliceTu,
        listener -> network.attach(TransactionLayerTest.ALICE, listener));
    TransactionLayer bob = TransactionLayer.create(clock, TIMERS, 100_000, bobTu,
        listener -> network.attach(TransactionLayerTest.BOB, listener));
    aliceTu.layer = alice;
    bobTu.layer = bob;

    Instant start = clock.now();
    Map<TransactionKey, Instant> born = new HashMap<>();
    Map<TransactionKey, Duration> lifetime = new HashMap<>();
    List<TransactionLayer.ClientTransaction> started = new ArrayList<>();
    int n = 0;
    // Start one transaction every 20 ms, sample both tables every second, until both are empty.
    while (n < CHUNK || alice.size() > 0 || bob.size() > 0) {
      Instant until = clock.now().plus(SAMPLING);
      while (n < CHUNK && clock.now().isBefore(until)) {
        Plan plan = plan(random);
        plans.put(n, plan);
        TransactionLayer.ClientTransaction tx = alice.sendRequest(request(plan, n), bobAt).orElseThrow();
        aliceTu.sent.put(tx.key(), clock.now());
        started.add(tx);
        n++;
        clock.advance(Duration.ofMillis(20));
      }
      clock.advance(Duration.between(clock.now(), until).isNegative()
          ? Duration.ZERO : Duration.between(clock.now(), until));
      sample(alice, true, born, lifetime, clock.now());
      sample(bob, false, born, lifetime, clock.now());
      assertThat(Duration.between(start, clock.now())).as("%s: the tables empty", where)
          .isLessThan(Duration.ofMinutes(10));
    }
    sample(alice, true, born, lifetime, clock.now());
    sample(bob, false, born, lifetime, clock.now());

    // Leaks: both tables empty once the last timer has run.
    clock.advance(Duration.ofMinutes(5));
    assertThat(alice.size()).as(where).isZero();
    assertThat(bob.size()).as(where).isZero();

    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If Timer F fires while the client transaction is still in the
    //# "Trying" state, the client transaction SHOULD inform the TU about the
    //# timeout, and then it SHOULD enter the "Terminated" state.
    // Bounds: a non-INVITE client transaction ends within 64*T1 (Timer F) + T4 (Timer K). Any
    // transaction ends within: 64*T1 for the request to arrive (the client retransmits that long),
    // the core's longest answer, 64*T1 of response retransmission (Timer H, J, L), and 64*T1 + T4
    // of waiting in Completed/Accepted/Confirmed (Timer D, K, M, I). Sampling adds a second.
    Duration nonInviteClient = TIMERS.sixtyFourT1().plus(TIMERS.t4()).plus(SAMPLING);
    Duration any = TIMERS.sixtyFourT1().multipliedBy(3).plus(TIMERS.t4()).plus(MAX_ANSWER)
        .plus(SAMPLING);
    Duration longest = Duration.ZERO;
    for (Map.Entry<TransactionKey, Duration> e : lifetime.entrySet()) {
      assertThat(e.getValue()).as("%s: lifetime of %s", where, e.getKey()).isLessThanOrEqualTo(any);
      longest = longest.compareTo(e.getValue()) < 0 ? e.getValue() : longest;
    }

    int failed = 0;
    int copies = 0;
    int trying = 0;
    Duration earliestTrying = MAX_ANSWER;
    for (TransactionLayer.ClientTransaction tx : started) {
      int number = number(tx.request());
      Plan plan = plans.get(number);
      String what = where + ": " + tx.key() + " " + plan;
      List<SipResponse> heard = aliceTu.heard.getOrDefault(tx.key(), List.of());
      List<Integer> finals = heard.stream().map(SipResponse::statusCode).filter(s -> s >= 200).toList();
      boolean invite = tx.request().method().equals("INVITE");
      if (invite) {
        //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
        //= type=test
        //# Any 2xx responses that match this client transaction and that
        //# are received while in the "Accepted" state MUST be passed up to
        //# the TU.
        // 2xx copies may reach the core more than once (the UAS core retransmits them); a
        // non-2xx at most once, and never both kinds.
        List<Integer> non2xx = finals.stream().filter(s -> s >= 300).toList();
        assertThat(non2xx).as(what).hasSizeLessThanOrEqualTo(1);
        assertThat(non2xx.isEmpty() || finals.size() == 1).as(what).isTrue();
        copies += Math.max(0, finals.size() - 1);
      } else {
        assertThat(finals).as("%s: one final response at most", what).hasSizeLessThanOrEqualTo(1);
        assertThat(lifetime.getOrDefault(tx.key(), Duration.ZERO)).as(what)
            .isLessThanOrEqualTo(nonInviteClient);
        //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
        //= type=test
        //# An SIP element MUST NOT respond to a non-INVITE request with a
        //# Status-Code of 100 over any unreliable transport, such as UDP, before
        //# the amount of time it takes a client transaction's Timer E to be
        //# reset to T2.
        // Bob's transaction starts Timer 100 when the request reaches it, which is no earlier
        // than Alice sent it: a 100 reaches her TU 3.5 s after her request at the earliest.
        Duration hundred = aliceTu.firstTrying.get(tx.key());
        if (hundred != null) {
          assertThat(hundred).as(what).isGreaterThanOrEqualTo(TIMERS.timerEResetToT2());
          trying++;
          earliestTrying = earliestTrying.compareTo(hundred) > 0 ? hundred : earliestTrying;
        }
      }
      boolean fail = aliceTu.failures.containsKey(tx.key()) || aliceTu.abandoned.contains(tx.key());
      assertThat(!finals.isEmpty() || fail).as("%s ends with a final response or a failure", what)
          .isTrue();
      if (fail) {
        failed++;
      }
      // The server transaction absorbs retransmissions: the core sees each request once.
      assertThat(bobTu.received.getOrDefault(tx.request().method() + " " + number, 0)).as(what)
          .isLessThanOrEqualTo(1);
      if (invite && plan.status() / 100 == 2 && !fail && !finals.isEmpty()) {
        assertThat(bobTu.acks.getOrDefault(number, 0) > 0
            || bobTu.retransmissions.get(number).stopped()).as(what).isTrue();
      }
    }
    assertThat(failed).as("%s: failures", where).isLessThan(CHUNK / 20);
    assertThat(bobTu.noAck).as("%s: 2xx never ACKed", where).isLessThan(CHUNK / 100);
    SimulatedNetwork.Statistics stats = network.statistics();
    assertThat(stats.lost()).as(where).isPositive();
    // Timer 100 fired in this chunk: about half of its non-INVITEs are answered after 3.5 s.
    assertThat(trying).as("%s: non-INVITE TUs that heard a 100", where).isPositive();
    return new Outcome(started.size(), failed, copies, stats.lost(), stats.duplicated(), longest,
        trying, earliestTrying);
  }

  /** Notes when each key first and last appears in the table (client and server keys differ). */
  private static void sample(TransactionLayer layer, boolean clients, Map<TransactionKey, Instant> born,
      Map<TransactionKey, Duration> lifetime, Instant now) {
    java.util.Set<TransactionKey> alive = new java.util.HashSet<>(layer.keys());
    for (TransactionKey key : alive) {
      born.putIfAbsent(key, now);
    }
    for (Map.Entry<TransactionKey, Instant> e : born.entrySet()) {
      boolean mine = (e.getKey() instanceof TransactionKey.Client) == clients;
      if (mine && !alive.contains(e.getKey()) && !lifetime.containsKey(e.getKey())) {
        lifetime.put(e.getKey(), Duration.between(e.getValue(), now));
      }
    }
  }
}
