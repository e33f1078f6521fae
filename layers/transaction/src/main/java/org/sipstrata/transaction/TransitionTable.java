package org.sipstrata.transaction;

import static org.sipstrata.transaction.Guard.ANY;
import static org.sipstrata.transaction.Guard.RELIABLE;
import static org.sipstrata.transaction.Guard.UNRELIABLE;
import static org.sipstrata.transaction.State.ACCEPTED;
import static org.sipstrata.transaction.State.CALLING;
import static org.sipstrata.transaction.State.COMPLETED;
import static org.sipstrata.transaction.State.CONFIRMED;
import static org.sipstrata.transaction.State.PROCEEDING;
import static org.sipstrata.transaction.State.TERMINATED;
import static org.sipstrata.transaction.State.TRYING;
import static org.sipstrata.transaction.StatusRange.FINAL;
import static org.sipstrata.transaction.StatusRange.NON_SUCCESS_FINAL;
import static org.sipstrata.transaction.StatusRange.PROVISIONAL;
import static org.sipstrata.transaction.StatusRange.PROVISIONAL_NOT_100;
import static org.sipstrata.transaction.StatusRange.REQUEST_TIMEOUT;
import static org.sipstrata.transaction.StatusRange.SUCCESS;
import static org.sipstrata.transaction.StatusRange.TRYING_100;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four state machines of RFC 3261 §17 (with RFC 6026 and RFC 4320) as data: one {@link Row}
 * per arrow of Figures 5-8, plus the rows for sentences of the text that the figures do not draw.
 * {@link Transaction} runs from these rows and nothing else.
 *
 * <p>Reading a row against its figure: {@code from} is the box the arrow leaves, {@code on} is
 * the label above the line (the event), {@code actions} the label below it, {@code to} the box the
 * arrow enters. Rows are tried in order; the first whose trigger and guard match fires, so a
 * narrower row (408 from TU) stands before a wider one (200-699 from TU).
 */
public final class TransitionTable {

  private static final String S3261 = "https://www.rfc-editor.org/rfc/rfc3261#section-";
  private static final String S6026 = "https://www.rfc-editor.org/rfc/rfc6026#section-";
  private static final String S4320 = "https://www.rfc-editor.org/rfc/rfc4320#section-";

  private static final Map<Machine, List<Row>> ROWS = build();

  private TransitionTable() {}

  /** Every row, machine by machine in the order of Figures 5, 6, 7, 8. */
  public static List<Row> rows() {
    return ROWS.values().stream().flatMap(List::stream).toList();
  }

  /** The rows of one machine, in the order they are tried. */
  public static List<Row> rows(Machine machine) {
    return ROWS.get(machine);
  }

  /** The states a machine uses, in the order they first appear in its rows. */
  public static List<State> states(Machine machine) {
    Set<State> states = new LinkedHashSet<>();
    for (Row row : rows(machine)) {
      row.from().ifPresent(states::add);
      states.add(row.to());
    }
    return List.copyOf(states);
  }

  /** Whether {@code machine} has a row for {@code timer} firing in {@code state}. */
  public static boolean hasTimerRow(Machine machine, State state, TimerName timer) {
    return rows(machine).stream()
        .anyMatch(r -> r.from().filter(s -> s == state).isPresent()
            && r.on() instanceof Trigger.Timer t && t.timer() == timer);
  }

  /** The table of one machine as text, one row per line, headed by the figure's caption. */
  public static String text(Machine machine) {
    StringBuilder out = new StringBuilder();
    out.append("Figure ").append(machine.figure()).append(": ").append(machine.title())
        .append(" (").append(machine.figureSource()).append(")\n");
    for (Row row : rows(machine)) {
      out.append(row).append('\n');
    }
    return out.toString();
  }

  /**
   * The machine as a Graphviz digraph: one node per state, one edge per row labelled
   * "event / actions" as the figures label their arrows; rows the figure does not draw are dashed.
   */
  public static String dot(Machine machine) {
    StringBuilder out = new StringBuilder();
    out.append("digraph figure").append(machine.figure()).append(" {\n");
    out.append("  label=\"Figure ").append(machine.figure()).append(": ")
        .append(machine.title()).append("\";\n");
    out.append("  labelloc=b;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  start [shape=point, label=\"\"];\n");
    for (State state : states(machine)) {
      out.append("  ").append(state.name()).append(" [label=\"").append(state.label())
          .append("\"];\n");
    }
    for (Row row : rows(machine)) {
      out.append("  ").append(row.from().map(State::name).orElse("start")).append(" -> ")
          .append(row.to().name()).append(" [label=\"").append(escape(row.eventLabel()))
          .append("\\n").append(escape(row.actionLabel())).append("\"")
          .append(row.drawn() ? "" : ", style=dashed")
          .append(", tooltip=\"").append(row.id()).append(' ').append(escape(row.sectionLabel()))
          .append("\"];\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Map<Machine, List<Row>> build() {
    Map<Machine, List<Row>> rows = new EnumMap<>(Machine.class);
    rows.put(Machine.INVITE_CLIENT, inviteClient());
    rows.put(Machine.NON_INVITE_CLIENT, nonInviteClient());
    rows.put(Machine.INVITE_SERVER, inviteServer());
    rows.put(Machine.NON_INVITE_SERVER, nonInviteServer());
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 5: INVITE client transaction (RFC 3261 §17.1.1.2, Figure 5 replaced by RFC 6026 §8.4)

  private static List<Row> inviteClient() {
    Table t = new Table(Machine.INVITE_CLIENT);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# The initial state, "calling", MUST be entered when the TU
    //# initiates a new client transaction with an INVITE request.  The
    //# client transaction MUST pass the request to the transport layer for
    //# transmission (see Section 18).  If an unreliable transport is being
    //# used, the client transaction MUST start timer A with a value of T1.
    t.creation(new Trigger.RequestFromTu(), UNRELIABLE, CALLING, S3261 + "17.1.1.2",
        send(), start(TimerName.A), start(TimerName.B));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# If a reliable transport is being used, the client transaction SHOULD
    //# NOT start timer A (Timer A controls request retransmissions).  For
    //# any transport, the client transaction MUST start timer B with a value
    //# of 64*T1 seconds (Timer B controls transaction timeouts).
    t.creation(new Trigger.RequestFromTu(), RELIABLE, CALLING, S3261 + "17.1.1.2",
        send(), start(TimerName.B));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# When timer A fires, the client transaction MUST retransmit the
    //# request by passing it to the transport layer, and MUST reset the
    //# timer with a value of 2*T1.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# When timer A fires 2*T1 seconds later, the request MUST be
    //# retransmitted again (assuming the client transaction is still in this
    //# state).
    t.arrow(CALLING, timer(TimerName.A), ANY, CALLING, S3261 + "17.1.1.2",
        send(), new Action.BackOff(TimerName.A));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# If the client transaction is still in the "Calling" state when timer
    //# B fires, the client transaction SHOULD inform the TU that a timeout
    //# has occurred.  The client transaction MUST NOT generate an ACK.
    t.arrow(CALLING, timer(TimerName.B), ANY, TERMINATED, S3261 + "17.1.1.2",
        inform(Failure.TIMEOUT));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    t.arrow(CALLING, transportError(), ANY, TERMINATED, S3261 + "17.1.4",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# If the client transaction receives a provisional response while in
    //# the "Calling" state, it transitions to the "Proceeding" state. In the
    //# "Proceeding" state, the client transaction SHOULD NOT retransmit the
    //# request any longer. Furthermore, the provisional response MUST be
    //# passed to the TU.
    t.arrow(CALLING, response(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.1.1.2", toTu());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# When a 2xx response is received while in either the "Calling" or
    //# "Proceeding" states, the client transaction MUST transition to the
    //# "Accepted" state, and Timer M MUST be started with a value of
    //# 64*T1.  The 2xx response MUST be passed up to the TU.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //# If a 2xx response is
    //# received while the client INVITE state machine is in the "Calling" or
    //# "Proceeding" states, it MUST transition to the "Accepted" state, pass
    //# the 2xx response to the TU, and set Timer M to 64*T1.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //# An element sending or receiving a 2xx to an INVITE transaction MUST
    //# NOT destroy any matching INVITE transaction state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=implication
    //# The client
    //# transaction MUST NOT generate an ACK to the 2xx response -- its
    //# handling is delegated to the TU.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=implication
    //# The client transaction
    //# MUST NOT generate an ACK to any 2xx response on its own.
    t.arrow(CALLING, response(SUCCESS), ANY, ACCEPTED, S6026 + "8.4",
        toTu(), start(TimerName.M));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# When in either the "Calling" or "Proceeding" states, reception of
    //# a response with status code from 300-699 MUST cause the client
    //# transaction to transition to "Completed".  The client transaction
    //# MUST pass the received response up to the TU, and the client
    //# transaction MUST generate an ACK request, even if the transport is
    //# reliable (guidelines for constructing the ACK from the response
    //# are given in Section 17.1.1.3), and then pass the ACK to the
    //# transport layer for transmission.
    t.arrow(CALLING, response(NON_SUCCESS_FINAL), ANY, COMPLETED, S6026 + "8.4",
        toTu(), new Action.SendAck(), start(TimerName.D));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //# Any further provisional responses MUST be passed
    //# up to the TU while in the "Proceeding" state.
    t.arrow(PROCEEDING, response(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.1.1.2", toTu());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# When a 2xx response is received while in either the "Calling" or
    //# "Proceeding" states, the client transaction MUST transition to the
    //# "Accepted" state, and Timer M MUST be started with a value of
    //# 64*T1.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //# If a 2xx response is
    //# received while the client INVITE state machine is in the "Calling" or
    //# "Proceeding" states, it MUST transition to the "Accepted" state, pass
    //# the 2xx response to the TU, and set Timer M to 64*T1.
    t.arrow(PROCEEDING, response(SUCCESS), ANY, ACCEPTED, S6026 + "8.4",
        toTu(), start(TimerName.M));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# When in either the "Calling" or "Proceeding" states, reception of
    //# a response with status code from 300-699 MUST cause the client
    //# transaction to transition to "Completed".
    t.arrow(PROCEEDING, response(NON_SUCCESS_FINAL), ANY, COMPLETED, S6026 + "8.4",
        toTu(), new Action.SendAck(), start(TimerName.D));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# Any retransmissions of a response with status code 300-699 that
    //# are received while in the "Completed" state MUST cause the ACK to
    //# be re-passed to the transport layer for retransmission, but the
    //# newly received response MUST NOT be passed up to the TU.
    t.arrow(COMPLETED, response(NON_SUCCESS_FINAL), ANY, COMPLETED, S6026 + "8.4",
        new Action.SendAck());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //# When the client transaction sends a request to the transport layer to
    //# be sent, the following procedures are followed if the transport layer
    //# indicates a failure.
    t.arrow(COMPLETED, transportError(), ANY, TERMINATED, S3261 + "17.1.4",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# If Timer D fires while the client transaction is in the
    //# "Completed" state, the client transaction MUST move to the
    //# "Terminated" state.
    t.arrow(COMPLETED, timer(TimerName.D), ANY, TERMINATED, S6026 + "8.4");
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# Any 2xx responses that match this client transaction and that are
    //# received while in the "Accepted" state MUST be passed up to the
    //# TU.  The client transaction MUST NOT generate an ACK to the 2xx
    //# response.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //# A 2xx response
    //# received while in the "Accepted" state MUST be passed to the TU and
    //# the machine remains in the "Accepted" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //= type=implication
    //# The client transaction
    //# MUST NOT generate an ACK to any 2xx response on its own.
    t.arrow(ACCEPTED, response(SUCCESS), ANY, ACCEPTED, S6026 + "8.4", toTu());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //# If Timer M fires while the client transaction is in the "Accepted"
    //# state, the client transaction MUST move to the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.2
    //# When Timer M fires and the state machine is in the "Accepted" state,
    //# the machine MUST transition to the "Terminated" state.
    t.arrow(ACCEPTED, timer(TimerName.M), ANY, TERMINATED, S6026 + "8.4");
    return t.rows();
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 6: non-INVITE client transaction (RFC 3261 §17.1.2.2)

  private static List<Row> nonInviteClient() {
    Table t = new Table(Machine.NON_INVITE_CLIENT);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# The "Trying" state is entered when the TU initiates a new client
    //# transaction with a request.  When entering this state, the client
    //# transaction SHOULD set timer F to fire in 64*T1 seconds.  The request
    //# MUST be passed to the transport layer for transmission.  If an
    //# unreliable transport is in use, the client transaction MUST set timer
    //# E to fire in T1 seconds.
    t.creation(new Trigger.RequestFromTu(), UNRELIABLE, TRYING, S3261 + "17.1.2.2",
        send(), start(TimerName.F), start(TimerName.E));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# The "Trying" state is entered when the TU initiates a new client
    //# transaction with a request.  When entering this state, the client
    //# transaction SHOULD set timer F to fire in 64*T1 seconds.  The request
    //# MUST be passed to the transport layer for transmission.
    t.creation(new Trigger.RequestFromTu(), RELIABLE, TRYING, S3261 + "17.1.2.2",
        send(), start(TimerName.F));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If timer E fires while still in this state,
    //# the timer is reset, but this time with a value of MIN(2*T1, T2).
    t.arrow(TRYING, timer(TimerName.E), ANY, TRYING, S3261 + "17.1.2.2",
        send(), new Action.BackOff(TimerName.E));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If Timer F fires while the client transaction is still in the
    //# "Trying" state, the client transaction SHOULD inform the TU about the
    //# timeout, and then it SHOULD enter the "Terminated" state.
    t.arrow(TRYING, timer(TimerName.F), ANY, TERMINATED, S3261 + "17.1.2.2",
        inform(Failure.TIMEOUT));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    t.arrow(TRYING, transportError(), ANY, TERMINATED, S3261 + "17.1.4",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If a
    //# provisional response is received while in the "Trying" state, the
    //# response MUST be passed to the TU, and then the client transaction
    //# SHOULD move to the "Proceeding" state.
    t.arrow(TRYING, response(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.1.2.2", toTu());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If a final response (status
    //# codes 200-699) is received while in the "Trying" state, the response
    //# MUST be passed to the TU, and the client transaction MUST transition
    //# to the "Completed" state.
    t.arrow(TRYING, response(FINAL), ANY, COMPLETED, S3261 + "17.1.2.2",
        toTu(), start(TimerName.K));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If Timer E fires while in the "Proceeding" state, the request MUST be
    //# passed to the transport layer for retransmission, and Timer E MUST be
    //# reset with a value of T2 seconds.
    t.arrow(PROCEEDING, timer(TimerName.E), ANY, PROCEEDING, S3261 + "17.1.2.2",
        send(), new Action.ResetToT2(TimerName.E));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If timer F fires while in the
    //# "Proceeding" state, the TU MUST be informed of a timeout, and the
    //# client transaction MUST transition to the terminated state.
    t.arrow(PROCEEDING, timer(TimerName.F), ANY, TERMINATED, S3261 + "17.1.2.2",
        inform(Failure.TIMEOUT));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4
    //# The client transaction SHOULD inform the TU that a transport failure
    //# has occurred, and the client transaction SHOULD transition directly
    //# to the "Terminated" state.
    t.arrow(PROCEEDING, transportError(), ANY, TERMINATED, S3261 + "17.1.4",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# The state machine for the non-INVITE client transaction is shown in
    //# Figure 6.
    t.arrow(PROCEEDING, response(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.1.2.2", toTu());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If a
    //# final response (status codes 200-699) is received while in the
    //# "Proceeding" state, the response MUST be passed to the TU, and the
    //# client transaction MUST transition to the "Completed" state.
    t.arrow(PROCEEDING, response(FINAL), ANY, COMPLETED, S3261 + "17.1.2.2",
        toTu(), start(TimerName.K));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# The "Completed" state exists to
    //# buffer any additional response retransmissions that may be received
    t.text(COMPLETED, response(FINAL), ANY, COMPLETED, S3261 + "17.1.2.2");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //# If Timer K fires while in this state, the client transaction
    //# MUST transition to the "Terminated" state.
    t.arrow(COMPLETED, timer(TimerName.K), ANY, TERMINATED, S3261 + "17.1.2.2");
    return t.rows();
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 7: INVITE server transaction (RFC 3261 §17.2.1, Figure 7 replaced by RFC 6026 §8.6)

  private static List<Row> inviteServer() {
    Table t = new Table(Machine.INVITE_SERVER);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# When a server transaction is constructed for a request, it enters the
    //# "Proceeding" state.  The server transaction MUST generate a 100
    //# (Trying) response unless it knows that the TU will generate a
    //# provisional or final response within 200 ms, in which case it MAY
    //# generate a 100 (Trying) response.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# The request MUST be passed to the TU.
    t.creation(new Trigger.Request(), ANY, PROCEEDING, S3261 + "17.2.1",
        toTu(), new Action.SendTrying());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# If a request
    //# retransmission is received while in the "Proceeding" state, the most
    //# recent provisional response that was received from the TU MUST be
    //# passed to the transport layer for retransmission.
    t.arrow(PROCEEDING, new Trigger.Request(), ANY, PROCEEDING, S3261 + "17.2.1",
        new Action.ResendResponse());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# The TU passes any number of provisional responses to the server
    //# transaction.  So long as the server transaction is in the
    //# "Proceeding" state, each of these MUST be passed to the transport
    //# layer for transmission.
    t.arrow(PROCEEDING, fromTu(PROVISIONAL_NOT_100), ANY, PROCEEDING, S3261 + "17.2.1",
        sendResponse());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.5
    //# If, while in the "Proceeding" state, the TU passes a 2xx response
    //# to the server transaction, the server transaction MUST pass this
    //# response to the transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.5
    //# The server transaction MUST then
    //# transition to the "Accepted" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# If the SIP element's TU (Transaction User) issues a 2xx response for
    //# this transaction while the state machine is in the "Proceeding"
    //# state, the state machine MUST transition to the "Accepted" state and
    //# set Timer L to 64*T1, where T1 is the round-trip time estimate
    //# defined in Section 17.1.1.1 of [RFC3261].
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //# An element sending or receiving a 2xx to an INVITE transaction MUST
    //# NOT destroy any matching INVITE transaction state.
    t.arrow(PROCEEDING, fromTu(SUCCESS), ANY, ACCEPTED, S6026 + "8.5",
        sendResponse(), start(TimerName.L));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# While in the "Proceeding" state, if the TU passes a response with
    //# status code from 300 to 699 to the server transaction, the response
    //# MUST be passed to the transport layer for transmission, and the state
    //# machine MUST enter the "Completed" state.  For unreliable transports,
    //# timer G is set to fire in T1 seconds,
    t.arrow(PROCEEDING, fromTu(NON_SUCCESS_FINAL), UNRELIABLE, COMPLETED, S3261 + "17.2.1",
        sendResponse(), start(TimerName.G), start(TimerName.H));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# For unreliable transports,
    //# timer G is set to fire in T1 seconds, and is not set to fire for
    //# reliable transports.
    t.arrow(PROCEEDING, fromTu(NON_SUCCESS_FINAL), RELIABLE, COMPLETED, S3261 + "17.2.1",
        sendResponse(), start(TimerName.H));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# A server transaction MUST NOT discard transaction state based only on
    //# encountering a non-recoverable transport error when sending a
    //# response.  Instead, the associated INVITE server transaction state
    //# machine MUST remain in its current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-6
    //# An element encountering an unrecoverable transport error when trying
    //# to send a response to an INVITE request MUST NOT immediately destroy
    //# the associated INVITE server transaction state.
    t.arrow(PROCEEDING, transportError(), ANY, PROCEEDING, S6026 + "8.8",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# Furthermore,
    //# while in the "Completed" state, if a request retransmission is
    //# received, the server SHOULD pass the response to the transport for
    //# retransmission.
    t.arrow(COMPLETED, new Trigger.Request(), ANY, COMPLETED, S3261 + "17.2.1",
        new Action.ResendResponse());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# If timer G fires, the response
    //# is passed to the transport layer once more for retransmission, and
    //# timer G is set to fire in MIN(2*T1, T2) seconds.
    t.arrow(COMPLETED, timer(TimerName.G), ANY, COMPLETED, S3261 + "17.2.1",
        new Action.ResendResponse(), new Action.BackOff(TimerName.G));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# If an ACK is received while the server transaction is in the
    //# "Completed" state, the server transaction MUST transition to the
    //# "Confirmed" state.  As Timer G is ignored in this state, any
    //# retransmissions of the response will cease.
    t.arrow(COMPLETED, new Trigger.Ack(), ANY, CONFIRMED, S3261 + "17.2.1",
        start(TimerName.I));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# If timer H fires while in the "Completed" state, it implies that the
    //# ACK was never received.  In this case, the server transaction MUST
    //# transition to the "Terminated" state, and MUST indicate to the TU
    //# that a transaction failure has occurred.
    t.arrow(COMPLETED, timer(TimerName.H), ANY, TERMINATED, S3261 + "17.2.1",
        inform(Failure.NO_ACK));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# A server transaction MUST NOT discard transaction state based only on
    //# encountering a non-recoverable transport error when sending a
    //# response.  Instead, the associated INVITE server transaction state
    //# machine MUST remain in its current state.
    t.arrow(COMPLETED, transportError(), ANY, COMPLETED, S6026 + "8.8",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# The purpose of the "Confirmed" state is to absorb any additional ACK
    //# messages that arrive, triggered from retransmissions of the final
    //# response.
    t.text(CONFIRMED, new Trigger.Ack(), ANY, CONFIRMED, S3261 + "17.2.1");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
    //# Once timer I fires, the server MUST transition to the
    //# "Terminated" state.
    t.arrow(CONFIRMED, timer(TimerName.I), ANY, TERMINATED, S3261 + "17.2.1");
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //# The purpose of the "Accepted" state is to absorb retransmissions
    //# of an accepted INVITE request.  Any such retransmissions are
    //# absorbed entirely within the server transaction.  They are not
    //# passed up to the TU
    t.arrow(ACCEPTED, new Trigger.Request(), ANY, ACCEPTED, S6026 + "8.7");
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //# While in the "Accepted" state, if the TU passes a 2xx response,
    //# the server transaction MUST pass the response to the transport
    //# layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# Any retransmission of the 2xx response passed from the TU to
    //# the transaction while in the "Accepted" state MUST be passed to the
    //# transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //= type=implication
    //# The server transaction MUST NOT generate 2xx retransmissions on its
    //# own.
    t.arrow(ACCEPTED, fromTu(SUCCESS), ANY, ACCEPTED, S6026 + "8.7", sendResponse());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# Any ACKs received from the network
    //# while in the "Accepted" state MUST be passed directly to the TU and
    //# not absorbed.
    t.arrow(ACCEPTED, new Trigger.Ack(), ANY, ACCEPTED, S6026 + "7.1", toTu());
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# A server transaction MUST NOT discard transaction state based only on
    //# encountering a non-recoverable transport error when sending a
    //# response.  Instead, the associated INVITE server transaction state
    //# machine MUST remain in its current state.
    t.arrow(ACCEPTED, transportError(), ANY, ACCEPTED, S6026 + "8.8",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
    //# If Timer L fires while the INVITE
    //# server transaction is in the "Accepted" state, the transaction
    //# MUST transition to the "Terminated" state.
    //= https://www.rfc-editor.org/rfc/rfc6026#section-7.1
    //# When Timer L fires and the state machine is in the "Accepted" state,
    //# the machine MUST transition to the "Terminated" state.
    t.arrow(ACCEPTED, timer(TimerName.L), ANY, TERMINATED, S6026 + "8.7");
    return t.rows();
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 8: non-INVITE server transaction (RFC 3261 §17.2.2, with RFC 4320 and RFC 6026 §8.8)

  private static List<Row> nonInviteServer() {
    Table t = new Table(Machine.NON_INVITE_SERVER);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# The state machine is initialized in the "Trying" state and is passed
    //# a request other than INVITE or ACK when initialized.  This request is
    //# passed up to the TU.
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# Without regard to transport, an SIP element MUST respond to a non-
    //# INVITE request with a Status-Code of 100 if it has not otherwise
    //# responded after the amount of time it takes a client transaction's
    //# Timer E to be reset to T2.
    // Timer 100 (TimerConfig.timerEResetToT2) measures that time; it runs in "Trying" only, so
    // leaving "Trying" by a response the TU passes stops it (the interpreter's third rule).
    t.creation(new Trigger.Request(), ANY, TRYING, S3261 + "17.2.2",
        toTu(), start(TimerName.TIMER_100));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# Once in the "Trying" state, any further request
    //# retransmissions are discarded.
    t.text(TRYING, new Trigger.Request(), ANY, TRYING, S3261 + "17.2.2");
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# An SIP element MUST NOT send any provisional response with a Status-
    //# Code other than 100 to a non-INVITE request.
    t.text(TRYING, fromTu(PROVISIONAL_NOT_100), ANY, TRYING, S4320 + "4.1");
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# An SIP element MUST NOT respond to a non-INVITE request with a
    //# Status-Code of 100 over any unreliable transport, such as UDP, before
    //# the amount of time it takes a client transaction's Timer E to be
    //# reset to T2.
    // Timer 100 is still running in "Trying": the TU's 100 is not sent and the state stays, so
    // the transaction's own 100 follows when the timer fires, unless a final response comes first.
    t.text(TRYING, fromTu(TRYING_100), UNRELIABLE, TRYING, S4320 + "4.1");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# While in the "Trying" state, if the TU passes a provisional response
    //# to the server transaction, the server transaction MUST enter the
    //# "Proceeding" state.  The response MUST be passed to the transport
    //# layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# An SIP element MAY respond to a non-INVITE request with a Status-Code
    //# of 100 over a reliable transport at any time.
    t.arrow(TRYING, fromTu(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.2.2", sendResponse());
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
    //# A transaction-stateful SIP element MUST NOT send a response with
    //# Status-Code of 408 to a non-INVITE request.  As a consequence, an
    //# element that cannot respond before the transaction expires will not
    //# send a final response at all.
    t.text(TRYING, fromTu(REQUEST_TIMEOUT), ANY, TERMINATED, S4320 + "4.2");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# The state machine for the non-INVITE server transaction is shown in
    //# Figure 8.
    t.arrow(TRYING, fromTu(FINAL), ANY, COMPLETED, S3261 + "17.2.2",
        sendResponse(), start(TimerName.J));
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# Without regard to transport, an SIP element MUST respond to a non-
    //# INVITE request with a Status-Code of 100 if it has not otherwise
    //# responded after the amount of time it takes a client transaction's
    //# Timer E to be reset to T2.
    // The 100 is the one a retransmitted request gets again in "Proceeding" (ResendResponse).
    t.text(TRYING, timer(TimerName.TIMER_100), ANY, PROCEEDING, S4320 + "4.1",
        new Action.SendTrying());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# If a retransmission of the
    //# request is received while in the "Proceeding" state, the most
    //# recently sent provisional response MUST be passed to the transport
    //# layer for retransmission.
    t.arrow(PROCEEDING, new Trigger.Request(), ANY, PROCEEDING, S3261 + "17.2.2",
        new Action.ResendResponse());
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //# An SIP element MUST NOT send any provisional response with a Status-
    //# Code other than 100 to a non-INVITE request.
    t.text(PROCEEDING, fromTu(PROVISIONAL_NOT_100), ANY, PROCEEDING, S4320 + "4.1");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# Any further provisional responses that are
    //# received from the TU while in the "Proceeding" state MUST be passed
    //# to the transport layer for transmission.
    t.arrow(PROCEEDING, fromTu(PROVISIONAL), ANY, PROCEEDING, S3261 + "17.2.2",
        sendResponse());
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
    //# A transaction-stateful SIP element MUST NOT send a response with
    //# Status-Code of 408 to a non-INVITE request.
    t.text(PROCEEDING, fromTu(REQUEST_TIMEOUT), ANY, TERMINATED, S4320 + "4.2");
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# If the TU passes a final response (status
    //# codes 200-699) to the server while in the "Proceeding" state, the
    //# transaction MUST enter the "Completed" state, and the response MUST
    //# be passed to the transport layer for transmission.
    t.arrow(PROCEEDING, fromTu(FINAL), ANY, COMPLETED, S3261 + "17.2.2",
        sendResponse(), start(TimerName.J));
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    t.text(PROCEEDING, transportError(), ANY, PROCEEDING, S6026 + "8.8",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# While in the "Completed" state, the
    //# server transaction MUST pass the final response to the transport
    //# layer for retransmission whenever a retransmission of the request is
    //# received.
    t.arrow(COMPLETED, new Trigger.Request(), ANY, COMPLETED, S3261 + "17.2.2",
        new Action.ResendResponse());
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# Any other final responses passed by the TU to the server
    //# transaction MUST be discarded while in the "Completed" state.
    t.text(COMPLETED, fromTu(FINAL), ANY, COMPLETED, S3261 + "17.2.2");
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    t.text(COMPLETED, transportError(), ANY, COMPLETED, S6026 + "8.8",
        inform(Failure.TRANSPORT_ERROR));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //# The
    //# server transaction remains in this state until Timer J fires, at
    //# which point it MUST transition to the "Terminated" state.
    t.arrow(COMPLETED, timer(TimerName.J), ANY, TERMINATED, S3261 + "17.2.2");
    return t.rows();
  }

  // ---------------------------------------------------------------------------------------------

  private static Action send() {
    return new Action.SendRequest();
  }

  private static Action sendResponse() {
    return new Action.SendResponse();
  }

  private static Action toTu() {
    return new Action.PassToTu();
  }

  private static Action inform(Failure failure) {
    return new Action.InformTu(failure);
  }

  private static Action start(TimerName timer) {
    return new Action.StartTimer(timer);
  }

  private static Trigger timer(TimerName timer) {
    return new Trigger.Timer(timer);
  }

  private static Trigger response(StatusRange range) {
    return new Trigger.Response(range);
  }

  private static Trigger fromTu(StatusRange range) {
    return new Trigger.ResponseFromTu(range);
  }

  private static Trigger transportError() {
    return new Trigger.TransportError();
  }

  /** Collects one machine's rows and names them {@code F<figure>.<n>}. */
  private static final class Table {
    private final Machine machine;
    private final List<Row> rows = new ArrayList<>();

    Table(Machine machine) {
      this.machine = machine;
    }

    void creation(Trigger on, Guard guard, State to, String source, Action... actions) {
      add(Optional.empty(), on, guard, to, source, true, actions);
    }

    void arrow(State from, Trigger on, Guard guard, State to, String source, Action... actions) {
      add(Optional.of(from), on, guard, to, source, true, actions);
    }

    void text(State from, Trigger on, Guard guard, State to, String source, Action... actions) {
      add(Optional.of(from), on, guard, to, source, false, actions);
    }

    private void add(Optional<State> from, Trigger on, Guard guard, State to, String source,
        boolean drawn, Action... actions) {
      String id = "F" + machine.figure() + "." + (rows.size() + 1);
      rows.add(new Row(id, machine, from, on, guard, to, List.of(actions), source, drawn));
    }

    List<Row> rows() {
      return List.copyOf(rows);
    }
  }

  /** A one-line summary per machine: rows drawn and rows from the text only. */
  public static String summary() {
    return ROWS.entrySet().stream()
        .map(e -> "Figure " + e.getKey().figure() + ": " + e.getValue().size() + " rows ("
            + e.getValue().stream().filter(Row::drawn).count() + " drawn)")
        .collect(Collectors.joining("\n"));
  }
}
