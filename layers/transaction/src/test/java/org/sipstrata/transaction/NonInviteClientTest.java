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

/** Figure 6 (RFC 3261 §17.1.2.2), arrow by arrow. */
class NonInviteClientTest {

  static final SipRequest OPTIONS = Messages.options();

  static Step start(Reliability reliability) {
    return Transaction.start(Machine.NON_INVITE_CLIENT, OPTIONS, reliability);
  }

  static Event response(int status) {
    return new Event.ResponseFromTransport(Messages.response(OPTIONS, status));
  }

  @Test
  @DisplayName("a request from the TU over UDP: Trying, Timer F at 64*T1, the request sent, Timer E at T1")
  void startUnreliable() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# The "Trying" state is entered when the TU initiates a new client
    //# transaction with a request.  When entering this state, the client
    //# transaction SHOULD set timer F to fire in 64*T1 seconds.  The request
    //# MUST be passed to the transport layer for transmission.  If an
    //# unreliable transport is in use, the client transaction MUST set timer
    //# E to fire in T1 seconds.
    Step step = start(UNRELIABLE);
    assertThat(step.state()).isEqualTo(State.TRYING);
    assertThat(step.effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.F, Duration.ofSeconds(32)),
        new Effect.StartTimer(TimerName.E, Duration.ofMillis(500)));
    assertThat(start(RELIABLE).effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.F, Duration.ofSeconds(32)));
  }

  @Test
  @DisplayName("Timer E while Trying: the request is resent at 500 ms, 1 s, 2 s, 4 s, 4 s, 4 s (doubling, capped at T2)")
  void timerETrying() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# For the default values of T1 and T2, this results in
    //# intervals of 500 ms, 1 s, 2 s, 4 s, 4 s, 4 s, etc.
    Step step = start(UNRELIABLE);
    List<Duration> intervals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      intervals.add(Walks.effects(step, Effect.StartTimer.class).stream()
          .filter(s -> s.timer() == TimerName.E).findFirst().orElseThrow().after());
      step = step.transaction().on(new Event.TimerFired(TimerName.E));
      assertThat(step.state()).isEqualTo(State.TRYING);
      assertThat(step.effects()).startsWith(new Effect.SendRequest(OPTIONS));
    }
    assertThat(intervals).extracting(Duration::toMillis)
        .containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L);
  }

  @Test
  @DisplayName("Timer E while Proceeding: the request is resent and E is reset to T2")
  void timerEProceeding() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If Timer E fires while in the "Proceeding" state, the request MUST be
    //# passed to the transport layer for retransmission, and Timer E MUST be
    //# reset with a value of T2 seconds.
    Transaction proceeding = start(UNRELIABLE).transaction().on(response(100)).transaction();
    assertThat(proceeding.state()).isEqualTo(State.PROCEEDING);
    Step step = proceeding.on(new Event.TimerFired(TimerName.E));
    assertThat(step.effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.E, Duration.ofSeconds(4)));
  }

  @Test
  @DisplayName("Timer F in Trying or Proceeding: the TU is told of the timeout and the transaction terminates")
  void timerF() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If Timer F fires while the client transaction is still in the
    //# "Trying" state, the client transaction SHOULD inform the TU about the
    //# timeout, and then it SHOULD enter the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If timer F fires while in the
    //# "Proceeding" state, the TU MUST be informed of a timeout, and the
    //# client transaction MUST transition to the terminated state.
    Transaction trying = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(trying, trying.on(response(100)).transaction())) {
      Step step = t.on(new Event.TimerFired(TimerName.F));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.E),
          new Effect.InformTu(Failure.TIMEOUT), new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a transport error in Trying or Proceeding: the TU is told and the transaction terminates")
  void transportError() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //= type=test
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    Transaction trying = start(RELIABLE).transaction();
    for (Transaction t : List.of(trying, trying.on(response(100)).transaction())) {
      Step step = t.on(new Event.TransportError("reset"));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.F),
          new Effect.InformTu(Failure.TRANSPORT_ERROR), new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a 100 while Trying goes to the TU and moves to Proceeding, where further 1xx go to the TU too")
  void provisional() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If a
    //# provisional response is received while in the "Trying" state, the
    //# response MUST be passed to the TU, and then the client transaction
    //# SHOULD move to the "Proceeding" state.
    SipResponse trying = Messages.response(OPTIONS, 100);
    Step step = start(UNRELIABLE).transaction().on(new Event.ResponseFromTransport(trying));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).containsExactly(new Effect.PassToTu(trying));
    Step again = step.transaction().on(new Event.ResponseFromTransport(trying));
    assertThat(again.state()).isEqualTo(State.PROCEEDING);
    assertThat(again.effects()).containsExactly(new Effect.PassToTu(trying));
  }

  @Test
  @DisplayName("a final response in Trying or Proceeding goes to the TU; Completed; Timer K at T4 (UDP) or 0 (TCP)")
  void finalResponse() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If a final response (status
    //# codes 200-699) is received while in the "Trying" state, the response
    //# MUST be passed to the TU, and the client transaction MUST transition
    //# to the "Completed" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If a
    //# final response (status codes 200-699) is received while in the
    //# "Proceeding" state, the response MUST be passed to the TU, and the
    //# client transaction MUST transition to the "Completed" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# Once the client transaction enters the "Completed" state, it MUST set
    //# Timer K to fire in T4 seconds for unreliable transports, and zero
    //# seconds for reliable transports.
    for (Reliability reliability : Reliability.values()) {
      Transaction trying = start(reliability).transaction();
      for (Transaction t : List.of(trying, trying.on(response(100)).transaction())) {
        for (int status : new int[] {200, 302, 404, 503, 699}) {
          SipResponse answer = Messages.response(OPTIONS, status);
          Step step = t.on(new Event.ResponseFromTransport(answer));
          assertThat(step.state()).isEqualTo(State.COMPLETED);
          assertThat(step.effects().stream().filter(e -> !(e instanceof Effect.StopTimer)))
              .containsExactly(new Effect.PassToTu(answer), new Effect.StartTimer(TimerName.K,
                  reliability == RELIABLE ? Duration.ZERO : Duration.ofSeconds(5)));
          assertThat(step.transaction().runningTimers()).containsOnlyKeys(TimerName.K);
        }
      }
    }
  }

  @Test
  @DisplayName("Completed absorbs response retransmissions without telling the TU; Timer K terminates")
  void completed() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# The "Completed" state exists to
    //# buffer any additional response retransmissions that may be received
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# If Timer K fires while in this state, the client transaction
    //# MUST transition to the "Terminated" state.
    Transaction completed = start(UNRELIABLE).transaction().on(response(200)).transaction();
    Step again = completed.on(response(200));
    assertThat(again.state()).isEqualTo(State.COMPLETED);
    assertThat(again.effects()).isEmpty();
    assertThat(completed.on(new Event.TimerFired(TimerName.E)).ignored()).isTrue();
    assertThat(completed.on(new Event.TimerFired(TimerName.K)).effects())
        .containsExactly(new Effect.Terminate());
  }
}
