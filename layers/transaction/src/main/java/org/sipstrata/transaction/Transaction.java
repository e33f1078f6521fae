package org.sipstrata.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.Responses;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.transaction.internal.AckBuilder;

/**
 * One transaction as a value: {@code (state, event) -> (new state, effects)}. It runs from {@link
 * TransitionTable}: {@link #on} finds the first row for the current state whose trigger and guard
 * match the event and carries out the row's actions; it writes no transition of its own.
 *
 * <p>Beyond the rows, the interpreter applies three rules, each the same for every machine:
 * <ol>
 *   <li>An event no row accepts is ignored: the state, the timers and the messages stay, and there
 *       are no effects. In "Terminated" every event is ignored.
 *   <li>A timer that fires when it is not running (cancelled too late, or fired twice) is ignored.
 *   <li>When a transition changes state, the timers that the new state has no row for are stopped
 *       ({@link Effect.StopTimer}), first; entering "Terminated" stops every timer and ends with
 *       {@link Effect.Terminate}. So Timer A stops in "Proceeding" (§17.1.1.2: retransmissions
 *       "SHOULD only be done while the client transaction is in the "calling" state") and Timer G
 *       stops in "Confirmed" ("As Timer G is ignored in this state").
 * </ol>
 */
public final class Transaction {

  private final Machine machine;
  private final State state;
  private final Reliability reliability;
  private final TimerConfig config;
  private final SipRequest request;
  private final Optional<SipResponse> lastResponse;
  private final Map<TimerName, Duration> running;

  private Transaction(Machine machine, State state, Reliability reliability, TimerConfig config,
      SipRequest request, Optional<SipResponse> lastResponse, Map<TimerName, Duration> running) {
    this.machine = machine;
    this.state = state;
    this.reliability = reliability;
    this.config = config;
    this.request = request;
    this.lastResponse = lastResponse;
    this.running = Collections.unmodifiableMap(running);
  }

  /**
   * Creates a transaction of {@code machine} for {@code request} by the table's creation arrow:
   * for a client, the TU's request; for a server, the request from the transport.
   *
   * @throws IllegalArgumentException if the machine does not fit the request's method (an INVITE
   *     machine for a non-INVITE request, any machine for ACK): a programming error of the caller,
   *     which chooses the machine with {@link Machine#clientFor} / {@link Machine#serverFor}
   */
  public static Step start(
      Machine machine, SipRequest request, Reliability reliability, TimerConfig config) {
    Objects.requireNonNull(machine);
    Objects.requireNonNull(reliability);
    Objects.requireNonNull(config);
    Optional<Machine> fits =
        machine.isClient() ? Machine.clientFor(request) : Machine.serverFor(request);
    if (fits.filter(m -> m == machine).isEmpty()) {
      throw new IllegalArgumentException(
          "a " + machine.title() + " cannot carry a " + request.method() + " request");
    }
    Event first = machine.isClient()
        ? new Event.RequestFromTu(request)
        : new Event.RequestFromTransport(request);
    Row row = TransitionTable.rows(machine).stream()
        .filter(r -> r.creates() && r.guard().holds(reliability)
            && r.on().matches(first, request.method()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the table has no creation arrow for " + machine));
    Transaction initial = new Transaction(
        machine, row.to(), reliability, config, request, Optional.empty(),
        new EnumMap<>(TimerName.class));
    return initial.apply(row, first, new EnumMap<>(TimerName.class), new ArrayList<>());
  }

  /** Starts a transaction with the default timers (T1 = 500 ms, T2 = 4 s, T4 = 5 s). */
  public static Step start(Machine machine, SipRequest request, Reliability reliability) {
    return start(machine, request, reliability, TimerConfig.defaults());
  }

  /** The next step: the table's first row that accepts {@code event} in this state, or nothing. */
  public Step on(Event event) {
    Objects.requireNonNull(event);
    if (state == State.TERMINATED) {
      return new Step(this, List.of(), Optional.empty());
    }
    Map<TimerName, Duration> timers = new EnumMap<>(TimerName.class);
    timers.putAll(running);
    if (event instanceof Event.TimerFired fired) {
      if (!timers.containsKey(fired.timer())) {
        return new Step(this, List.of(), Optional.empty());
      }
      timers.remove(fired.timer());
    }
    for (Row row : TransitionTable.rows(machine)) {
      if (row.from().filter(s -> s == state).isPresent()
          && row.guard().holds(reliability)
          && row.on().matches(event, request.method())) {
        return apply(row, event, timers, new ArrayList<>());
      }
    }
    // A fired timer that no row accepts is spent: it is not running any more.
    return new Step(with(state, lastResponse, timers), List.of(), Optional.empty());
  }

  private Step apply(Row row, Event event, Map<TimerName, Duration> timers, List<Effect> effects) {
    Duration firedInterval = event instanceof Event.TimerFired f ? running.get(f.timer()) : null;
    if (row.to() != state || row.creates()) {
      for (TimerName timer : List.copyOf(timers.keySet())) {
        if (row.to() == State.TERMINATED || !TransitionTable.hasTimerRow(machine, row.to(), timer)) {
          timers.remove(timer);
          effects.add(new Effect.StopTimer(timer));
        }
      }
    }
    Optional<SipResponse> last = lastResponse;
    for (Action action : row.actions()) {
      switch (action) {
        case Action.SendRequest send -> effects.add(new Effect.SendRequest(request));
        case Action.SendAck ack -> {
          if (event instanceof Event.ResponseFromTransport r) {
            effects.add(new Effect.SendRequest(AckBuilder.forNonSuccess(request, r.response())));
          }
        }
        case Action.SendResponse send -> {
          if (event instanceof Event.ResponseFromTu r) {
            last = Optional.of(r.response());
            effects.add(new Effect.SendResponse(r.response()));
          }
        }
        case Action.ResendResponse resend ->
            last.ifPresent(response -> effects.add(new Effect.SendResponse(response)));
        case Action.SendTrying trying -> {
          //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
          //# The 100 (Trying) response is constructed
          //# according to the procedures in Section 8.2.6, except that the
          //# insertion of tags in the To header field of the response (when none
          //# was present in the request) is downgraded from MAY to SHOULD NOT.
          SipResponse hundred = Responses.response(request, 100);
          last = Optional.of(hundred);
          effects.add(new Effect.SendResponse(hundred));
        }
        case Action.PassToTu pass -> {
          switch (event) {
            case Event.RequestFromTransport r -> effects.add(new Effect.PassToTu(r.request()));
            case Event.ResponseFromTransport r -> effects.add(new Effect.PassToTu(r.response()));
            default -> { }
          }
        }
        case Action.InformTu inform -> effects.add(new Effect.InformTu(inform.failure()));
        case Action.StartTimer start -> {
          Duration after = config.initial(start.timer(), reliability);
          timers.put(start.timer(), after);
          effects.add(new Effect.StartTimer(start.timer(), after));
        }
        case Action.BackOff backOff -> {
          Duration previous = firedInterval != null
              ? firedInterval
              : config.initial(backOff.timer(), reliability);
          Duration after = config.next(backOff.timer(), previous);
          timers.put(backOff.timer(), after);
          effects.add(new Effect.StartTimer(backOff.timer(), after));
        }
        case Action.ResetToT2 reset -> {
          timers.put(reset.timer(), config.t2());
          effects.add(new Effect.StartTimer(reset.timer(), config.t2()));
        }
      }
    }
    if (row.to() == State.TERMINATED) {
      effects.add(new Effect.Terminate());
    }
    return new Step(with(row.to(), last, timers), effects, Optional.of(row));
  }

  private Transaction with(State next, Optional<SipResponse> last, Map<TimerName, Duration> timers) {
    return new Transaction(machine, next, reliability, config, request, last, new EnumMap<>(timers));
  }

  /** The state machine. */
  public Machine machine() {
    return machine;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** The reliability of the transport the transaction runs over. */
  public Reliability reliability() {
    return reliability;
  }

  /** T1, T2, T4. */
  public TimerConfig config() {
    return config;
  }

  /** The request that created the transaction. */
  public SipRequest request() {
    return request;
  }

  /** The last response a server transaction sent (what it resends on a retransmitted request). */
  public Optional<SipResponse> lastResponse() {
    return lastResponse;
  }

  /** The running timers and the interval each was last set to. */
  public Map<TimerName, Duration> runningTimers() {
    return running;
  }

  @Override
  public String toString() {
    return machine + " " + state + " " + running.keySet();
  }
}
