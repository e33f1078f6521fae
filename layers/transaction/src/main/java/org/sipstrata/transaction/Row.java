package org.sipstrata.transaction;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One arrow of Figures 5-8 (as amended by RFC 6026), or one sentence of §17 that the figures do
 * not draw ({@code drawn == false}, e.g. "any further request retransmissions are discarded").
 * An arrow labelled with two events ("Timer B fires or Transport Err.") is two rows.
 *
 * @param id the row's name, {@code F<figure>.<n>}, stable while the table does not change
 * @param machine the state machine
 * @param from the state the arrow leaves; empty for the arrow that creates the transaction
 * @param on the event pattern
 * @param guard the condition on the transport
 * @param to the state the arrow enters (the same as {@code from} for a loop)
 * @param actions what the transition does, in order
 * @param source the RFC section that defines the arrow (a duvet URL)
 * @param drawn whether the figure draws this arrow (false: only the text states it)
 */
public record Row(
    String id,
    Machine machine,
    Optional<State> from,
    Trigger on,
    Guard guard,
    State to,
    List<Action> actions,
    String source,
    boolean drawn) {

  public Row {
    Objects.requireNonNull(id);
    Objects.requireNonNull(machine);
    Objects.requireNonNull(from);
    Objects.requireNonNull(on);
    Objects.requireNonNull(guard);
    Objects.requireNonNull(to);
    actions = List.copyOf(actions);
    Objects.requireNonNull(source);
  }

  /** Whether this is the arrow that creates the transaction (it has no source state). */
  public boolean creates() {
    return from.isEmpty();
  }

  /** The event label with its guard, e.g. {@code "300-699 from TU [unreliable]"}. */
  public String eventLabel() {
    String label = on.label(machine);
    return guard == Guard.ANY ? label : label + " [" + guard.label() + "]";
  }

  /** The action label as the figures write it below the event, e.g. {@code "send response, start G"}. */
  public String actionLabel() {
    return actions.isEmpty()
        ? "-"
        : actions.stream().map(Action::label).collect(Collectors.joining(", "));
  }

  /** The section as {@code RFC 3261 §17.1.1.2}. */
  public String sectionLabel() {
    String rfc = source.replaceAll(".*/rfc(\\d+)#.*", "$1");
    String section = source.replaceAll(".*#section-", "");
    return "RFC " + rfc + " §" + section;
  }

  /**
   * One line: {@code F5.3  Calling --Timer A fires [unreliable] / send request, reset A--> Calling
   * (RFC 3261 §17.1.1.2)}.
   */
  @Override
  public String toString() {
    return id
        + "  "
        + from.map(State::label).orElse("(start)")
        + " --"
        + eventLabel()
        + " / "
        + actionLabel()
        + "--> "
        + to.label()
        + "  ("
        + sectionLabel()
        + (drawn ? "" : ", text only")
        + ")";
  }
}
