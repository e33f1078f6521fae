package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.syntax.SipRequest;

/**
 * For every reachable state of every machine and every kind of event, the behaviour is defined:
 * either a row fires, or nothing happens (state, timers and messages stay, no effects).
 */
class TotalityTest {

  static final int[] STATUSES = {100, 180, 183, 199, 200, 202, 299, 300, 302, 404, 408, 486, 500,
      503, 600, 603, 699, 700, 999};

  /** Every kind of event, with messages for a transaction carrying {@code request}. */
  static List<Event> allEvents(SipRequest request) {
    List<Event> events = new ArrayList<>();
    for (TimerName timer : TimerName.values()) {
      events.add(new Event.TimerFired(timer));
    }
    events.add(new Event.TransportError("refused"));
    events.add(new Event.RequestFromTu(request));
    SipRequest invite = Messages.invite();
    SipRequest options = Messages.options();
    for (SipRequest r : List.of(invite, options, Messages.ackFor(invite),
        Messages.request(Messages.INVITE.replace("INVITE", "CANCEL")),
        Messages.request(Messages.OPTIONS.replace("OPTIONS", "BYE")))) {
      events.add(new Event.RequestFromTransport(r));
    }
    for (int status : STATUSES) {
      events.add(new Event.ResponseFromTransport(Messages.response(request, status)));
      events.add(new Event.ResponseFromTu(Messages.response(request, status)));
    }
    return events;
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("every state x every event: a row fires, or the event is ignored with no effect; never an exception")
  void total(Machine machine) {
    int fired = 0;
    int ignored = 0;
    for (Reliability reliability : Reliability.values()) {
      Map<State, Transaction> states = Walks.reachable(machine, reliability);
      for (Transaction t : states.values()) {
        for (Event event : allEvents(t.request())) {
          Step[] step = new Step[1];
          assertThatCode(() -> step[0] = t.on(event)).doesNotThrowAnyException();
          if (step[0].ignored()) {
            ignored++;
            assertThat(step[0].effects()).isEmpty();
            assertThat(step[0].state()).isEqualTo(t.state());
            assertThat(step[0].transaction().lastResponse()).isEqualTo(t.lastResponse());
            if (!(event instanceof Event.TimerFired)) {
              assertThat(step[0].transaction().runningTimers()).isEqualTo(t.runningTimers());
            }
          } else {
            fired++;
            assertThat(TransitionTable.rows(machine)).contains(step[0].row().get());
          }
        }
      }
    }
    assertThat(fired).isPositive();
    assertThat(ignored).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("in Terminated every event is ignored")
  void terminated(Machine machine) {
    Transaction t = Walks.in(machine, Reliability.UNRELIABLE, State.TERMINATED).orElseThrow();
    for (Event event : allEvents(t.request())) {
      Step step = t.on(event);
      assertThat(step.ignored()).isTrue();
      assertThat(step.effects()).isEmpty();
      assertThat(step.state()).isEqualTo(State.TERMINATED);
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("a timer that is not running is ignored when it fires (cancelled too late)")
  void staleTimers(Machine machine) {
    for (Reliability reliability : Reliability.values()) {
      for (Transaction t : Walks.reachable(machine, reliability).values()) {
        for (TimerName timer : TimerName.values()) {
          if (!t.runningTimers().containsKey(timer)) {
            Step step = t.on(new Event.TimerFired(timer));
            assertThat(step.ignored()).isTrue();
            assertThat(step.transaction().runningTimers()).isEqualTo(t.runningTimers());
          }
        }
      }
    }
  }
}
