package org.sipstrata.transaction;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one event: the transaction after it, the effects to execute in order, and the
 * row of the table that fired (empty when no row applies and the event was ignored).
 */
public record Step(Transaction transaction, List<Effect> effects, Optional<Row> row) {

  public Step {
    Objects.requireNonNull(transaction);
    effects = List.copyOf(effects);
    Objects.requireNonNull(row);
  }

  /** The state after the event. */
  public State state() {
    return transaction.state();
  }

  /** Whether no row applied: state and timers unchanged (bar a fired timer), no effects. */
  public boolean ignored() {
    return row.isEmpty();
  }
}
