package org.sipstrata.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaching states through the table: a breadth-first search over real events from the creation
 * arrow, so a test starts from a transaction the machine itself produced.
 */
final class Walks {

  private Walks() {}

  /** An event that fires {@code row}'s trigger for a transaction carrying {@code request}. */
  static Event sampleEvent(Row row, org.sipstrata.syntax.SipRequest request) {
    return switch (row.on()) {
      case Trigger.RequestFromTu t -> new Event.RequestFromTu(request);
      case Trigger.ResponseFromTu t ->
          new Event.ResponseFromTu(Messages.response(request, representative(t.range())));
      case Trigger.Request t -> new Event.RequestFromTransport(request);
      case Trigger.Ack t -> new Event.RequestFromTransport(Messages.ackFor(request));
      case Trigger.Response t ->
          new Event.ResponseFromTransport(Messages.response(request, representative(t.range())));
      case Trigger.Timer t -> new Event.TimerFired(t.timer());
      case Trigger.TransportError t -> new Event.TransportError("connection refused");
    };
  }

  /** A status code in the range that no earlier, narrower row claims. */
  static int representative(StatusRange range) {
    return switch (range) {
      case PROVISIONAL -> 100;
      case PROVISIONAL_NOT_100 -> 180;
      case TRYING_100 -> 100;
      case SUCCESS -> 200;
      case NON_SUCCESS_FINAL -> 486;
      case FINAL -> 200;
      case REQUEST_TIMEOUT -> 408;
    };
  }

  /** One transaction per reachable state of the machine over a transport of this reliability. */
  static Map<State, Transaction> reachable(Machine machine, Reliability reliability) {
    org.sipstrata.syntax.SipRequest request = Messages.requestFor(machine);
    Map<State, Transaction> seen = new EnumMap<>(State.class);
    Deque<Transaction> queue = new ArrayDeque<>();
    Transaction first = Transaction.start(machine, request, reliability).transaction();
    seen.put(first.state(), first);
    queue.add(first);
    while (!queue.isEmpty()) {
      Transaction t = queue.poll();
      for (Row row : TransitionTable.rows(machine)) {
        if (row.creates() || row.from().get() != t.state()) {
          continue;
        }
        Step step = t.on(sampleEvent(row, request));
        if (step.row().isPresent() && !seen.containsKey(step.state())) {
          seen.put(step.state(), step.transaction());
          queue.add(step.transaction());
        }
      }
    }
    return seen;
  }

  /** A transaction in {@code state}, if the machine reaches it over this transport. */
  static Optional<Transaction> in(Machine machine, Reliability reliability, State state) {
    return Optional.ofNullable(reachable(machine, reliability).get(state));
  }

  /** Every effect of the given type in a step. */
  static <T extends Effect> List<T> effects(Step step, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Effect e : step.effects()) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }
}
