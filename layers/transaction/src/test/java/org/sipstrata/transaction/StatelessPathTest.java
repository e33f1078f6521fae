package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipstrata.transaction.TransactionLayerTest.ALICE;
import static org.sipstrata.transaction.TransactionLayerTest.BOB;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.sipstrata.transport.TransportError;
import org.sipstrata.transport.TransportListener;
import org.sipstrata.transport.VirtualScheduler;

/** What RFC 3261 leaves to the TU, done by the layer's stateless methods, in virtual time. */
class StatelessPathTest {

  static final TransportAddress PROXY = TransactionLayerTest.address("192.0.2.3", 5060);

  /** A UAS core answering INVITE with 200 and retransmitting it, a UAC core that may ACK it. */
  static final class Cores {
    final VirtualScheduler clock = new VirtualScheduler();
    final SimulatedNetwork network = new SimulatedNetwork(clock, 7);
    final List<SipResponse> aliceHeard = new ArrayList<>();
    final List<IncomingMessage> bobAcks = new ArrayList<>();
    final List<Duration> noAckAt = new ArrayList<>();
    final boolean aliceAcks;
    TransactionLayer alice;
    TransactionLayer bob;
    TransactionLayer.Retransmission retransmission;

    Cores(boolean aliceAcks) {
      this.aliceAcks = aliceAcks;
      network.conditions(NetworkConditions.perfect());
      java.time.Instant start = clock.now();
      alice = TransactionLayer.create(clock, TimerConfig.defaults(), 10, new Tu() {
        @Override
        public void onResponse(TransactionLayer.ClientTransaction t, SipResponse response) {
          aliceHeard.add(response);
          if (aliceAcks && response.statusCode() == 200) {
            assertThat(alice.sendAckFor2xx(ackFor2xx(), new Endpoint(Transport.UDP, BOB))).isTrue();
          }
        }
      }, listener -> network.attach(ALICE, listener));
      bob = TransactionLayer.create(clock, TimerConfig.defaults(), 10, new Tu() {
        @Override
        public void onRequest(TransactionLayer.ServerTransaction t, SipRequest request) {
          SipResponse ok = Messages.response(request, 200);
          t.respond(ok);
          retransmission = bob.retransmit2xx(t, ok,
              () -> noAckAt.add(Duration.between(start, clock.now())));
        }

        @Override
        public void onAck(IncomingMessage ack) {
          bobAcks.add(ack);
          retransmission.stop();
        }
      }, listener -> network.attach(BOB, listener));
    }
  }

  /** A TU that ignores everything; tests override what they watch. */
  static class Tu implements TransactionLayer.TransactionUser {
    @Override
    public void onRequest(TransactionLayer.ServerTransaction t, SipRequest request) {}

    @Override
    public void onResponse(TransactionLayer.ClientTransaction t, SipResponse response) {}

    @Override
    public void onFailure(TransactionKey key, Failure failure) {}

    @Override
    public void onAck(IncomingMessage ack) {}
  }

  static SipRequest ackFor2xx() {
    // The ACK for a 2xx is a new transaction: a new branch (§17.1.1.3), CSeq method ACK.
    return Messages.request(Messages.INVITE.replace("INVITE sip:", "ACK sip:")
        .replace("z9hG4bKkjshdyff", "z9hG4bKack2xx")
        .replace("To: Bob <sip:bob@biloxi.com>", "To: Bob <sip:bob@biloxi.com>;tag=99sa0xk")
        .replace("CSeq: 986759 INVITE", "CSeq: 986759 ACK"));
  }

  //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
  //= type=test
  //# The
  //# 2xx response is passed to the transport with an interval that
  //# starts at T1 seconds and doubles for each retransmission until it
  //# reaches T2 seconds (T1 and T2 are defined in Section 17).
  //= https://www.rfc-editor.org/rfc/rfc3261#section-13.3.1.4
  //= type=test
  //# If the server retransmits the 2xx response for 64*T1 seconds without
  //# receiving an ACK, the dialog is confirmed, but the session SHOULD be
  //# terminated.
  @Test
  @DisplayName("without an ACK the UAS core sends the 200 again at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s and gives up at 32 s; the caller's TU hears every copy (RFC 6026 Accepted)")
  void twoHundredRetransmittedUntil64T1() {
    Cores c = new Cores(false);
    c.alice.sendRequest(TransactionLayerTest.request("INVITE", 1), new Endpoint(Transport.UDP, BOB))
        .orElseThrow();
    List<Duration> heardAt = new ArrayList<>();
    java.time.Instant start = c.clock.now();
    while (c.clock.nextDue().isPresent()
        && Duration.between(start, c.clock.now()).compareTo(Duration.ofSeconds(60)) < 0) {
      int before = c.aliceHeard.size();
      c.clock.advanceToNext();
      for (int i = before; i < c.aliceHeard.size(); i++) {
        heardAt.add(Duration.between(start, c.clock.now()));
      }
    }
    assertThat(c.aliceHeard).extracting(SipResponse::statusCode)
        .containsExactly(100, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    // Times after the first 200 reached Alice (the network's delay is the same for every copy).
    Duration first = heardAt.get(1);
    assertThat(heardAt.subList(2, heardAt.size())).extracting(d -> d.minus(first).toMillis())
        .containsExactly(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
    assertThat(c.retransmission.sent()).isEqualTo(10);
    assertThat(c.retransmission.stopped()).isTrue();
    assertThat(c.noAckAt).hasSize(1);
    assertThat(first.plus(Duration.ofSeconds(32)).minus(c.noAckAt.get(0)).abs())
        .isLessThanOrEqualTo(first);
    assertThat(c.alice.size()).isZero();
    assertThat(c.bob.size()).isZero();
  }

  //= https://www.rfc-editor.org/rfc/rfc6026#section-8.1
  //= type=test
  //# Response retransmissions cease when an ACK request for the
  //# response is received.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-13.2.2.4
  //= type=test
  //# However, the
  //# request is passed to the transport layer directly for transmission,
  //# rather than a client transaction.
  @Test
  @DisplayName("the ACK for the 200 goes straight to the transport, reaches Bob's core outside any transaction and stops the retransmissions")
  void ackStopsRetransmissions() {
    Cores c = new Cores(true);
    c.alice.sendRequest(TransactionLayerTest.request("INVITE", 1), new Endpoint(Transport.UDP, BOB))
        .orElseThrow();
    c.clock.advance(Duration.ofSeconds(40));
    assertThat(c.aliceHeard).extracting(SipResponse::statusCode).containsExactly(100, 200);
    assertThat(c.bobAcks).hasSize(1);
    assertThat(((SipRequest) c.bobAcks.get(0).message()).method()).isEqualTo("ACK");
    assertThat(c.retransmission.sent()).isZero();
    assertThat(c.retransmission.stopped()).isTrue();
    assertThat(c.noAckAt).isEmpty();
    assertThat(c.alice.size()).isZero();
    assertThat(c.bob.size()).isZero();
    assertThat(c.alice.sendAckFor2xx(TransactionLayerTest.request("OPTIONS", 2),
        new Endpoint(Transport.UDP, BOB))).as("only an ACK").isFalse();
    assertThatThrownBy(() -> c.bob.retransmit2xx(null, Messages.response(
        TransactionLayerTest.request("INVITE", 3), 486), () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //= type=test
  //# If that address matches the proxy,
  //# (it equals a value this proxy has inserted into previous requests)
  //# the proxy MUST remove that header field value from the response and
  //# forward the result to the location indicated in the next Via header
  //# field value.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-16.11
  //= type=test
  //# If the address does not match the
  //# proxy, the message MUST be silently discarded.
  @Test
  @DisplayName("a stateless proxy forwards a request without a transaction and the response back, removing its own Via; a response whose top Via is not its own is dropped")
  void statelessProxy() {
    VirtualScheduler clock = new VirtualScheduler();
    SimulatedNetwork network = new SimulatedNetwork(clock, 3);
    network.conditions(NetworkConditions.perfect());
    List<SipResponse> aliceGot = new ArrayList<>();
    network.attach(ALICE, new TransportListener() {
      @Override
      public void onMessage(IncomingMessage message) {
        aliceGot.add((SipResponse) message.message());
      }

      @Override
      public void onError(TransportError error) {}
    });
    List<SipRequest> bobGot = new ArrayList<>();
    TransactionLayer.create(clock, TimerConfig.defaults(), 10, new Tu() {
      @Override
      public void onRequest(TransactionLayer.ServerTransaction t, SipRequest request) {
        bobGot.add(request);
        t.respond(Messages.response(request, 200));
      }
    }, listener -> network.attach(BOB, listener));
    TransactionLayer[] proxy = new TransactionLayer[1];
    List<Boolean> forwarded = new ArrayList<>();
    proxy[0] = TransactionLayer.create(clock, TimerConfig.defaults(), 10, new Tu() {
      @Override
      public void onStrayResponse(IncomingMessage response) {
        forwarded.add(proxy[0].forwardStateless((SipResponse) response.message(),
            new Endpoint(Transport.UDP, ALICE)));
      }
    }, listener -> network.attach(PROXY, listener));

    // The request as the proxy forwards it: its own Via on top of Alice's.
    SipRequest options = Messages.request(Messages.OPTIONS.replace(
        "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877",
        "Via: SIP/2.0/UDP 192.0.2.3:5060;branch=z9hG4bKsl1\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKhjhs8ass877"));
    proxy[0].forwardStateless(options, new Endpoint(Transport.UDP, BOB));
    clock.advance(Duration.ofSeconds(1));

    assertThat(bobGot).hasSize(1);
    assertThat(bobGot.get(0).headers().separated("Via").all("Via")).hasSize(2);
    assertThat(proxy[0].size()).as("no transaction at the proxy").isZero();
    assertThat(forwarded).containsExactly(true);
    assertThat(aliceGot).hasSize(1);
    assertThat(aliceGot.get(0).statusCode()).isEqualTo(200);
    assertThat(aliceGot.get(0).headers().separated("Via").all("Via"))
        .extracting(h -> h.value()).containsExactly("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKhjhs8ass877");

    SipResponse notOurs = Messages.response(TransactionLayerTest.request("OPTIONS", 9), 200);
    assertThat(proxy[0].forwardStateless(notOurs, new Endpoint(Transport.UDP, ALICE))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(aliceGot).hasSize(1);
  }
}
