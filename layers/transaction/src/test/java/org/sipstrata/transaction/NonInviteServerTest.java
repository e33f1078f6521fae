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

/** Figure 8 (RFC 3261 §17.2.2, with RFC 4320 §4 and RFC 6026 §8.8), arrow by arrow. */
class NonInviteServerTest {

  static final SipRequest OPTIONS = Messages.options();

  static Step start(Reliability reliability) {
    return Transaction.start(Machine.NON_INVITE_SERVER, OPTIONS, reliability);
  }

  static Event tu(int status) {
    return new Event.ResponseFromTu(Messages.response(OPTIONS, status));
  }

  @Test
  @DisplayName("a request arrives: Trying, it goes to the TU; retransmissions in Trying are discarded")
  void trying() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.1
    //= row=F8.2
    //# The state machine is initialized in the "Trying" state and is passed
    //# a request other than INVITE or ACK when initialized.  This request is
    //# passed up to the TU.  Once in the "Trying" state, any further request
    //# retransmissions are discarded.
    Step step = Rows.fired("F8.1", start(UNRELIABLE));
    assertThat(step.state()).isEqualTo(State.TRYING);
    assertThat(step.effects()).containsExactly(new Effect.PassToTu(OPTIONS));
    Step again = Rows.fired("F8.2", step.transaction().on(new Event.RequestFromTransport(OPTIONS)));
    assertThat(again.state()).isEqualTo(State.TRYING);
    assertThat(again.effects()).isEmpty();
  }

  @Test
  @DisplayName("a 100 from the TU in Trying: sent, Proceeding; a retransmitted request gets the 100 again")
  void proceeding() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.4
    //= row=F8.7
    //= row=F8.9
    //# While in the "Trying" state, if the TU passes a provisional response
    //# to the server transaction, the server transaction MUST enter the
    //# "Proceeding" state.  The response MUST be passed to the transport
    //# layer for transmission.  Any further provisional responses that are
    //# received from the TU while in the "Proceeding" state MUST be passed
    //# to the transport layer for transmission.  If a retransmission of the
    //# request is received while in the "Proceeding" state, the most
    //# recently sent provisional response MUST be passed to the transport
    //# layer for retransmission.
    SipResponse trying = Messages.response(OPTIONS, 100);
    Step step = Rows.fired("F8.4", start(UNRELIABLE).transaction().on(new Event.ResponseFromTu(trying)));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).containsExactly(new Effect.SendResponse(trying));
    assertThat(Rows.fired("F8.7", step.transaction().on(new Event.RequestFromTransport(OPTIONS))).effects())
        .containsExactly(new Effect.SendResponse(trying));
    assertThat(Rows.fired("F8.9", step.transaction().on(new Event.ResponseFromTu(trying))).effects())
        .containsExactly(new Effect.SendResponse(trying));
  }

  @Test
  @DisplayName("a 180 from the TU is never sent for a non-INVITE request (RFC 4320)")
  void noOtherProvisional() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //= row=F8.3
    //= row=F8.8
    //# An SIP element MUST NOT send any provisional response with a Status-
    //# Code other than 100 to a non-INVITE request.
    Transaction trying = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(trying, trying.on(tu(100)).transaction())) {
      Step step = Rows.fired(t.state() == State.TRYING ? "F8.3" : "F8.8", t.on(tu(180)));
      assertThat(step.state()).isEqualTo(t.state());
      assertThat(step.effects()).isEmpty();
      assertThat(step.row()).isPresent();
    }
  }

  @Test
  @DisplayName("a 408 from the TU is never sent (RFC 4320): the transaction ends without a final response")
  void no408() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
    //= type=test
    //= row=F8.5
    //= row=F8.10
    //# A transaction-stateful SIP element MUST NOT send a response with
    //# Status-Code of 408 to a non-INVITE request.  As a consequence, an
    //# element that cannot respond before the transaction expires will not
    //# send a final response at all.
    Transaction trying = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(trying, trying.on(tu(100)).transaction())) {
      Step step = Rows.fired(t.state() == State.TRYING ? "F8.5" : "F8.10", t.on(tu(408)));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(step.effects()).containsExactly(new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a final response from the TU in Trying or Proceeding: sent, Completed, Timer J at 64*T1 (UDP) or 0 (TCP)")
  void completed() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.6
    //= row=F8.11
    //# If the TU passes a final response (status
    //# codes 200-699) to the server while in the "Proceeding" state, the
    //# transaction MUST enter the "Completed" state, and the response MUST
    //# be passed to the transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //# When the server transaction enters the "Completed" state, it MUST set
    //# Timer J to fire in 64*T1 seconds for unreliable transports, and zero
    //# seconds for reliable transports.
    for (Reliability reliability : Reliability.values()) {
      Transaction trying = start(reliability).transaction();
      for (Transaction t : List.of(trying, trying.on(tu(100)).transaction())) {
        SipResponse ok = Messages.response(OPTIONS, 200);
        Step step = Rows.fired(t.state() == State.TRYING ? "F8.6" : "F8.11", t.on(new Event.ResponseFromTu(ok)));
        assertThat(step.state()).isEqualTo(State.COMPLETED);
        assertThat(step.effects()).containsExactly(new Effect.SendResponse(ok),
            new Effect.StartTimer(TimerName.J,
                reliability == RELIABLE ? Duration.ZERO : Duration.ofSeconds(32)));
      }
    }
  }

  @Test
  @DisplayName("while Completed: a retransmitted request gets the final response again, other final responses from the TU are discarded, Timer J terminates")
  void completedAbsorbs() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.13
    //= row=F8.14
    //= row=F8.16
    //# While in the "Completed" state, the
    //# server transaction MUST pass the final response to the transport
    //# layer for retransmission whenever a retransmission of the request is
    //# received.  Any other final responses passed by the TU to the server
    //# transaction MUST be discarded while in the "Completed" state.  The
    //# server transaction remains in this state until Timer J fires, at
    //# which point it MUST transition to the "Terminated" state.
    SipResponse notFound = Messages.response(OPTIONS, 404);
    Transaction completed = start(UNRELIABLE).transaction()
        .on(new Event.ResponseFromTu(notFound)).transaction();
    for (int i = 0; i < 3; i++) {
      assertThat(Rows.fired("F8.13", completed.on(new Event.RequestFromTransport(OPTIONS))).effects())
          .containsExactly(new Effect.SendResponse(notFound));
    }
    Step other = Rows.fired("F8.14", completed.on(tu(200)));
    assertThat(other.effects()).isEmpty();
    assertThat(other.transaction().lastResponse()).contains(notFound);
    assertThat(Rows.fired("F8.16", completed.on(new Event.TimerFired(TimerName.J))).effects())
        .containsExactly(new Effect.Terminate());
  }

  @Test
  @DisplayName("a transport error in Proceeding or Completed: the TU is told; the state stays (RFC 6026 §8.8 replaced §17.2.4)")
  void transportError() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //= type=test
    //= row=F8.12
    //= row=F8.15
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    Transaction proceeding = start(UNRELIABLE).transaction().on(tu(100)).transaction();
    for (Transaction t : List.of(proceeding, proceeding.on(tu(200)).transaction())) {
      Step step = Rows.fired(t.state() == State.PROCEEDING ? "F8.12" : "F8.15", t.on(new Event.TransportError("broken pipe")));
      assertThat(step.state()).isEqualTo(t.state());
      assertThat(step.effects()).containsExactly(new Effect.InformTu(Failure.TRANSPORT_ERROR));
    }
  }
}
