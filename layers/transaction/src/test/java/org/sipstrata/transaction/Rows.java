package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A figure test's claim that it walks a row of the table: it asserts here that the step is that
 * row firing, and names the row with {@code //= row=<id>} in the {@code //= type=test} citation of
 * the row's section, which the traceability report counts ({@link RowClaimsTest} checks that each
 * named row has its assertion in the same test method, and that every row is named somewhere).
 */
final class Rows {

  private Rows() {}

  /** The row named {@code id}; fails when the table has none. */
  static Row row(String id) {
    Optional<Row> row = TransitionTable.rows().stream().filter(r -> r.id().equals(id)).findFirst();
    assertThat(row).as("row %s is in the table", id).isPresent();
    return row.get();
  }

  /** Asserts that {@code step} is row {@code id} firing (the table says so) and returns it. */
  static Step fired(String id, Step step) {
    Row row = row(id);
    assertThat(step.row().map(Row::id)).as("the row that fired").contains(id);
    assertThat(step.state()).as("the state after %s", id).isEqualTo(row.to());
    return step;
  }

  /**
   * For an implementation without a table ({@link NonInviteClient}): asserts that {@code next},
   * the result of an event in state {@code from} (empty for the creation arrow), does what row
   * {@code id} says: it leaves that state, enters the row's state, and has the row's actions in
   * order (timer stops aside), terminating exactly when the row enters Terminated.
   */
  static NonInviteClient.Next walked(String id, Optional<State> from, NonInviteClient.Next next) {
    Row row = row(id);
    assertThat(row.from()).as("the state row %s leaves", id).isEqualTo(from);
    assertThat(next.state()).as("the state after %s", id).isEqualTo(row.to());
    assertThat(done(next.effects())).as("the effects of %s", id)
        .containsExactlyElementsOf(expected(row.actions()));
    assertThat(next.effects().contains(new Effect.Terminate()))
        .as("%s terminates", id).isEqualTo(row.to() == State.TERMINATED);
    return next;
  }

  /** The kinds of effect a step had, without timer stops and termination (no row lists those). */
  static List<Class<? extends Effect>> done(List<Effect> effects) {
    return effects.stream()
        .filter(e -> !(e instanceof Effect.StopTimer) && !(e instanceof Effect.Terminate))
        .<Class<? extends Effect>>map(Effect::getClass)
        .toList();
  }

  /** The kind of effect each action has. */
  static List<Class<? extends Effect>> expected(List<Action> actions) {
    List<Class<? extends Effect>> out = new ArrayList<>();
    for (Action action : actions) {
      out.add(switch (action) {
        case Action.SendRequest a -> Effect.SendRequest.class;
        case Action.SendAck a -> Effect.SendRequest.class;
        case Action.SendResponse a -> Effect.SendResponse.class;
        case Action.ResendResponse a -> Effect.SendResponse.class;
        case Action.SendTrying a -> Effect.SendResponse.class;
        case Action.PassToTu a -> Effect.PassToTu.class;
        case Action.InformTu a -> Effect.InformTu.class;
        case Action.StartTimer a -> Effect.StartTimer.class;
        case Action.BackOff a -> Effect.StartTimer.class;
        case Action.ResetToT2 a -> Effect.StartTimer.class;
      });
    }
    return out;
  }
}
