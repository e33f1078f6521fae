package org.sipstrata.transaction;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipstrata.syntax.SipRequest;

/**
 * A non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6) as something another class can
 * implement: the reference is {@link #reference()}, the table-driven {@link Transaction} of {@link
 * Machine#NON_INVITE_CLIENT}. The layer's Figure 6 tests ({@code NonInviteClientTest}, in this
 * module's test jar) run against any implementation, which is how tutorial chapter 4 grades its
 * exercise.
 *
 * <p>The contract is the one of {@link Transaction}: values, no I/O, no clock; every call returns
 * the transaction after the event and the effects to execute, in order.
 */
public interface NonInviteClient {

  /** The creation arrow of Figure 6: the TU passes {@code request} (not INVITE, not ACK). */
  Next start(SipRequest request, Reliability reliability, TimerConfig timers);

  /** One non-INVITE client transaction, as a value. */
  interface Running {

    /** The current state: Trying, Proceeding, Completed or Terminated. */
    State state();

    /** The timers running now and the interval each was last set to. */
    Map<TimerName, Duration> runningTimers();

    /** The transaction after {@code event}, and the effects to execute. */
    Next on(Event event);
  }

  /** The result of one event: the transaction after it and the effects, in order. */
  record Next(Running transaction, List<Effect> effects) {
    public Next {
      Objects.requireNonNull(transaction);
      effects = List.copyOf(effects);
    }

    /** The state after the event. */
    public State state() {
      return transaction.state();
    }
  }

  /** The reference implementation: {@link Transaction} running the rows of Figure 6. */
  static NonInviteClient reference() {
    return (request, reliability, timers) ->
        reference(Transaction.start(Machine.NON_INVITE_CLIENT, request, reliability, timers));
  }

  private static Next reference(Step step) {
    Transaction t = step.transaction();
    Running running = new Running() {
      @Override
      public State state() {
        return t.state();
      }

      @Override
      public Map<TimerName, Duration> runningTimers() {
        return t.runningTimers();
      }

      @Override
      public Next on(Event event) {
        return reference(t.on(event));
      }

      @Override
      public String toString() {
        return t.toString();
      }
    };
    return new Next(running, step.effects());
  }
}
