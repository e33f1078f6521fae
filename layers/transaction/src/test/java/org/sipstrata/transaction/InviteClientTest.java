package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transaction.Reliability.RELIABLE;
import static org.sipstrata.transaction.Reliability.UNRELIABLE;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** Figure 5 (RFC 3261 §17.1.1.2 as changed by RFC 6026 §8.4), arrow by arrow. */
class InviteClientTest {

  static final SipRequest INVITE = Messages.invite();

  static Step start(Reliability reliability) {
    return Transaction.start(Machine.INVITE_CLIENT, INVITE, reliability);
  }

  static Event response(int status) {
    return new Event.ResponseFromTransport(Messages.response(INVITE, status));
  }

  @Test
  @DisplayName("INVITE from TU over UDP: Calling, the INVITE is sent, Timer A starts at T1 and Timer B at 64*T1")
  void startUnreliable() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.1
    //# The initial state, "calling", MUST be entered when the TU
    //# initiates a new client transaction with an INVITE request.  The
    //# client transaction MUST pass the request to the transport layer for
    //# transmission (see Section 18).  If an unreliable transport is being
    //# used, the client transaction MUST start timer A with a value of T1.
    Step step = Rows.fired("F5.1", start(UNRELIABLE));
    assertThat(step.state()).isEqualTo(State.CALLING);
    assertThat(step.effects()).containsExactly(
        new Effect.SendRequest(INVITE),
        new Effect.StartTimer(TimerName.A, Duration.ofMillis(500)),
        new Effect.StartTimer(TimerName.B, Duration.ofSeconds(32)));
  }

  @Test
  @DisplayName("INVITE from TU over TCP: Calling, the INVITE is sent, only Timer B starts")
  void startReliable() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.2
    //# If a reliable transport is being used, the client transaction SHOULD
    //# NOT start timer A (Timer A controls request retransmissions).  For
    //# any transport, the client transaction MUST start timer B with a value
    //# of 64*T1 seconds (Timer B controls transaction timeouts).
    Step step = Rows.fired("F5.2", start(RELIABLE));
    assertThat(step.effects()).containsExactly(
        new Effect.SendRequest(INVITE), new Effect.StartTimer(TimerName.B, Duration.ofSeconds(32)));
  }

  @Test
  @DisplayName("Timer A fires while Calling: the INVITE is resent and A restarts at 1 s, 2 s, 4 s, ... doubling without a cap")
  void timerA() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.3
    //# When timer A fires, the client transaction MUST retransmit the
    //# request by passing it to the transport layer, and MUST reset the
    //# timer with a value of 2*T1.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# This process MUST continue so that the request is
    //# retransmitted with intervals that double after each transmission.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# When timer A fires 2*T1 seconds later, the request MUST be
    //# retransmitted again (assuming the client transaction is still in this
    //# state).
    Transaction t = start(UNRELIABLE).transaction();
    long[] expected = {1000, 2000, 4000, 8000, 16000, 32000};
    for (long millis : expected) {
      Step step = Rows.fired("F5.3", t.on(new Event.TimerFired(TimerName.A)));
      assertThat(step.state()).isEqualTo(State.CALLING);
      assertThat(step.effects()).containsExactly(
          new Effect.SendRequest(INVITE), new Effect.StartTimer(TimerName.A, Duration.ofMillis(millis)));
      t = step.transaction();
    }
  }

  @Test
  @DisplayName("Timer B fires at 64*T1 while Calling: the TU is told of the timeout and the transaction terminates, without an ACK")
  void timerB() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.4
    //# If the client transaction is still in the "Calling" state when timer
    //# B fires, the client transaction SHOULD inform the TU that a timeout
    //# has occurred.  The client transaction MUST NOT generate an ACK.
    Step step = Rows.fired("F5.4", start(UNRELIABLE).transaction().on(new Event.TimerFired(TimerName.B)));
    assertThat(step.state()).isEqualTo(State.TERMINATED);
    assertThat(step.effects()).containsExactly(
        new Effect.StopTimer(TimerName.A), new Effect.InformTu(Failure.TIMEOUT), new Effect.Terminate());
  }

  @Test
  @DisplayName("a transport error while Calling: the TU is told and the transaction terminates")
  void transportErrorCalling() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //= type=test
    //= row=F5.5
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    Step step = Rows.fired("F5.5", start(RELIABLE).transaction().on(new Event.TransportError("refused")));
    assertThat(step.state()).isEqualTo(State.TERMINATED);
    assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.B),
        new Effect.InformTu(Failure.TRANSPORT_ERROR), new Effect.Terminate());
  }

  @Test
  @DisplayName("a 180 while Calling: Proceeding, the 180 goes to the TU and retransmissions stop")
  void provisional() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.6
    //# If the client transaction receives a provisional response while in
    //# the "Calling" state, it transitions to the "Proceeding" state. In the
    //# "Proceeding" state, the client transaction SHOULD NOT retransmit the
    //# request any longer. Furthermore, the provisional response MUST be
    //# passed to the TU.
    SipResponse ringing = Messages.response(INVITE, 180);
    Step step = Rows.fired("F5.6", start(UNRELIABLE).transaction().on(new Event.ResponseFromTransport(ringing)));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.A),
        new Effect.StopTimer(TimerName.B), new Effect.PassToTu(ringing));
    assertThat(step.transaction().runningTimers()).isEmpty();
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //= row=F5.9
    //# Any further provisional responses MUST be passed
    //# up to the TU while in the "Proceeding" state.
    Step again = Rows.fired("F5.9", step.transaction().on(response(183)));
    assertThat(again.state()).isEqualTo(State.PROCEEDING);
    assertThat(again.effects()).hasSize(1).first().isInstanceOf(Effect.PassToTu.class);
    assertThat(again.transaction().on(new Event.TimerFired(TimerName.A)).ignored()).isTrue();
  }

  @Test
  @DisplayName("a 486 while Calling or Proceeding: Completed, the 486 goes to the TU, an ACK is sent (even over TCP) and Timer D starts")
  void nonSuccessFinal() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.8
    //= row=F5.11
    //# When in either the "Calling" or "Proceeding" states, reception of
    //# a response with status code from 300-699 MUST cause the client
    //# transaction to transition to "Completed".  The client transaction
    //# MUST pass the received response up to the TU, and the client
    //# transaction MUST generate an ACK request, even if the transport is
    //# reliable (guidelines for constructing the ACK from the response
    //# are given in Section 17.1.1.3), and then pass the ACK to the
    //# transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //# The client transaction MUST start Timer D when it enters the
    //# "Completed" state for any reason, with a value of at least 32
    //# seconds for unreliable transports, and a value of zero seconds for
    //# reliable transports.
    SipResponse busy = Messages.response(INVITE, 486);
    for (Reliability reliability : Reliability.values()) {
      Transaction calling = start(reliability).transaction();
      Transaction proceeding = calling.on(response(180)).transaction();
      for (Transaction t : List.of(calling, proceeding)) {
        Step step = Rows.fired(t == calling ? "F5.8" : "F5.11", t.on(new Event.ResponseFromTransport(busy)));
        assertThat(step.state()).isEqualTo(State.COMPLETED);
        List<Effect> effects = step.effects().stream()
            .filter(e -> !(e instanceof Effect.StopTimer)).toList();
        assertThat(effects).hasSize(3);
        assertThat(effects.get(0)).isEqualTo(new Effect.PassToTu(busy));
        SipRequest ack = ((Effect.SendRequest) effects.get(1)).request();
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(effects.get(2)).isEqualTo(new Effect.StartTimer(TimerName.D,
            reliability == RELIABLE ? Duration.ZERO : Duration.ofSeconds(32)));
      }
    }
  }

  @Test
  @DisplayName("the ACK for a non-2xx: Request-URI, Call-ID, From and the top Via of the INVITE, To of the response, CSeq number with method ACK, Route copied")
  void ackConstruction() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //= type=test
    //# The ACK request constructed by the client transaction MUST contain
    //# values for the Call-ID, From, and Request-URI that are equal to the
    //# values of those header fields in the request passed to the transport
    //# by the client transaction (call this the "original request").  The To
    //# header field in the ACK MUST equal the To header field in the
    //# response being acknowledged, and therefore will usually differ from
    //# the To header field in the original request by the addition of the
    //# tag parameter.  The ACK MUST contain a single Via header field, and
    //# this MUST be equal to the top Via header field of the original
    //# request.  The CSeq header field in the ACK MUST contain the same
    //# value for the sequence number as was present in the original request,
    //# but the method parameter MUST be equal to "ACK".
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.3
    //= type=test
    //# If the INVITE request whose response is being acknowledged had Route
    //# header fields, those header fields MUST appear in the ACK.
    Step step = start(UNRELIABLE).transaction().on(response(486));
    SipRequest ack = Walks.effects(step, Effect.SendRequest.class).get(0).request();
    assertThat(new String(ack.toCanonicalBytes(org.sipstrata.syntax.Serialization.NameForm.LONG),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("""
        ACK sip:bob@biloxi.com SIP/2.0\r
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff\r
        From: Alice <sip:alice@atlanta.com>;tag=88sja8x\r
        To: Bob <sip:bob@biloxi.com>;tag=99sa0xk\r
        Call-ID: 987asjd97y7atg\r
        CSeq: 986759 ACK\r
        Max-Forwards: 70\r
        Route: <sip:proxy.atlanta.com;lr>\r
        Content-Length: 0\r
        \r
        """);
  }

  @Test
  @DisplayName("a retransmitted 486 while Completed: the ACK is sent again, the TU hears nothing")
  void completedRetransmission() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.12
    //# Any retransmissions of a response with status code 300-699 that
    //# are received while in the "Completed" state MUST cause the ACK to
    //# be re-passed to the transport layer for retransmission, but the
    //# newly received response MUST NOT be passed up to the TU.
    Step first = start(UNRELIABLE).transaction().on(response(486));
    Step again = Rows.fired("F5.12", first.transaction().on(response(486)));
    assertThat(again.state()).isEqualTo(State.COMPLETED);
    assertThat(again.effects()).containsExactlyElementsOf(Walks.effects(first, Effect.SendRequest.class));
  }

  @Test
  @DisplayName("Timer D fires while Completed: the transaction terminates; a transport error there also terminates it")
  void timerD() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.14
    //# If Timer D fires while the client transaction is in the
    //# "Completed" state, the client transaction MUST move to the
    //# "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //= type=test
    //= row=F5.13
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    Transaction completed = start(UNRELIABLE).transaction().on(response(603)).transaction();
    assertThat(Rows.fired("F5.14", completed.on(new Event.TimerFired(TimerName.D))).effects())
        .containsExactly(new Effect.Terminate());
    Step error = Rows.fired("F5.13", completed.on(new Event.TransportError("ICMP unreachable")));
    assertThat(error.state()).isEqualTo(State.TERMINATED);
    assertThat(error.effects()).containsExactly(new Effect.StopTimer(TimerName.D),
        new Effect.InformTu(Failure.TRANSPORT_ERROR), new Effect.Terminate());
  }

  @Test
  @DisplayName("a 200 while Calling or Proceeding: Accepted (RFC 6026), the 200 goes to the TU, Timer M starts at 64*T1, no ACK")
  void success() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.7
    //= row=F5.10
    //# When a 2xx response is received while in either the "Calling" or
    //# "Proceeding" states, the client transaction MUST transition to the
    //# "Accepted" state, and Timer M MUST be started with a value of
    //# 64*T1.  The 2xx response MUST be passed up to the TU.  The client
    //# transaction MUST NOT generate an ACK to the 2xx response -- its
    //# handling is delegated to the TU.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# If a 2xx response is
    //# received while the client INVITE state machine is in the "Calling" or
    //# "Proceeding" states, it MUST transition to the "Accepted" state, pass
    //# the 2xx response to the TU, and set Timer M to 64*T1.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //= type=test
    //# An element sending or receiving a 2xx to an INVITE transaction MUST
    //# NOT destroy any matching INVITE transaction state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# The client transaction
    //# MUST NOT generate an ACK to any 2xx response on its own.
    SipResponse ok = Messages.response(INVITE, 200);
    Transaction calling = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(calling, calling.on(response(180)).transaction())) {
      Step step = Rows.fired(t == calling ? "F5.7" : "F5.10", t.on(new Event.ResponseFromTransport(ok)));
      assertThat(step.state()).isEqualTo(State.ACCEPTED);
      assertThat(step.effects().stream().filter(e -> !(e instanceof Effect.StopTimer)))
          .containsExactly(new Effect.PassToTu(ok), new Effect.StartTimer(TimerName.M, Duration.ofSeconds(32)));
      assertThat(step.effects()).noneMatch(e -> e instanceof Effect.SendRequest || e instanceof Effect.Terminate);
    }
  }

  @Test
  @DisplayName("2xx retransmissions and 2xx from other branches while Accepted all go to the TU; Timer M ends the transaction")
  void accepted() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.15
    //# Any 2xx responses that match this client transaction and that are
    //# received while in the "Accepted" state MUST be passed up to the
    //# TU.  The client transaction MUST NOT generate an ACK to the 2xx
    //# response.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //= row=F5.16
    //# If Timer M fires while the client transaction is in the "Accepted"
    //# state, the client transaction MUST move to the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# A 2xx response
    //# received while in the "Accepted" state MUST be passed to the TU and
    //# the machine remains in the "Accepted" state.  The client transaction
    //# MUST NOT generate an ACK to any 2xx response on its own.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=test
    //# When Timer M fires and the state machine is in the "Accepted" state,
    //# the machine MUST transition to the "Terminated" state.
    Transaction accepted = start(UNRELIABLE).transaction().on(response(200)).transaction();
    SipResponse other = Messages.response(INVITE, 202);
    Step step = Rows.fired("F5.15", accepted.on(new Event.ResponseFromTransport(other)));
    assertThat(step.state()).isEqualTo(State.ACCEPTED);
    assertThat(step.effects()).containsExactly(new Effect.PassToTu(other));
    assertThat(step.transaction().on(response(486)).ignored()).isTrue();
    assertThat(Rows.fired("F5.16", step.transaction().on(new Event.TimerFired(TimerName.M))).effects())
        .containsExactly(new Effect.Terminate());
  }
}
