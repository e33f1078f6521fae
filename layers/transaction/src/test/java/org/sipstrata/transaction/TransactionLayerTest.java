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
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
    //= type=test
    //# If there is a match, the response MUST be passed to
    //# that transaction.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //# The ACK MUST be sent to the
    //# same address, port, and transport to which the original request
    //# was sent.
    Pair p = pair(1, NetworkConditions.perfect(), 10, 486);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    TransactionLayer.ClientTransaction tx = p.alice().sendRequest(request("INVITE", 1), bob).orElseThrow();
    p.clock().advance(Duration.ofSeconds(1));
    assertThat(p.aliceTu().responses.get(tx.key())).extracting(SipResponse::statusCode)
        .containsExactly(100, 486);
    assertThat(p.bobTu().requests).extracting(SipRequest::method).containsExactly("INVITE");
    assertThat(p.alice().state(tx.key())).contains(State.COMPLETED);
    // The ACK reached Bob's INVITE server transaction over UDP at Bob's address: it is Confirmed,
    // and Bob's TU never saw an ACK of its own.
    TransactionKey bobKey = Matching.serverKey(p.bobTu().requests.get(0)).toOptional().orElseThrow();
    assertThat(p.bob().state(bobKey)).contains(State.CONFIRMED);
    assertThat(p.bobTu().acks).isEmpty();
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
  @DisplayName("each transaction leaves the table the instant it terminates: INVITE 200 (Timers M and L), OPTIONS 200 (Timers K and J)")
  void destroyedWhenTerminated() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# Once the transaction is in the terminated state, it MUST be destroyed
    //# immediately.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //# The server transaction MUST be destroyed the instant it enters the
    //# "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //# The client transaction MUST be destroyed the instant it enters the
    //# "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //= type=test
    //# Once the transaction is in the "Terminated" state, it MUST be
    //# destroyed immediately.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //# Once the
    //# transaction is in the "Terminated" state, it MUST be destroyed
    //# immediately.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# Once the
    //# transaction is in the "Terminated" state, it MUST be destroyed
    //# immediately.
    Pair p = pair(11, NetworkConditions.perfect(), 10, 200);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    TransactionKey invite = p.alice().sendRequest(request("INVITE", 1), bob).orElseThrow().key();
    TransactionKey options = p.alice().sendRequest(request("OPTIONS", 2), bob).orElseThrow().key();
    p.clock().advance(Duration.ofMillis(100));
    List<TransactionKey> bobKeys = p.bobTu().requests.stream()
        .map(r -> Matching.serverKey(r).toOptional().orElseThrow()).toList();
    assertThat(p.alice().state(invite)).contains(State.ACCEPTED);
    assertThat(p.alice().state(options)).contains(State.COMPLETED);
    assertThat(bobKeys).extracting(k -> p.bob().state(k).orElseThrow())
        .containsExactly(State.ACCEPTED, State.COMPLETED);
    // Timer K (T4 = 5 s) ends Alice's OPTIONS transaction; the others wait for 64*T1 = 32 s.
    p.clock().advance(Duration.ofMillis(4_800));
    assertThat(p.alice().state(options)).contains(State.COMPLETED);
    p.clock().advance(Duration.ofMillis(200));
    assertThat(p.alice().state(options)).isEmpty();
    assertThat(p.alice().size()).isEqualTo(1);
    assertThat(p.bob().size()).isEqualTo(2);
    p.clock().advance(Duration.ofMillis(26_800));
    assertThat(p.alice().state(invite)).contains(State.ACCEPTED);
    assertThat(bobKeys).allSatisfy(k -> assertThat(p.bob().state(k)).isPresent());
    p.clock().advance(Duration.ofMillis(200));
    assertThat(p.alice().state(invite)).isEmpty();
    assertThat(bobKeys).allSatisfy(k -> assertThat(p.bob().state(k)).isEmpty());
    assertThat(p.alice().size()).isZero();
    assertThat(p.bob().size()).isZero();
  }

  @Test
  @DisplayName("RFC 4475 inv2543 answered 200: its ACK, without the magic cookie, matches the Accepted server transaction, which passes it to the TU")
  void rfc2543AckWhileAccepted() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //= type=test
    //# When receiving an ACK that matches an existing INVITE server
    //# transaction and that does not contain a branch parameter containing
    //# the magic cookie defined in RFC 3261, the matching transaction MUST
    //# be checked to see if it is in the "Accepted" state.
    Pair p = pair(13, NetworkConditions.perfect(), 10, 200);
    Endpoint bob = new Endpoint(Transport.UDP, BOB);
    SipRequest invite = Messages.rfc4475("inv2543");
    p.alice().transport().sendRequest(invite, bob);
    p.clock().advance(Duration.ofMillis(100));
    // Alice's transport writes its own sent-by into the Via (§18.1.1): the key is Bob's view.
    TransactionKey key = Matching.serverKey(p.bobTu().requests.get(0)).toOptional().orElseThrow();
    assertThat(key).isInstanceOf(TransactionKey.Rfc2543.class);
    assertThat(p.bob().state(key)).contains(State.ACCEPTED);
    SipRequest ack = Messages.request("""
        ACK sip:UserB@example.com SIP/2.0
        Via: SIP/2.0/UDP iftgw.example.com
        From: <sip:+13035551111@ift.client.example.net;user=phone>
        To: sip:+16505552222@ss1.example.net;user=phone;tag=99sa0xk
        Call-ID: inv2543.1717@ift.client.example.com
        CSeq: 56 ACK
        Content-Length: 0

        """);
    p.alice().transport().sendRequest(ack, bob);
    p.clock().advance(Duration.ofMillis(100));
    assertThat(p.bobTu().requests).extracting(SipRequest::method).containsExactly("INVITE", "ACK");
    assertThat(p.bobTu().acks).as("not the path of ACKs that match no transaction").isEmpty();
    assertThat(p.bob().state(key)).contains(State.ACCEPTED);
  }

  @Test
  @DisplayName("a response that matches no transaction is dropped, and an ACK that matches none goes to the TU")
  void strays() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.9
    //= type=test
    //# Otherwise, any element other than a stateless
    //# proxy MUST silently discard the response.
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

  /** Alice's side of {@link #slowOptions}: the responses her TU hears, as "ms status". */
  static final class Heard implements TransactionLayer.TransactionUser {
    final VirtualScheduler clock;
    final java.time.Instant start;
    final List<String> responses = new ArrayList<>();

    Heard(VirtualScheduler clock) {
      this.clock = clock;
      this.start = clock.now();
    }

    @Override
    public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {}

    @Override
    public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {
      responses.add(Duration.between(start, clock.now()).toMillis() + " " + response.statusCode());
    }

    @Override
    public void onFailure(TransactionKey key, Failure failure) {}

    @Override
    public void onAck(IncomingMessage ack) {}
  }

  /**
   * OPTIONS to a slow UAS whose TU passes a 100 at once and the 200 ten seconds later, on the
   * simulated network (1 ms each way): what Alice's TU hears, and when.
   */
  static List<String> slowOptions(Transport transport) {
    VirtualScheduler clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, 7);
    network.conditions(NetworkConditions.perfect());
    Heard aliceTu = new Heard(clock);
    TransactionLayer alice = TransactionLayer.create(clock, TimerConfig.defaults(), 10, aliceTu,
        listener -> network.attach(ALICE, listener));
    TransactionLayer.create(clock, TimerConfig.defaults(), 10, new TransactionLayer.TransactionUser() {
      @Override
      public void onRequest(TransactionLayer.ServerTransaction transaction, SipRequest request) {
        transaction.respond(Messages.response(request, 100));
        clock.schedule(Duration.ofSeconds(10),
            () -> transaction.respond(Messages.response(request, 200)));
      }

      @Override
      public void onResponse(TransactionLayer.ClientTransaction transaction, SipResponse response) {}

      @Override
      public void onFailure(TransactionKey key, Failure failure) {}

      @Override
      public void onAck(IncomingMessage ack) {}
    }, listener -> network.attach(BOB, listener));
    alice.sendRequest(request("OPTIONS", 1), new Endpoint(transport, BOB)).orElseThrow();
    clock.advance(Duration.ofSeconds(60));
    assertThat(alice.size()).isZero();
    return aliceTu.responses;
  }

  @Test
  @DisplayName("a slow UAS answers OPTIONS after 10 s and passes a 100 at once: over UDP the 100 leaves at 3.5 s, over TCP at once")
  void slowNonInvite() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //# An SIP element MUST NOT respond to a non-INVITE request with a
    //# Status-Code of 100 over any unreliable transport, such as UDP, before
    //# the amount of time it takes a client transaction's Timer E to be
    //# reset to T2.
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //# An SIP element MAY respond to a non-INVITE request with a Status-Code
    //# of 100 over a reliable transport at any time.
    // Over UDP nothing reaches Alice before 3.5 s: the request reaches Bob at 1 ms, the TU's 100
    // is held back, Alice's Timer E copies at 0.5 and 1.5 s are discarded in Trying; Bob's Timer
    // 100 fires at 3,501 ms and his 100 reaches Alice 1 ms later. Her copy sent at 3.5 s reaches
    // Bob just after, in Proceeding, and gets the 100 again; so does her copy at 7.5 s (Timer E,
    // now at T2). The 200 leaves at 10,001 ms.
    assertThat(slowOptions(Transport.UDP))
        .containsExactly("3502 100", "3502 100", "7502 100", "10002 200");
    assertThat(slowOptions(Transport.TCP)).containsExactly("2 100", "10002 200");
  }
}
