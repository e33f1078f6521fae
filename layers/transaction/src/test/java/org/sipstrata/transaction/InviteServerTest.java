package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transaction.Reliability.RELIABLE;
import static org.sipstrata.transaction.Reliability.UNRELIABLE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** Figure 7 (RFC 3261 §17.2.1 as changed by RFC 6026 §8.5-8.8), arrow by arrow. */
class InviteServerTest {

  static final SipRequest INVITE = Messages.invite();
  static final SipRequest ACK = Messages.ackFor(INVITE);

  static Step start(Reliability reliability) {
    return Transaction.start(Machine.INVITE_SERVER, INVITE, reliability);
  }

  static Event tu(int status) {
    return new Event.ResponseFromTu(Messages.response(INVITE, status));
  }

  @Test
  @DisplayName("an INVITE arrives: Proceeding, the INVITE goes to the TU and a 100 (Trying) without To tag is sent")
  void creation() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.1
    //# When a server transaction is constructed for a request, it enters the
    //# "Proceeding" state.  The server transaction MUST generate a 100
    //# (Trying) response unless it knows that the TU will generate a
    //# provisional or final response within 200 ms, in which case it MAY
    //# generate a 100 (Trying) response.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //# The 100 (Trying) response is constructed
    //# according to the procedures in Section 8.2.6, except that the
    //# insertion of tags in the To header field of the response (when none
    //# was present in the request) is downgraded from MAY to SHOULD NOT.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //# The request MUST be passed to the TU.
    Step step = Rows.fired("F7.1", start(UNRELIABLE));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).hasSize(2);
    assertThat(step.effects().get(0)).isEqualTo(new Effect.PassToTu(INVITE));
    SipResponse trying = ((Effect.SendResponse) step.effects().get(1)).response();
    assertThat(trying.statusCode()).isEqualTo(100);
    assertThat(trying.toTag()).isEmpty();
    assertThat(trying.topViaBranch()).contains("z9hG4bKkjshdyff");
  }

  @Test
  @DisplayName("an INVITE retransmission while Proceeding: the most recent provisional is resent, the TU hears nothing")
  void retransmissionProceeding() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.2
    //# If a request
    //# retransmission is received while in the "Proceeding" state, the most
    //# recent provisional response that was received from the TU MUST be
    //# passed to the transport layer for retransmission.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.3
    //# The TU passes any number of provisional responses to the server
    //# transaction.  So long as the server transaction is in the
    //# "Proceeding" state, each of these MUST be passed to the transport
    //# layer for transmission.
    SipResponse ringing = Messages.response(INVITE, 180);
    Step sent = Rows.fired("F7.3", start(UNRELIABLE).transaction().on(new Event.ResponseFromTu(ringing)));
    assertThat(sent.state()).isEqualTo(State.PROCEEDING);
    assertThat(sent.effects()).containsExactly(new Effect.SendResponse(ringing));
    Step again = Rows.fired("F7.2", sent.transaction().on(new Event.RequestFromTransport(INVITE)));
    assertThat(again.state()).isEqualTo(State.PROCEEDING);
    assertThat(again.effects()).containsExactly(new Effect.SendResponse(ringing));
  }

  @Test
  @DisplayName("a 2xx from the TU while Proceeding: sent once, Accepted (RFC 6026), Timer L at 64*T1")
  void success() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.5
    //= type=test
    //= row=F7.4
    //# If, while in the "Proceeding" state, the TU passes a 2xx response
    //# to the server transaction, the server transaction MUST pass this
    //# response to the transport layer for transmission.  It is not
    //# retransmitted by the server transaction; retransmissions of 2xx
    //# responses are handled by the TU.  The server transaction MUST then
    //# transition to the "Accepted" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //= type=test
    //# When the INVITE server transaction enters the "Accepted" state,
    //# Timer L MUST be set to fire in 64*T1 for all transports.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //# If the SIP element's TU (Transaction User) issues a 2xx response for
    //# this transaction while the state machine is in the "Proceeding"
    //# state, the state machine MUST transition to the "Accepted" state and
    //# set Timer L to 64*T1, where T1 is the round-trip time estimate
    //# defined in Section 17.1.1.1 of [RFC3261].
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //= type=test
    //# An element sending or receiving a 2xx to an INVITE transaction MUST
    //# NOT destroy any matching INVITE transaction state.
    for (Reliability reliability : Reliability.values()) {
      SipResponse ok = Messages.response(INVITE, 200);
      Step step = Rows.fired("F7.4", start(reliability).transaction().on(new Event.ResponseFromTu(ok)));
      assertThat(step.state()).isEqualTo(State.ACCEPTED);
      assertThat(step.effects()).containsExactly(new Effect.SendResponse(ok),
          new Effect.StartTimer(TimerName.L, Duration.ofSeconds(32)));
    }
  }

  @Test
  @DisplayName("while Accepted: INVITE retransmissions are absorbed, 2xx from the TU are sent, ACKs go to the TU, Timer L terminates")
  void accepted() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //= type=test
    //= row=F7.15
    //# The purpose of the "Accepted" state is to absorb retransmissions
    //# of an accepted INVITE request.  Any such retransmissions are
    //# absorbed entirely within the server transaction.  They are not
    //# passed up to the TU
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //= type=test
    //= row=F7.16
    //# While in the "Accepted" state, if the TU passes a 2xx response,
    //# the server transaction MUST pass the response to the transport
    //# layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //= row=F7.17
    //# Any ACKs received from the network
    //# while in the "Accepted" state MUST be passed directly to the TU and
    //# not absorbed.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //= type=test
    //= row=F7.19
    //# If Timer L fires while the INVITE
    //# server transaction is in the "Accepted" state, the transaction
    //# MUST transition to the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //# The server transaction MUST NOT generate 2xx retransmissions on its
    //# own.  Any retransmission of the 2xx response passed from the TU to
    //# the transaction while in the "Accepted" state MUST be passed to the
    //# transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //# When Timer L fires and the state machine is in the "Accepted" state,
    //# the machine MUST transition to the "Terminated" state.
    Transaction accepted = start(UNRELIABLE).transaction().on(tu(200)).transaction();
    // Nothing in Accepted resends the 2xx: Timer L is its only timer, and Timer G has no row there.
    assertThat(accepted.runningTimers()).containsOnlyKeys(TimerName.L);
    assertThat(TransitionTable.hasTimerRow(Machine.INVITE_SERVER, State.ACCEPTED, TimerName.G)).isFalse();
    assertThat(accepted.on(new Event.TimerFired(TimerName.G)).ignored()).isTrue();
    Step invite = Rows.fired("F7.15", accepted.on(new Event.RequestFromTransport(INVITE)));
    assertThat(invite.state()).isEqualTo(State.ACCEPTED);
    assertThat(invite.effects()).isEmpty();
    assertThat(invite.row()).isPresent();
    SipResponse ok = Messages.response(INVITE, 200);
    assertThat(Rows.fired("F7.16", accepted.on(new Event.ResponseFromTu(ok))).effects())
        .containsExactly(new Effect.SendResponse(ok));
    assertThat(Rows.fired("F7.17", accepted.on(new Event.RequestFromTransport(ACK))).effects())
        .containsExactly(new Effect.PassToTu(ACK));
    assertThat(Rows.fired("F7.19", accepted.on(new Event.TimerFired(TimerName.L))).effects())
        .containsExactly(new Effect.Terminate());
  }

  @Test
  @DisplayName("a transport error while Proceeding, Completed or Accepted: the TU is told and the state stays (RFC 6026)")
  void transportError() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //= type=test
    //= row=F7.7
    //= row=F7.12
    //= row=F7.18
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=test
    //# A server transaction MUST NOT discard transaction state based only on
    //# encountering a non-recoverable transport error when sending a
    //# response.  Instead, the associated INVITE server transaction state
    //# machine MUST remain in its current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //= type=test
    //# An element encountering an unrecoverable transport error when trying
    //# to send a response to an INVITE request MUST NOT immediately destroy
    //# the associated INVITE server transaction state.
    Transaction proceeding = start(UNRELIABLE).transaction();
    List<Transaction> states = List.of(proceeding, proceeding.on(tu(486)).transaction(),
        proceeding.on(tu(200)).transaction());
    for (Transaction t : states) {
      Step step = Rows.fired(t.state() == State.PROCEEDING ? "F7.7"
          : t.state() == State.COMPLETED ? "F7.12" : "F7.18", t.on(new Event.TransportError("no route")));
      assertThat(step.state()).isEqualTo(t.state());
      assertThat(step.effects()).containsExactly(new Effect.InformTu(Failure.TRANSPORT_ERROR));
      assertThat(step.transaction().runningTimers()).isEqualTo(t.runningTimers());
    }
  }

  @Test
  @DisplayName("a 486 from the TU: sent, Completed, Timer G at T1 over UDP only, Timer H at 64*T1 always")
  void nonSuccess() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.5
    //= row=F7.6
    //# While in the "Proceeding" state, if the TU passes a response with
    //# status code from 300 to 699 to the server transaction, the response
    //# MUST be passed to the transport layer for transmission, and the state
    //# machine MUST enter the "Completed" state.  For unreliable transports,
    //# timer G is set to fire in T1 seconds, and is not set to fire for
    //# reliable transports.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //# When the "Completed" state is entered, timer H MUST be set to fire in
    //# 64*T1 seconds for all transports.
    SipResponse busy = Messages.response(INVITE, 486);
    Step udp = Rows.fired("F7.5", start(UNRELIABLE).transaction().on(new Event.ResponseFromTu(busy)));
    assertThat(udp.state()).isEqualTo(State.COMPLETED);
    assertThat(udp.effects()).containsExactly(new Effect.SendResponse(busy),
        new Effect.StartTimer(TimerName.G, Duration.ofMillis(500)),
        new Effect.StartTimer(TimerName.H, Duration.ofSeconds(32)));
    Step tcp = Rows.fired("F7.6", start(RELIABLE).transaction().on(new Event.ResponseFromTu(busy)));
    assertThat(tcp.effects()).containsExactly(new Effect.SendResponse(busy),
        new Effect.StartTimer(TimerName.H, Duration.ofSeconds(32)));
  }

  @Test
  @DisplayName("Timer G while Completed: the 486 is resent at 500 ms, 1 s, 2 s, 4 s, 4 s; an INVITE retransmission resends it too")
  void timerG() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.9
    //# If timer G fires, the response
    //# is passed to the transport layer once more for retransmission, and
    //# timer G is set to fire in MIN(2*T1, T2) seconds.  From then on, when
    //# timer G fires, the response is passed to the transport again for
    //# transmission, and timer G is reset with a value that doubles, unless
    //# that value exceeds T2, in which case it is reset with the value of
    //# T2.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.8
    //# Furthermore,
    //# while in the "Completed" state, if a request retransmission is
    //# received, the server SHOULD pass the response to the transport for
    //# retransmission.
    SipResponse busy = Messages.response(INVITE, 486);
    Transaction t = start(UNRELIABLE).transaction().on(new Event.ResponseFromTu(busy)).transaction();
    List<Long> intervals = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Step step = Rows.fired("F7.9", t.on(new Event.TimerFired(TimerName.G)));
      assertThat(step.effects().get(0)).isEqualTo(new Effect.SendResponse(busy));
      intervals.add(((Effect.StartTimer) step.effects().get(1)).after().toMillis());
      t = step.transaction();
    }
    assertThat(intervals).containsExactly(1000L, 2000L, 4000L, 4000L, 4000L);
    Step retransmission = Rows.fired("F7.8", t.on(new Event.RequestFromTransport(INVITE)));
    assertThat(retransmission.state()).isEqualTo(State.COMPLETED);
    assertThat(retransmission.effects()).containsExactly(new Effect.SendResponse(busy));
  }

  @Test
  @DisplayName("an ACK while Completed: Confirmed, G and H stop, Timer I at T4 (UDP) or 0 (TCP); more ACKs are absorbed; Timer I terminates")
  void confirmed() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.10
    //# If an ACK is received while the server transaction is in the
    //# "Completed" state, the server transaction MUST transition to the
    //# "Confirmed" state.  As Timer G is ignored in this state, any
    //# retransmissions of the response will cease.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.13
    //= row=F7.14
    //# The purpose of the "Confirmed" state is to absorb any additional ACK
    //# messages that arrive, triggered from retransmissions of the final
    //# response.  When this state is entered, timer I is set to fire in T4
    //# seconds for unreliable transports, and zero seconds for reliable
    //# transports.  Once timer I fires, the server MUST transition to the
    //# "Terminated" state.
    Transaction completed = start(UNRELIABLE).transaction().on(tu(486)).transaction();
    Step ack = Rows.fired("F7.10", completed.on(new Event.RequestFromTransport(ACK)));
    assertThat(ack.state()).isEqualTo(State.CONFIRMED);
    assertThat(ack.effects()).containsExactly(new Effect.StopTimer(TimerName.G),
        new Effect.StopTimer(TimerName.H), new Effect.StartTimer(TimerName.I, Duration.ofSeconds(5)));
    Step again = Rows.fired("F7.13", ack.transaction().on(new Event.RequestFromTransport(ACK)));
    assertThat(again.state()).isEqualTo(State.CONFIRMED);
    assertThat(again.effects()).isEmpty();
    assertThat(ack.transaction().on(new Event.TimerFired(TimerName.G)).ignored()).isTrue();
    assertThat(Rows.fired("F7.14", ack.transaction().on(new Event.TimerFired(TimerName.I))).effects())
        .containsExactly(new Effect.Terminate());
    Step tcp = start(RELIABLE).transaction().on(tu(486)).transaction()
        .on(new Event.RequestFromTransport(ACK));
    assertThat(tcp.effects()).contains(new Effect.StartTimer(TimerName.I, Duration.ZERO));
  }

  @Test
  @DisplayName("Timer H while Completed: no ACK came; the TU is told of the failure and the transaction terminates")
  void timerH() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //= type=test
    //= row=F7.11
    //# If timer H fires while in the "Completed" state, it implies that the
    //# ACK was never received.  In this case, the server transaction MUST
    //# transition to the "Terminated" state, and MUST indicate to the TU
    //# that a transaction failure has occurred.
    Transaction completed = start(UNRELIABLE).transaction().on(tu(486)).transaction();
    Step step = Rows.fired("F7.11", completed.on(new Event.TimerFired(TimerName.H)));
    assertThat(step.state()).isEqualTo(State.TERMINATED);
    assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.G),
        new Effect.InformTu(Failure.NO_ACK), new Effect.Terminate());
  }

  @Test
  @DisplayName("a 100 from the TU while Proceeding is not a row of Figure 7 (101-199): ignored")
  void hundredFromTu() {
    Step step = start(UNRELIABLE).transaction().on(tu(100));
    assertThat(step.ignored()).isTrue();
    assertThat(step.effects()).isEmpty();
  }
}
