package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the table, fired through a transaction the machine itself brought to the row's state. */
class TransitionTableTest {

  static Stream<Row> rows() {
    return TransitionTable.rows().stream();
  }

  /**
   * The transport a row is fired over: the one its guard names; for a row of any transport,
   * unreliable unless an earlier row for unreliable transports takes the row's sample event (in
   * Figure 8's "Trying", RFC 4320 holds back a 100 from the TU over UDP, so "1xx from TU" fires
   * for a 100 over a reliable transport only).
   */
  static Reliability reliabilityFor(Row row) {
    if (row.guard() != Guard.ANY) {
      return row.guard() == Guard.RELIABLE ? Reliability.RELIABLE : Reliability.UNRELIABLE;
    }
    List<Row> rows = TransitionTable.rows(row.machine());
    org.sipstrata.syntax.SipRequest request = Messages.requestFor(row.machine());
    Event sample = Walks.sampleEvent(row, request);
    boolean shadowed = rows.subList(0, rows.indexOf(row)).stream()
        .anyMatch(r -> r.from().equals(row.from()) && r.guard() == Guard.UNRELIABLE
            && r.on().matches(sample, request.method()));
    return shadowed ? Reliability.RELIABLE : Reliability.UNRELIABLE;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  @DisplayName("each row fires from its state on its event, enters its target state and does its actions in order")
  void everyRow(Row row) {
    Reliability reliability = reliabilityFor(row);
    Step step;
    if (row.creates()) {
      step = Transaction.start(row.machine(), Messages.requestFor(row.machine()), reliability);
    } else {
      Optional<Transaction> at = Walks.in(row.machine(), reliability, row.from().get());
      assertThat(at).as("state %s is reachable", row.from().get()).isPresent();
      step = at.get().on(Walks.sampleEvent(row, at.get().request()));
    }
    assertThat(step.row()).contains(row);
    assertThat(step.state()).isEqualTo(row.to());
    List<Class<? extends Effect>> done = step.effects().stream()
        .filter(e -> !(e instanceof Effect.StopTimer) && !(e instanceof Effect.Terminate))
        .<Class<? extends Effect>>map(Effect::getClass)
        .toList();
    assertThat(done).containsExactlyElementsOf(Rows.expected(row.actions()));
    assertThat(step.effects().contains(new Effect.Terminate()))
        .isEqualTo(row.to() == State.TERMINATED);
  }


  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("every state a machine names is reachable from its creation arrow")
  void statesReachable(Machine machine) {
    Set<State> reached = EnumSet.noneOf(State.class);
    reached.addAll(Walks.reachable(machine, Reliability.UNRELIABLE).keySet());
    reached.addAll(Walks.reachable(machine, Reliability.RELIABLE).keySet());
    assertThat(reached).containsExactlyInAnyOrderElementsOf(TransitionTable.states(machine));
  }

  @Test
  @DisplayName("the machines use the states of their figures, RFC 6026's Accepted included")
  void statesPerMachine() {
    assertThat(TransitionTable.states(Machine.INVITE_CLIENT)).containsExactlyInAnyOrder(
        State.CALLING, State.PROCEEDING, State.COMPLETED, State.ACCEPTED, State.TERMINATED);
    assertThat(TransitionTable.states(Machine.NON_INVITE_CLIENT)).containsExactlyInAnyOrder(
        State.TRYING, State.PROCEEDING, State.COMPLETED, State.TERMINATED);
    assertThat(TransitionTable.states(Machine.INVITE_SERVER)).containsExactlyInAnyOrder(
        State.PROCEEDING, State.COMPLETED, State.CONFIRMED, State.ACCEPTED, State.TERMINATED);
    assertThat(TransitionTable.states(Machine.NON_INVITE_SERVER)).containsExactlyInAnyOrder(
        State.TRYING, State.PROCEEDING, State.COMPLETED, State.TERMINATED);
  }

  @Test
  @DisplayName("row ids are unique and every row cites a section of RFC 3261, 6026 or 4320")
  void idsAndSources() {
    assertThat(TransitionTable.rows()).extracting(Row::id).doesNotHaveDuplicates();
    assertThat(TransitionTable.rows()).allSatisfy(row -> assertThat(row.source())
        .matches("https://www\\.rfc-editor\\.org/rfc/rfc(3261|6026|4320)#section-[0-9.]+"));
  }

  @Test
  @DisplayName("a row prints as from --event / actions--> to with its section")
  void rowToString() {
    Row timerA = TransitionTable.rows(Machine.INVITE_CLIENT).get(2);
    assertThat(timerA.toString()).isEqualTo(
        "F5.3  Calling --Timer A fires / send request, reset A (doubled)--> Calling"
            + "  (RFC 3261 §17.1.1.2)");
    Row first = TransitionTable.rows(Machine.INVITE_CLIENT).get(0);
    assertThat(first.toString()).isEqualTo(
        "F5.1  (start) --INVITE from TU [unreliable] / send request, start A, start B--> Calling"
            + "  (RFC 3261 §17.1.1.2)");
  }

  @Test
  @DisplayName("Figure 8's Timer 100 (RFC 4320 §4.1): started with the request, a 100 from the TU held back over UDP, the timer's own 100")
  void timer100Rows() {
    List<String> rows = TransitionTable.rows(Machine.NON_INVITE_SERVER).stream()
        .map(Row::toString).toList();
    assertThat(rows).startsWith(
        "F8.1  (start) --Request / pass to TU, start Timer 100--> Trying  (RFC 3261 §17.2.2)");
    assertThat(rows).contains(
        "F8.4  Trying --100 from TU [unreliable] / ---> Trying  (RFC 4320 §4.1, text only)",
        "F8.8  Trying --Timer 100 fires / send 100--> Proceeding  (RFC 4320 §4.1, text only)");
    // The held-back 100 stands before "1xx from TU", which it would otherwise be.
    assertThat(rows.get(4)).startsWith("F8.5  Trying --1xx from TU / send response--> Proceeding");
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("the text rendering has the caption and one line per row")
  void text(Machine machine) {
    String text = TransitionTable.text(machine);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith("Figure " + machine.figure() + ": " + machine.title());
    assertThat(lines).hasSize(TransitionTable.rows(machine).size() + 1);
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("the dot rendering has a node per state and an edge per row, text-only rows dashed")
  void dot(Machine machine) {
    String dot = TransitionTable.dot(machine);
    assertThat(dot).startsWith("digraph figure" + machine.figure() + " {").endsWith("}\n");
    for (State state : TransitionTable.states(machine)) {
      assertThat(dot).contains("  " + state.name() + " [label=\"" + state.label() + "\"];");
    }
    long edges = dot.lines().filter(l -> l.contains(" -> ")).count();
    assertThat(edges).isEqualTo(TransitionTable.rows(machine).size());
    long dashed = dot.lines().filter(l -> l.contains("style=dashed")).count();
    assertThat(dashed).isEqualTo(TransitionTable.rows(machine).stream().filter(r -> !r.drawn()).count());
  }

  @Test
  @DisplayName("Figure 7 in dot: the 2xx arrow from Proceeding goes to Accepted, as RFC 6026 draws it")
  void dotFigure7() {
    assertThat(TransitionTable.dot(Machine.INVITE_SERVER)).contains(
        "  PROCEEDING -> ACCEPTED [label=\"2xx from TU\\nsend response, start L\", tooltip=\"F7.4"
            + " RFC 6026 §8.5\"];");
  }

  @Test
  @DisplayName("the summary counts the rows of each figure and how many the figure draws")
  void summary() {
    assertThat(TransitionTable.summary()).isEqualTo("""
        Figure 5: 16 rows (16 drawn)
        Figure 6: 14 rows (13 drawn)
        Figure 7: 19 rows (18 drawn)
        Figure 8: 18 rows (8 drawn)""");
    assertThat(TransitionTable.rows()).hasSize(67);
  }
}
