package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transaction.Reliability.RELIABLE;
import static org.sipstrata.transaction.Reliability.UNRELIABLE;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/**
 * Figure 6 (RFC 3261 §17.1.2.2), arrow by arrow and row by row, run against a {@link
 * NonInviteClient}: by default the table-driven {@link NonInviteClient#reference()}; with {@code
 * -Dstrata.nonInviteClient=some.Class} (a public class with a public no-argument constructor) the
 * class named. Tutorial chapter 4 grades its exercise with these tests: they are public, in this
 * module's test jar, and {@code org.sipstrata.tutorials.ch04.NonInviteClientGraderTest} extends them.
 */
@DisplayName("Figure 6: the non-INVITE client transaction")
public class NonInviteClientTest {

  /** The system property that names the implementation under test. */
  public static final String PROPERTY = "strata.nonInviteClient";

  /** The implementation named by {@link #PROPERTY}, or the reference one. */
  public static NonInviteClient implementation() {
    String name = System.getProperty(PROPERTY, "").strip();
    if (name.isEmpty()) {
      return NonInviteClient.reference();
    }
    try {
      return (NonInviteClient) Class.forName(name, true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + name
          + " must name a public class implementing NonInviteClient with a public no-argument constructor", e);
    }
  }

  static final SipRequest OPTIONS = Messages.options();

  private final NonInviteClient client;

  public NonInviteClientTest() {
    client = implementation();
  }

  NonInviteClient.Next start(Reliability reliability) {
    return client.start(OPTIONS, reliability, TimerConfig.defaults());
  }

  static Event response(int status) {
    return new Event.ResponseFromTransport(Messages.response(OPTIONS, status));
  }

  @Test
  @DisplayName("a request from the TU over UDP: Trying, Timer F at 64*T1, the request sent, Timer E at T1")
  public void startUnreliable() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.1
    //= row=F6.2
    //# The "Trying" state is entered when the TU initiates a new client
    //# transaction with a request.  When entering this state, the client
    //# transaction SHOULD set timer F to fire in 64*T1 seconds.  The request
    //# MUST be passed to the transport layer for transmission.  If an
    //# unreliable transport is in use, the client transaction MUST set timer
    //# E to fire in T1 seconds.
    NonInviteClient.Next step = Rows.walked("F6.1", Optional.empty(), start(UNRELIABLE));
    assertThat(step.state()).isEqualTo(State.TRYING);
    assertThat(step.effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.F, Duration.ofSeconds(32)),
        new Effect.StartTimer(TimerName.E, Duration.ofMillis(500)));
    assertThat(Rows.walked("F6.2", Optional.empty(), start(RELIABLE)).effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.F, Duration.ofSeconds(32)));
  }

  @Test
  @DisplayName("Timer E while Trying: the request is resent at 500 ms, 1 s, 2 s, 4 s, 4 s, 4 s (doubling, capped at T2)")
  public void timerETrying() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.3
    //# For the default values of T1 and T2, this results in
    //# intervals of 500 ms, 1 s, 2 s, 4 s, 4 s, 4 s, etc.
    NonInviteClient.Next step = start(UNRELIABLE);
    List<Duration> intervals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      intervals.add(step.effects().stream()
          .filter(e -> e instanceof Effect.StartTimer s && s.timer() == TimerName.E)
          .map(e -> (Effect.StartTimer) e).findFirst().orElseThrow().after());
      step = Rows.walked("F6.3", Optional.of(State.TRYING),
          step.transaction().on(new Event.TimerFired(TimerName.E)));
      assertThat(step.state()).isEqualTo(State.TRYING);
      assertThat(step.effects()).startsWith(new Effect.SendRequest(OPTIONS));
    }
    assertThat(intervals).extracting(Duration::toMillis)
        .containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L);
  }

  @Test
  @DisplayName("Timer E while Proceeding: the request is resent and E is reset to T2")
  public void timerEProceeding() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.8
    //# If Timer E fires while in the "Proceeding" state, the request MUST be
    //# passed to the transport layer for retransmission, and Timer E MUST be
    //# reset with a value of T2 seconds.
    NonInviteClient.Running proceeding = start(UNRELIABLE).transaction().on(response(100)).transaction();
    assertThat(proceeding.state()).isEqualTo(State.PROCEEDING);
    NonInviteClient.Next step = Rows.walked("F6.8", Optional.of(State.PROCEEDING),
        proceeding.on(new Event.TimerFired(TimerName.E)));
    assertThat(step.effects()).containsExactly(new Effect.SendRequest(OPTIONS),
        new Effect.StartTimer(TimerName.E, Duration.ofSeconds(4)));
  }

  @Test
  @DisplayName("Timer F in Trying or Proceeding: the TU is told of the timeout and the transaction terminates")
  public void timerF() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.4
    //# If Timer F fires while the client transaction is still in the
    //# "Trying" state, the client transaction SHOULD inform the TU about the
    //# timeout, and then it SHOULD enter the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.9
    //# If timer F fires while in the
    //# "Proceeding" state, the TU MUST be informed of a timeout, and the
    //# client transaction MUST transition to the terminated state.
    NonInviteClient.Running trying = start(UNRELIABLE).transaction();
    for (NonInviteClient.Running t : List.of(trying, trying.on(response(100)).transaction())) {
      NonInviteClient.Next step = Rows.walked(t.state() == State.TRYING ? "F6.4" : "F6.9",
          Optional.of(t.state()), t.on(new Event.TimerFired(TimerName.F)));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.E),
          new Effect.InformTu(Failure.TIMEOUT), new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a transport error in Trying or Proceeding: the TU is told and the transaction terminates")
  public void transportError() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //= type=test
    //= row=F6.5
    //= row=F6.10
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    NonInviteClient.Running trying = start(RELIABLE).transaction();
    for (NonInviteClient.Running t : List.of(trying, trying.on(response(100)).transaction())) {
      NonInviteClient.Next step = Rows.walked(t.state() == State.TRYING ? "F6.5" : "F6.10",
          Optional.of(t.state()), t.on(new Event.TransportError("reset")));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(step.effects()).containsExactly(new Effect.StopTimer(TimerName.F),
          new Effect.InformTu(Failure.TRANSPORT_ERROR), new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a 100 while Trying goes to the TU and moves to Proceeding, where further 1xx go to the TU too")
  public void provisional() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.6
    //= row=F6.11
    //# If a
    //# provisional response is received while in the "Trying" state, the
    //# response MUST be passed to the TU, and then the client transaction
    //# SHOULD move to the "Proceeding" state.
    SipResponse trying = Messages.response(OPTIONS, 100);
    NonInviteClient.Next step = Rows.walked("F6.6", Optional.of(State.TRYING),
        start(UNRELIABLE).transaction().on(new Event.ResponseFromTransport(trying)));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).containsExactly(new Effect.PassToTu(trying));
    NonInviteClient.Next again = Rows.walked("F6.11", Optional.of(State.PROCEEDING),
        step.transaction().on(new Event.ResponseFromTransport(trying)));
    assertThat(again.state()).isEqualTo(State.PROCEEDING);
    assertThat(again.effects()).containsExactly(new Effect.PassToTu(trying));
  }

  @Test
  @DisplayName("a final response in Trying or Proceeding goes to the TU; Completed; Timer K at T4 (UDP) or 0 (TCP)")
  public void finalResponse() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.7
    //# If a final response (status
    //# codes 200-699) is received while in the "Trying" state, the response
    //# MUST be passed to the TU, and the client transaction MUST transition
    //# to the "Completed" state.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.12
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
      NonInviteClient.Running trying = start(reliability).transaction();
      for (NonInviteClient.Running t : List.of(trying, trying.on(response(100)).transaction())) {
        for (int status : new int[] {200, 302, 404, 503, 699}) {
          SipResponse answer = Messages.response(OPTIONS, status);
          NonInviteClient.Next step = Rows.walked(t.state() == State.TRYING ? "F6.7" : "F6.12",
              Optional.of(t.state()), t.on(new Event.ResponseFromTransport(answer)));
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
  public void completed() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.13
    //# The "Completed" state exists to
    //# buffer any additional response retransmissions that may be received
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //= row=F6.14
    //# If Timer K fires while in this state, the client transaction
    //# MUST transition to the "Terminated" state.
    NonInviteClient.Running completed = start(UNRELIABLE).transaction().on(response(200)).transaction();
    NonInviteClient.Next again = Rows.walked("F6.13", Optional.of(State.COMPLETED),
        completed.on(response(200)));
    assertThat(again.state()).isEqualTo(State.COMPLETED);
    assertThat(again.effects()).isEmpty();
    NonInviteClient.Next timerE = completed.on(new Event.TimerFired(TimerName.E));
    assertThat(timerE.state()).isEqualTo(State.COMPLETED);
    assertThat(timerE.effects()).isEmpty();
    assertThat(Rows.walked("F6.14", Optional.of(State.COMPLETED),
        completed.on(new Event.TimerFired(TimerName.K))).effects())
        .containsExactly(new Effect.Terminate());
  }

  static java.util.stream.Stream<Row> figure6() {
    return TransitionTable.rows(Machine.NON_INVITE_CLIENT).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("figure6")
  @DisplayName("each row of Figure 6 fires from its state on its event, enters its target state and does its actions in order")
  public void everyRow(Row row) {
    Reliability reliability =
        row.guard() == Guard.RELIABLE ? Reliability.RELIABLE : Reliability.UNRELIABLE;
    NonInviteClient.Next step;
    if (row.creates()) {
      step = start(reliability);
    } else {
      NonInviteClient.Running at = reachable(reliability).get(row.from().get());
      assertThat(at).as("state %s is reachable", row.from().get()).isNotNull();
      step = at.on(Walks.sampleEvent(row, OPTIONS));
    }
    assertThat(step.state()).isEqualTo(row.to());
    List<Class<? extends Effect>> done = step.effects().stream()
        .filter(e -> !(e instanceof Effect.StopTimer) && !(e instanceof Effect.Terminate))
        .<Class<? extends Effect>>map(Effect::getClass)
        .toList();
    List<Class<? extends Effect>> expected = Rows.expected(row.actions());
    assertThat(done).as("effects of %s", row.id()).containsExactlyElementsOf(expected);
    assertThat(step.effects().contains(new Effect.Terminate()))
        .as("Terminate effect").isEqualTo(row.to() == State.TERMINATED);
  }

  /** One transaction per state the implementation reaches by the events of Figure 6's rows. */
  private Map<State, NonInviteClient.Running> reachable(Reliability reliability) {
    Map<State, NonInviteClient.Running> seen = new EnumMap<>(State.class);
    Deque<NonInviteClient.Running> queue = new ArrayDeque<>();
    NonInviteClient.Running first = start(reliability).transaction();
    seen.put(first.state(), first);
    queue.add(first);
    while (!queue.isEmpty()) {
      NonInviteClient.Running t = queue.poll();
      for (Row row : TransitionTable.rows(Machine.NON_INVITE_CLIENT)) {
        if (row.creates() || row.from().get() != t.state()) {
          continue;
        }
        NonInviteClient.Next step = t.on(Walks.sampleEvent(row, OPTIONS));
        if (!seen.containsKey(step.state())) {
          seen.put(step.state(), step.transaction());
          queue.add(step.transaction());
        }
      }
    }
    return seen;
  }
}
