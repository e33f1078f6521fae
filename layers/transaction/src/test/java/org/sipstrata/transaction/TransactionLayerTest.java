package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.NetworkConditions;
import org.sipstrata.transport.SimulatedNetwork;
import org.sipstrata.transport.Transport;
import org.sipstrata.transport.TransportAddress;
import org.sipstrata.transport.VirtualScheduler;

/** The driver on the transport's simulated network, in virtual time. */
class TransactionLayerTest {

  static final TransportAddress ALICE = address("192.0.2.1", 5060);
  static final TransportAddress BOB = address("192.0.2.2", 5060);

  static TransportAddress address(String ip, int port) {
    try {
      return new TransportAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A TU that records what it hears and, as a server, answers every request with a fixed status. */
  static final class Recorder implements TransactionLayer.TransactionUser {
    final Map<TransactionKey, List<SipResponse>> responses = new HashMap<>();
    final Map<TransactionKey, List<Failure>> failures = new HashMap<>();
    final List<SipRequest> requests = new ArrayList<>();
    final List<IncomingMessage> acks = new ArrayList<>();
    final int inviteStatus;
    TransactionLayer layer;

    /** A TU answering INVITEs with {@code inviteStatus}, or not at all when it is 0. */
    Recorder(int inviteStatus) {
      this.inviteStatus = inviteStatus;
    }

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {
      requests.add(request);
      if (request.method().equals("CANCEL")) {
        transaction.respond(Messages.response(request, 200));
        Matching.cancelledKey(request, "INVITE").toOptional()
            .flatMap(key -> layer.serverTransaction(key))
            .ifPresent(invite -> invite.respond(Messages.response(invite.request(), 487)));
      } else if (request.method().equals("INVITE") && inviteStatus == 0) {
        return;
      } else if (!request.method().equals("ACK")) {
        int status = request.method().equals("INVITE") ? inviteStatus : 200;
        transaction.respond(Messages.response(request, status));
      }
    }

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {
      responses.computeIfAbsent(transaction.key(), k -> new ArrayList<>()).add(response);
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {
      failures.computeIfAbsent(key, k -> new ArrayList<>()).add(failure);
    }

    @Override
    public void onAck(IncomingMessage ack) {
      acks.add(ack);
    }
  }

  static SipRequest request(String method, int n) {
    String base = method.equals("INVITE") ? Messages.INVITE : Messages.OPTIONS;
    String text = base
        .replace("z9hG4bKkjshdyff", "z9hG4bKinv" + n)
        .replace("z9hG4bKhjhs8ass877", "z9hG4bKopt" + n)
        .replace("987asjd97y7atg", "call" + n)
        .replace("a84b4c76e66710", "call" + n);
    return Messages.request(text);
  }

  record Pair(VirtualScheduler clock, SimulatedNetwork network, TransactionLayer alice,
      Recorder aliceTu, TransactionLayer bob, Recorder bobTu) {}

  static Pair pair(long seed, NetworkConditions conditions, int bobCapacity, int inviteStatus) {
    VirtualScheduler clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, seed);
    network.conditions(conditions);
    Recorder aliceTu = new Recorder(inviteStatus);
    Recorder bobTu = new Recorder(inviteStatus);
    TransactionLayer alice = TransactionLayer.create(clock, TimerConfig.defaults(), 100_000, aliceTu,
        listener -> network.attach(ALICE, listener));
    TransactionLayer bob = TransactionLayer.create(clock, TimerConfig.defaults(), bobCapacity, bobTu,
        listener -> network.attach(BOB, listener));
    aliceTu.layer = alice;
    bobTu.layer = bob;
    return new Pair(clock, network, alice, aliceTu, bob, bobTu);
  }

  @Test
  @DisplayName("INVITE answered 486 over UDP: Alice's TU hears 100 and 486 once, Bob's hears the INVITE once, both tables empty after Timer D")
  void invite486() {
    Pair p = pair(1, NetworkConditions.perfect(), 10, 486);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    TransactionLayer.ClientTransaction tx = p.alice().sendRequest(request("INVITE", 1), bob).orElseThrow();
    p.clock().advance(Duration.ofSeconds(1));
    assertThat(p.aliceTu().responses.get(tx.key())).extracting(SipResponse::statusCode)
        .containsExactly(100, 486);
    assertThat(p.bobTu().requests).extracting(SipRequest::method).containsExactly("INVITE");
    assertThat(p.alice().state(tx.key())).contains(State.COMPLETED);
    p.clock().advance(Duration.ofSeconds(40));
    assertThat(p.alice().size()).isZero();
    assertThat(p.bob().size()).isZero();
    assertThat(p.bobTu().failures).isEmpty();
  }

  @Test
  @DisplayName("3,000 seeded transactions (INVITE and OPTIONS) under 30% loss, duplication and reordering all end, none leaks, at most one final response per non-INVITE")
  void lossyNetwork() {
    NetworkConditions lossy = NetworkConditions.perfect().withLoss(0.3).withDuplication(0.1)
        .withDelay(Duration.ofMillis(5), Duration.ofMillis(300));
    Pair p = pair(42, lossy, 100_000, 486);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    List<TransactionLayer.ClientTransaction> started = new ArrayList<>();
    for (int n = 0; n < 3_000; n++) {
      String method = n % 2 == 0 ? "INVITE" : "OPTIONS";
      started.add(p.alice().sendRequest(request(method, n), bob).orElseThrow());
      p.clock().advance(Duration.ofMillis(20));
    }
    p.clock().advance(Duration.ofSeconds(70));
    assertThat(p.alice().size()).isZero();
    assertThat(p.bob().size()).isZero();
    int answered = 0;
    for (TransactionLayer.ClientTransaction tx : started) {
      List<SipResponse> heard = p.aliceTu().responses.getOrDefault(tx.key(), List.of());
      long finals = heard.stream().filter(r -> r.statusCode() >= 200).count();
      assertThat(finals).as("finals for %s", tx.key()).isLessThanOrEqualTo(1);
      boolean timedOut = p.aliceTu().failures.containsKey(tx.key());
      assertThat(finals == 1 || timedOut).as("%s ends with a final response or a timeout", tx.key())
          .isTrue();
      answered += (int) finals;
    }
    assertThat(answered).isGreaterThan(2_900);
    assertThat(p.network().statistics().lost()).isPositive();
    assertThat(p.network().statistics().duplicated()).isPositive();
  }

  @Test
  @DisplayName("a retransmitted INVITE is answered from the server transaction, not passed to the TU again")
  void retransmissionAbsorbed() {
    Pair p = pair(7, NetworkConditions.perfect().withDuplication(1.0), 10, 486);
    p.alice().sendRequest(request("INVITE", 9), new Endpoint(Transport.UDP, BOB)).orElseThrow();
    p.clock().advance(Duration.ofSeconds(1));
    assertThat(p.bobTu().requests).extracting(SipRequest::method).containsExactly("INVITE");
    assertThat(p.network().statistics().duplicated()).isPositive();
  }

  @Test
  @DisplayName("a full table answers a new request with 503 and Retry-After, statelessly")
  void overload() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-21.5.4
    //= type=test
    //# The server MAY
    //# indicate when the client should retry the request in a Retry-After
    //# header field.
    Pair p = pair(3, NetworkConditions.perfect(), 1, 486);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    TransactionLayer.ClientTransaction first = p.alice().sendRequest(request("OPTIONS", 1), bob).orElseThrow();
    TransactionLayer.ClientTransaction second = p.alice().sendRequest(request("OPTIONS", 2), bob).orElseThrow();
    p.clock().advance(Duration.ofMillis(100));
    assertThat(p.aliceTu().responses.get(first.key())).extracting(SipResponse::statusCode)
        .containsExactly(200);
    List<SipResponse> rejected = p.aliceTu().responses.get(second.key());
    assertThat(rejected).extracting(SipResponse::statusCode).containsExactly(503);
    assertThat(rejected.get(0).header("Retry-After").map(h -> h.value())).contains("5");
    assertThat(p.bob().overloadRejections()).isEqualTo(1);
    assertThat(p.bob().size()).isEqualTo(1);
  }

  @Test
  @DisplayName("no answer at all: Timer B fires after 64*T1 and the TU is told of the timeout")
  void timeout() {
    Pair p = pair(5, NetworkConditions.perfect().withLoss(1.0), 10, 486);
    TransactionLayer.ClientTransaction tx =
        p.alice().sendRequest(request("INVITE", 4), new Endpoint(Transport.UDP, BOB)).orElseThrow();
    p.clock().advance(Duration.ofMillis(31_999));
    assertThat(p.aliceTu().failures).isEmpty();
    p.clock().advance(Duration.ofMillis(1));
    assertThat(p.aliceTu().failures.get(tx.key())).containsExactly(Failure.TIMEOUT);
    assertThat(p.alice().size()).isZero();
    assertThat(p.network().statistics().sent()).isEqualTo(7);
  }

  @Test
  @DisplayName("a response that matches no transaction is dropped, and an ACK that matches none goes to the TU")
  void strays() {
    Pair p = pair(9, NetworkConditions.perfect(), 10, 200);
    p.alice().transport().send(Messages.response(request("INVITE", 5), 200),
        new Endpoint(Transport.UDP, BOB));
    p.alice().transport().sendRequest(Messages.ackFor(request("INVITE", 6)),
        new Endpoint(Transport.UDP, BOB));
    p.clock().advance(Duration.ofMillis(100));
    assertThat(p.bobTu().responses).isEmpty();
    assertThat(p.bobTu().acks).hasSize(1);
    assertThat(p.bob().size()).isZero();
    assertThat(Optional.of(p.bob().overloadRejections())).contains(0L);
  }

  @Test
  @DisplayName("CANCEL: its own transaction answered 200; the TU finds the INVITE by §9.2 and answers 487, which Alice's transaction ACKs")
  void cancel() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
    //= type=test
    //# The matching
    //# transaction is the one to be cancelled.
    Pair p = pair(11, NetworkConditions.perfect(), 10, 0);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    SipRequest invite = request("INVITE", 20);
    TransactionLayer.ClientTransaction inviteTx = p.alice().sendRequest(invite, bob).orElseThrow();
    p.clock().advance(Duration.ofMillis(100));
    SipRequest cancel = Messages.request(new String(invite.toBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("INVITE", "CANCEL"));
    TransactionLayer.ClientTransaction cancelTx = p.alice().sendRequest(cancel, bob).orElseThrow();
    assertThat(cancelTx.key()).isNotEqualTo(inviteTx.key());
    p.clock().advance(Duration.ofMillis(100));
    assertThat(p.aliceTu().responses.get(cancelTx.key())).extracting(SipResponse::statusCode)
        .containsExactly(200);
    assertThat(p.aliceTu().responses.get(inviteTx.key())).extracting(SipResponse::statusCode)
        .containsExactly(100, 487);
    assertThat(p.bobTu().requests).extracting(SipRequest::method).containsExactly("INVITE", "CANCEL");
    // Bob files the INVITE under the sent-by Alice's transport stamped into the Via (§18.1.1).
    SipRequest received = p.bobTu().requests.get(0);
    assertThat(received.via().toOptional().orElseThrow().get(0).sentBy()).isEqualTo("192.0.2.1:5060");
    assertThat(p.bob().state(Matching.serverKey(received).toOptional().orElseThrow()))
        .contains(State.CONFIRMED);
    p.clock().advance(Duration.ofSeconds(40));
    assertThat(p.alice().size()).isZero();
    assertThat(p.bob().size()).isZero();
  }
}
