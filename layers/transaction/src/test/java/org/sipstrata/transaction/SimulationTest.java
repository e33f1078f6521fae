package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.NetworkConditions;
import org.sipstrata.transport.SimulatedNetwork;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.VirtualScheduler;

/**
 * Two transaction layers on the transport's simulated network under 30% loss, duplication and
 * reordering, in virtual time: INVITEs answered 486, 603 or 302 or left ringing until Alice
 * CANCELs them (487; 480 after a minute if no CANCEL arrives), OPTIONS answered 200, 404 or 503.
 */
class SimulationTest {

  static final int TRANSACTIONS = 1_000;

  /** Bob: the request number in the Call-ID decides the answer. */
  static final class Bob implements TransactionLayer.TransactionUser {
    TransactionLayer layer;
    VirtualScheduler clock;
    int invites;
    int cancels;

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {
      int n = number(request);
      switch (request.method()) {
        case "INVITE" -> {
          invites++;
          int[] answers = {0, 486, 603, 302};
          if (answers[n % 4] != 0) {
            transaction.respond(Messages.response(request, answers[n % 4]));
          } else {
            // Nobody picks up: unless a CANCEL came first, the UAS gives up after a minute.
            clock.schedule(Duration.ofSeconds(60),
                () -> transaction.respond(Messages.response(request, 480)));
          }
        }
        case "CANCEL" -> {
          cancels++;
          transaction.respond(Messages.response(request, 200));
          Matching.cancelledKey(request, "INVITE").toOptional()
              .flatMap(key -> layer.serverTransaction(key))
              .ifPresent(invite -> invite.respond(Messages.response(invite.request(), 487)));
        }
        default -> transaction.respond(Messages.response(request, List.of(200, 404, 503).get(n % 3)));
      }
    }

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {}

    @Override
    public void onFailure(TransactionKey key, Failure failure) {}

    @Override
    public void onAck(IncomingMessage ack) {}
  }

  /** Alice: records what she hears; CANCELs a ringing INVITE one second after its first 1xx. */
  static final class Alice implements TransactionLayer.TransactionUser {
    TransactionLayer layer;
    VirtualScheduler clock;
    Endpoint bob;
    final Map<TransactionKey, List<SipResponse>> responses = new HashMap<>();
    final Map<TransactionKey, List<Failure>> failures = new HashMap<>();
    final List<TransactionKey> abandoned = new ArrayList<>();

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {}

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {
      List<SipResponse> heard = responses.computeIfAbsent(transaction.key(), k -> new ArrayList<>());
      boolean firstProvisional = response.statusCode() < 200
          && heard.stream().noneMatch(r -> r.statusCode() < 200);
      heard.add(response);
      SipRequest request = transaction.request();
      if (firstProvisional && request.method().equals("INVITE") && number(request) % 4 == 0) {
        //= https://www.rfc-editor.org/rfc/rfc3261#section-9.1
        //= type=test
        //# If no provisional response has been received, the CANCEL request MUST
        //# NOT be sent; rather, the client MUST wait for the arrival of a
        //# provisional response before sending the request.
        clock.schedule(Duration.ofSeconds(1), () -> {
          layer.sendRequest(cancelFor(request), bob);
          clock.schedule(TimerConfig.defaults().sixtyFourT1(), () -> {
            if (layer.state(transaction.key()).filter(st -> st == State.PROCEEDING).isPresent()) {
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

    @Override
    public void onAck(IncomingMessage ack) {}
  }

  static int number(SipRequest request) {
    return Integer.parseInt(request.callId().orElseThrow().substring("call".length()));
  }

  static SipRequest cancelFor(SipRequest invite) {
    return Messages.request(new String(invite.toBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("INVITE", "CANCEL"));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  @DisplayName("1,000 transactions under 30% loss, 10% duplication, reordering: all end, no leak, one final response at most, every ringing INVITE cancelled")
  void simulate(long seed) {
    VirtualScheduler clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, seed);
    network.conditions(NetworkConditions.perfect().withLoss(0.3).withDuplication(0.1)
        .withDelay(Duration.ofMillis(5), Duration.ofMillis(400)));
    Alice aliceTu = new Alice();
    Bob bobTu = new Bob();
    TransactionLayer alice = TransactionLayer.create(clock, TimerConfig.defaults(), 100_000, aliceTu,
        listener -> network.attach(TransactionLayerTest.ALICE, listener));
    TransactionLayer bob = TransactionLayer.create(clock, TimerConfig.defaults(), 100_000, bobTu,
        listener -> network.attach(TransactionLayerTest.BOB, listener));
    aliceTu.layer = alice;
    aliceTu.clock = clock;
    aliceTu.bob = new Endpoint(Transport.UDP, TransactionLayerTest.BOB);
    bobTu.layer = bob;
    bobTu.clock = clock;

    List<TransactionLayer.ClientTransaction> started = new ArrayList<>();
    for (int n = 0; n < TRANSACTIONS; n++) {
      String method = n % 8 < 4 ? "INVITE" : "OPTIONS";
      started.add(alice.sendRequest(TransactionLayerTest.request(method, n), aliceTu.bob).orElseThrow());
      clock.advance(Duration.ofMillis(20));
    }
    clock.advance(Duration.ofSeconds(150));

    String where = "seed " + seed;
    assertThat(alice.size()).as(where).isZero();
    assertThat(bob.size()).as(where).isZero();
    int cancelled = 0;
    int timedOut = 0;
    for (TransactionLayer.ClientTransaction tx : started) {
      List<SipResponse> heard = aliceTu.responses.getOrDefault(tx.key(), List.of());
      List<Integer> finals = heard.stream().map(SipResponse::statusCode).filter(s -> s >= 200).toList();
      assertThat(finals).as("%s: final responses of %s", where, tx.key()).hasSizeLessThanOrEqualTo(1);
      boolean failed = aliceTu.failures.containsKey(tx.key()) || aliceTu.abandoned.contains(tx.key());
      assertThat(finals.size() == 1 || failed).as("%s: %s ends", where, tx.key()).isTrue();
      if (finals.contains(487)) {
        cancelled++;
      }
      if (failed) {
        timedOut++;
      }
    }
    int ringing = TRANSACTIONS / 8;
    assertThat(cancelled).as(where).isGreaterThan(ringing * 9 / 10);
    assertThat(timedOut).as(where).isLessThan(TRANSACTIONS / 20);
    assertThat(aliceTu.abandoned).as(where).hasSizeLessThan(TRANSACTIONS / 100);
    assertThat(bobTu.invites).as("%s: each INVITE reaches Bob's TU once", where)
        .isLessThanOrEqualTo(TRANSACTIONS / 2);
    assertThat(bobTu.cancels).as(where).isGreaterThan(0);
    assertThat(network.statistics().lost()).isPositive();
  }
}
