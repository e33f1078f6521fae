package org.sipstrata.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transaction.Event;
import org.sipstrata.transaction.Failure;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.Matching;
import org.sipstrata.transaction.Reliability;
import org.sipstrata.transaction.Row;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.TransactionKey;
import org.sipstrata.transaction.TransactionLayer;
import org.sipstrata.transaction.TransactionLayer.ClientTransaction;
import org.sipstrata.transaction.TransactionLayer.ServerTransaction;
import org.sipstrata.transaction.TransitionTable;
import org.sipstrata.transaction.Trigger;
import org.sipstrata.transport.Cancellable;
import org.sipstrata.transport.Connection;
import org.sipstrata.transport.Endpoint;
import org.sipstrata.transport.IncomingMessage;
import org.sipstrata.transport.Scheduler;
import org.sipstrata.transport.SipTransport;
import org.sipstrata.transport.TransportError;
import org.sipstrata.transport.TransportListener;
import org.sipstrata.transport.ViaRules;

/**
 * What {@code strata demo} prints, and how it sees it. The transaction layer has no hook that
 * reports its transitions, so the demo watches each party's layer from the outside: decorators
 * around the layer's transport (messages handed down), its transport listener (messages handed
 * up), its scheduler (timers) and its TU (messages passed up), and after each of these it asks
 * the layer for the state of every live transaction ({@link TransactionLayer#state}). A change is
 * printed with the row of {@link TransitionTable} that has the same machine, from-state, to-state
 * and event (for a timer: the only timer row between the two states), so the reader can look the
 * arrow up in its figure. A transaction that left the table went to "Terminated".
 *
 * <p>Every method runs on the one event-loop thread both parties share, except {@link #note},
 * which the main thread calls between steps.
 */
final class DemoTrace {

  /** One side of the demo: its name and, once created, its layer. */
  static final class Party {
    final String name;
    final Reliability reliability;
    TransactionLayer layer;
    /** The last state seen of each transaction, in the order they appeared. */
    private final Map<TransactionKey, State> seen = new LinkedHashMap<>();
    /** Every state each transaction was seen in, (start) first. */
    final Map<TransactionKey, List<State>> history = new LinkedHashMap<>();
    /** What the layer is doing right now, for naming the row of a transition. */
    private Optional<Event> cause = Optional.empty();
    private boolean timerRunning;
    private boolean insideTu;
    private int acksByTransaction;
    /**
     * How many transitions and TU calls were seen for this party: unchanged over a message means
     * a transaction absorbed it (perhaps sending its last message again) or none matched it.
     */
    private long reactions;

    Party(String name, Reliability reliability) {
      this.name = name;
      this.reliability = reliability;
    }

    /** How many ACKs this party's INVITE client transactions handed to the transport. */
    int acksByTransaction() {
      return acksByTransaction;
    }
  }

  private final PrintWriter out;
  private final boolean quiet;
  private final Instant start;
  private final Scheduler clock;
  private final Set<String> sentBefore = new HashSet<>();
  private final List<String> transportErrors = new ArrayList<>();

  DemoTrace(PrintWriter out, boolean quiet, Scheduler clock) {
    this.out = out;
    this.quiet = quiet;
    this.clock = clock;
    this.start = clock.now();
  }

  /** A line of narration (not a trace event), printed unless quiet. */
  synchronized void note(String text) {
    if (!quiet) {
      out.println(text);
      out.flush();
    }
  }

  /** A line printed even when quiet. */
  synchronized void always(String text) {
    out.println(text);
    out.flush();
  }

  List<String> transportErrors() {
    return List.copyOf(transportErrors);
  }

  /** After the summary: the sockets closing are not part of the story. */
  private volatile boolean finished;

  /** Stops tracing: what follows is the demo closing its sockets. */
  void finish() {
    finished = true;
  }

  private synchronized void event(Party party, String layer, String text) {
    if (!layer.equals("transport")) {
      party.reactions++;
    }
    if (quiet || finished) {
      return;
    }
    long ms = Duration.between(start, clock.now()).toMillis();
    out.printf(Locale.ROOT, "  %5d ms  %-5s  %-11s  %s%n", ms, party.name, layer, text);
    out.flush();
  }

  /** The start line, top Via branch and CSeq: what identifies a message to its transaction. */
  static String describe(SipMessage message) {
    String startLine = switch (message) {
      case SipRequest r -> r.method() + " " + r.requestUri();
      case SipResponse r -> r.statusCode() + " " + r.reasonPhrase();
    };
    return startLine + "  (branch " + message.topViaBranch().orElse("none") + ", CSeq "
        + message.cseq().map(c -> c.sequenceNumber() + " " + c.method()).orElse("none") + ")";
  }

  // ------------------------------------------------------------------------ state watching

  /** Prints every change of state in {@code party}'s layer since the last look. */
  void look(Party party) {
    if (party.layer == null) {
      return;
    }
    List<TransactionKey> live = party.layer.keys();
    for (TransactionKey key : live) {
      State now = party.layer.state(key).orElse(State.TERMINATED);
      State before = party.seen.get(key);
      if (before != now) {
        changed(party, key, Optional.ofNullable(before), now);
      }
    }
    for (TransactionKey key : List.copyOf(party.seen.keySet())) {
      if (!live.contains(key)) {
        changed(party, key, Optional.of(party.seen.get(key)), State.TERMINATED);
        party.seen.remove(key);
      }
    }
  }

  private void changed(Party party, TransactionKey key, Optional<State> from, State to) {
    if (to != State.TERMINATED) {
      party.seen.put(key, to);
    }
    party.history.computeIfAbsent(key, k -> new ArrayList<>()).add(to);
    Machine machine = machine(key);
    String arrow = from.map(State::label).orElse("(start)") + " -> " + to.label();
    String row = row(party, machine, method(key), from, to).map(r -> "  row " + r.id() + ": "
        + r.eventLabel() + " / " + r.actionLabel() + "  (" + r.sectionLabel() + ")").orElse("");
    event(party, "transaction", machine.title() + " " + shortKey(key) + ": " + arrow + row);
  }

  /**
   * The row of the table this transition took: same machine, states and guard, and a trigger that
   * accepts what the layer was doing; for a timer, the timer row between the two states.
   */
  private static Optional<Row> row(Party party, Machine machine, String method,
      Optional<State> from, State to) {
    List<Row> candidates = TransitionTable.rows(machine).stream()
        .filter(r -> r.from().equals(from) && r.to() == to && r.guard().holds(party.reliability))
        .toList();
    List<Row> fitting;
    if (party.timerRunning) {
      fitting = candidates.stream().filter(r -> r.on() instanceof Trigger.Timer).toList();
    } else if (party.cause.isPresent()) {
      fitting = candidates.stream().filter(r -> r.on().matches(party.cause.get(), method)).toList();
    } else {
      fitting = candidates;
    }
    // Rows are tried in order and the first that accepts the event fires (TransitionTable); which
    // timer fired is not visible from outside, so a timer transition needs a single candidate.
    return fitting.size() == 1 || (!fitting.isEmpty() && !party.timerRunning)
        ? Optional.of(fitting.getFirst()) : Optional.empty();
  }

  static Machine machine(TransactionKey key) {
    return switch (key) {
      case TransactionKey.Client c -> c.method().equals("INVITE")
          ? Machine.INVITE_CLIENT : Machine.NON_INVITE_CLIENT;
      case TransactionKey.Server s -> s.method().equals("INVITE") || s.method().equals("ACK")
          ? Machine.INVITE_SERVER : Machine.NON_INVITE_SERVER;
      case TransactionKey.Rfc2543 r -> r.method().equals("INVITE")
          ? Machine.INVITE_SERVER : Machine.NON_INVITE_SERVER;
    };
  }

  private static String method(TransactionKey key) {
    return switch (key) {
      case TransactionKey.Client c -> c.method();
      case TransactionKey.Server s -> s.method();
      case TransactionKey.Rfc2543 r -> r.method();
    };
  }

  private static String shortKey(TransactionKey key) {
    return switch (key) {
      case TransactionKey.Client c -> "[" + c.branch() + "]";
      case TransactionKey.Server s -> "[" + s.branch() + "]";
      case TransactionKey.Rfc2543 r -> "[" + r.callId() + "]";
    };
  }

  // ------------------------------------------------------------------------ the decorators

  /** The TU of {@code party} as the layer sees it: prints what the layer passes up. */
  TransactionLayer.TransactionUser user(Party party, TransactionLayer.TransactionUser tu) {
    return new TransactionLayer.TransactionUser() {
      @Override
      public void onRequest(ServerTransaction transaction, SipRequest request) {
        look(party);
        event(party, "TU", "gets " + describe(request) + " from its server transaction");
        party.insideTu = true;
        try {
          tu.onRequest(transaction, request);
        } finally {
          party.insideTu = false;
        }
        look(party);
      }

      @Override
      public void onResponse(ClientTransaction transaction, SipResponse response) {
        look(party);
        event(party, "TU", "gets " + describe(response) + " from its client transaction");
        tu.onResponse(transaction, response);
      }

      @Override
      public void onFailure(TransactionKey key, Failure failure) {
        look(party);
        event(party, "TU", "is told " + failure + " by " + machine(key).title() + " "
            + shortKey(key));
        tu.onFailure(key, failure);
      }

      @Override
      public void onAck(IncomingMessage ack) {
        event(party, "TU", "gets an ACK no transaction matched: " + describe(ack.message()));
        tu.onAck(ack);
      }

      @Override
      public void onStrayResponse(IncomingMessage response) {
        event(party, "transaction", "drops a response no client transaction matched: "
            + describe(response.message()) + " (RFC 6026 §8.9)");
        tu.onStrayResponse(response);
      }
    };
  }

  /** What the transport hands up to {@code party}'s layer: printed, then passed on. */
  TransportListener listener(Party party, TransportListener layer) {
    return new TransportListener() {
      @Override
      public void onMessage(IncomingMessage message) {
        event(party, "transport", "<< " + describe(message.message()) + "  from "
            + message.source());
        party.cause = Optional.of(switch (message.message()) {
          case SipRequest r -> new Event.RequestFromTransport(r);
          case SipResponse r -> new Event.ResponseFromTransport(r);
        });
        long before = party.reactions;
        try {
          layer.onMessage(message);
          look(party);
          if (party.reactions == before) {
            absorbed(party, message.message());
          }
        } finally {
          party.cause = Optional.empty();
        }
      }

      @Override
      public void onError(TransportError error) {
        event(party, "transport", "error: " + error.kind() + " " + error.detail());
        if (!finished) {
          transportErrors.add(party.name + ": transport error " + error.kind() + " "
              + error.detail());
        }
        layer.onError(error);
        look(party);
      }
    };
  }

  /** The transport under {@code party}'s layer: prints what the layer hands down. */
  SipTransport transport(Party party, SipTransport transport) {
    return new SipTransport() {
      @Override
      public void send(SipMessage message, Endpoint destination) {
        sending(party, message, destination.toString());
        transport.send(message, destination);
      }

      @Override
      public void sendRequest(SipRequest request, Endpoint destination) {
        sending(party, request, destination.toString());
        transport.sendRequest(request, destination);
      }

      @Override
      public void sendResponse(SipResponse response, IncomingMessage request) {
        if (party.insideTu) {
          party.cause = Optional.of(new Event.ResponseFromTu(response));
        }
        sending(party, response, request.source().toString());
        transport.sendResponse(response, request);
      }

      @Override
      public boolean isOpen(Connection connection) {
        return transport.isOpen(connection);
      }

      @Override
      public List<ViaRules.SentBy> sentByValues() {
        return transport.sentByValues();
      }

      @Override
      public void close() {
        transport.close();
      }
    };
  }

  /**
   * A message that changed nothing and reached no one: a retransmission the matching transaction
   * absorbed in its state, or one that matched no transaction.
   */
  private void absorbed(Party party, SipMessage message) {
    Optional<TransactionKey> key = switch (message) {
      case SipRequest r -> Matching.serverKey(r).toOptional();
      case SipResponse r -> Matching.clientKey(r).toOptional();
    };
    Optional<State> state = key.flatMap(party.layer::state);
    if (key.isEmpty() || state.isEmpty()) {
      event(party, "transaction", "matched no transaction: dropped");
      return;
    }
    Machine machine = machine(key.get());
    String row = row(party, machine, method(key.get()), state, state.get())
        .map(r -> "  row " + r.id() + ": " + r.eventLabel() + " / " + r.actionLabel() + "  ("
            + r.sectionLabel() + ")").orElse("");
    event(party, "transaction", "absorbed by the " + machine.title() + " " + shortKey(key.get())
        + " in " + state.get().label() + row);
  }

  /** The TU of {@code party} starts a client transaction: the cause of the first transition. */
  Optional<ClientTransaction> start(Party party, SipRequest request, Endpoint destination) {
    event(party, "TU", "starts a client transaction for " + describe(request));
    party.cause = Optional.of(new Event.RequestFromTu(request));
    try {
      Optional<ClientTransaction> started = party.layer.sendRequest(request, destination);
      look(party);
      return started;
    } finally {
      party.cause = Optional.empty();
    }
  }

  private void sending(Party party, SipMessage message, String to) {
    look(party);
    boolean again = !sentBefore.add(party.name + " " + describe(message));
    String note = "";
    if (message instanceof SipRequest r && r.method().equals("ACK")) {
      boolean byTransaction = sentByInviteClient(party, r);
      if (byTransaction) {
        party.acksByTransaction++;
      }
      note = "\n" + " ".repeat(32) + (byTransaction
          ? "^ built and sent by the INVITE client transaction itself, same branch as the INVITE"
              + " (RFC 3261 §17.1.1.3)"
          : "^ sent by the TU directly (an ACK for a 2xx, RFC 3261 §13.2.2.4)");
    }
    event(party, "transport", ">> " + describe(message) + "  to " + to
        + (again ? "  (again: a retransmission)" : "") + note);
  }

  /**
   * Whether an ACK comes from a live INVITE client transaction: the ACK for a non-2xx carries the
   * INVITE's top Via, branch included (§17.1.1.3); the ACK for a 2xx has a branch of its own
   * (§13.2.2.4).
   */
  private static boolean sentByInviteClient(Party party, SipRequest ack) {
    Optional<String> branch = ack.topViaBranch();
    return branch.isPresent() && party.layer != null
        && party.layer.state(new TransactionKey.Client(branch.get(), "INVITE")).isPresent();
  }

  /** {@code party}'s scheduler: after each timer, the layer is looked at again. */
  Scheduler scheduler(Party party, Scheduler scheduler) {
    return new Scheduler() {
      @Override
      public Instant now() {
        return scheduler.now();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> {
          party.timerRunning = true;
          try {
            task.run();
            look(party);
          } finally {
            party.timerRunning = false;
          }
        });
      }
    };
  }
}
