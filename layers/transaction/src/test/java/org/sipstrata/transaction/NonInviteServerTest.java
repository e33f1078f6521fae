package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sipstrata.transaction.Reliability.RELIABLE;
import static org.sipstrata.transaction.Reliability.UNRELIABLE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/** Figure 8 (RFC 3261 §17.2.2, with RFC 4320 §4 and RFC 6026 §8.8), arrow by arrow. */
class NonInviteServerTest {

  static final SipRequest OPTIONS = Messages.options();

  static Step start(Reliability reliability) {
    return Transaction.start(Machine.NON_INVITE_SERVER, OPTIONS, reliability);
  }

  static Event tu(int status) {
    return new Event.ResponseFromTu(Messages.response(OPTIONS, status));
  }

  /** Timer 100 at the defaults (T1 = 500 ms, T2 = 4 s): Timer E is reset to T2 at 0.5 + 1 + 2 s. */
  static final Duration TIMER_100 = Duration.ofMillis(3500);

  /** "Proceeding", reached the way RFC 4320 allows over any transport: Timer 100 fired. */
  static Transaction proceeding(Transaction trying) {
    return trying.on(new Event.TimerFired(TimerName.TIMER_100)).transaction();
  }

  @Test
  @DisplayName("a request arrives: Trying, it goes to the TU; retransmissions in Trying are discarded")
  void trying() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.1
    //= row=F8.2
    //# The state machine is initialized in the "Trying" state and is passed
    //# a request other than INVITE or ACK when initialized.  This request is
    //# passed up to the TU.  Once in the "Trying" state, any further request
    //# retransmissions are discarded.
    Step step = Rows.fired("F8.1", start(UNRELIABLE));
    assertThat(step.state()).isEqualTo(State.TRYING);
    assertThat(step.effects()).containsExactly(new Effect.PassToTu(OPTIONS),
        new Effect.StartTimer(TimerName.TIMER_100, TIMER_100));
    Step again = Rows.fired("F8.2", step.transaction().on(new Event.RequestFromTransport(OPTIONS)));
    assertThat(again.state()).isEqualTo(State.TRYING);
    assertThat(again.effects()).isEmpty();
  }

  @Test
  @DisplayName("a 100 from the TU in Trying over TCP: sent, Proceeding, Timer 100 stopped; a retransmitted request gets the 100 again")
  void proceeding() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.5
    //= row=F8.9
    //= row=F8.11
    //# While in the "Trying" state, if the TU passes a provisional response
    //# to the server transaction, the server transaction MUST enter the
    //# "Proceeding" state.  The response MUST be passed to the transport
    //# layer for transmission.  Any further provisional responses that are
    //# received from the TU while in the "Proceeding" state MUST be passed
    //# to the transport layer for transmission.  If a retransmission of the
    //# request is received while in the "Proceeding" state, the most
    //# recently sent provisional response MUST be passed to the transport
    //# layer for retransmission.
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //# An SIP element MAY respond to a non-INVITE request with a Status-Code
    //# of 100 over a reliable transport at any time.
    SipResponse trying = Messages.response(OPTIONS, 100);
    Step step = Rows.fired("F8.5", start(RELIABLE).transaction().on(new Event.ResponseFromTu(trying)));
    assertThat(step.state()).isEqualTo(State.PROCEEDING);
    assertThat(step.effects()).containsExactly(
        new Effect.StopTimer(TimerName.TIMER_100), new Effect.SendResponse(trying));
    assertThat(step.transaction().runningTimers()).isEmpty();
    assertThat(Rows.fired("F8.9", step.transaction().on(new Event.RequestFromTransport(OPTIONS))).effects())
        .containsExactly(new Effect.SendResponse(trying));
    assertThat(Rows.fired("F8.11", step.transaction().on(new Event.ResponseFromTu(trying))).effects())
        .containsExactly(new Effect.SendResponse(trying));
  }

  @Test
  @DisplayName("a 180 from the TU is never sent for a non-INVITE request (RFC 4320)")
  void noOtherProvisional() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //= row=F8.3
    //= row=F8.10
    //# An SIP element MUST NOT send any provisional response with a Status-
    //# Code other than 100 to a non-INVITE request.
    Transaction trying = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(trying, proceeding(trying))) {
      Step step = Rows.fired(t.state() == State.TRYING ? "F8.3" : "F8.10", t.on(tu(180)));
      assertThat(step.state()).isEqualTo(t.state());
      assertThat(step.effects()).isEmpty();
      assertThat(step.row()).isPresent();
    }
  }

  @Test
  @DisplayName("a 408 from the TU is never sent (RFC 4320): the transaction ends without a final response")
  void no408() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
    //= type=test
    //= row=F8.6
    //= row=F8.12
    //# A transaction-stateful SIP element MUST NOT send a response with
    //# Status-Code of 408 to a non-INVITE request.  As a consequence, an
    //# element that cannot respond before the transaction expires will not
    //# send a final response at all.
    Transaction trying = start(UNRELIABLE).transaction();
    for (Transaction t : List.of(trying, proceeding(trying))) {
      Step step = Rows.fired(t.state() == State.TRYING ? "F8.6" : "F8.12", t.on(tu(408)));
      assertThat(step.state()).isEqualTo(State.TERMINATED);
      assertThat(Rows.done(step.effects())).isEmpty();
      assertThat(step.effects()).endsWith(new Effect.Terminate());
    }
  }

  @Test
  @DisplayName("a final response from the TU in Trying or Proceeding: sent, Completed, Timer J at 64*T1 (UDP) or 0 (TCP)")
  void completed() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.7
    //= row=F8.13
    //# If the TU passes a final response (status
    //# codes 200-699) to the server while in the "Proceeding" state, the
    //# transaction MUST enter the "Completed" state, and the response MUST
    //# be passed to the transport layer for transmission.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //# When the server transaction enters the "Completed" state, it MUST set
    //# Timer J to fire in 64*T1 seconds for unreliable transports, and zero
    //# seconds for reliable transports.
    for (Reliability reliability : Reliability.values()) {
      Transaction trying = start(reliability).transaction();
      for (Transaction t : List.of(trying, proceeding(trying))) {
        SipResponse ok = Messages.response(OPTIONS, 200);
        Step step = Rows.fired(t.state() == State.TRYING ? "F8.7" : "F8.13", t.on(new Event.ResponseFromTu(ok)));
        assertThat(step.state()).isEqualTo(State.COMPLETED);
        assertThat(step.effects()).containsSequence(new Effect.SendResponse(ok),
            new Effect.StartTimer(TimerName.J,
                reliability == RELIABLE ? Duration.ZERO : Duration.ofSeconds(32)));
        assertThat(step.transaction().runningTimers()).containsOnlyKeys(TimerName.J);
      }
    }
  }

  @Test
  @DisplayName("while Completed: a retransmitted request gets the final response again, other final responses from the TU are discarded, Timer J terminates")
  void completedAbsorbs() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.15
    //= row=F8.16
    //= row=F8.18
    //# While in the "Completed" state, the
    //# server transaction MUST pass the final response to the transport
    //# layer for retransmission whenever a retransmission of the request is
    //# received.  Any other final responses passed by the TU to the server
    //# transaction MUST be discarded while in the "Completed" state.  The
    //# server transaction remains in this state until Timer J fires, at
    //# which point it MUST transition to the "Terminated" state.
    SipResponse notFound = Messages.response(OPTIONS, 404);
    Transaction completed = start(UNRELIABLE).transaction()
        .on(new Event.ResponseFromTu(notFound)).transaction();
    for (int i = 0; i < 3; i++) {
      assertThat(Rows.fired("F8.15", completed.on(new Event.RequestFromTransport(OPTIONS))).effects())
          .containsExactly(new Effect.SendResponse(notFound));
    }
    Step other = Rows.fired("F8.16", completed.on(tu(200)));
    assertThat(other.effects()).isEmpty();
    assertThat(other.transaction().lastResponse()).contains(notFound);
    assertThat(Rows.fired("F8.18", completed.on(new Event.TimerFired(TimerName.J))).effects())
        .containsExactly(new Effect.Terminate());
  }

  @Test
  @DisplayName("a transport error in Proceeding or Completed: the TU is told; the state stays (RFC 6026 §8.8 replaced §17.2.4)")
  void transportError() {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.8
    //= type=test
    //= row=F8.14
    //= row=F8.17
    //# If those should all fail, based
    //# on the definition of failure in [4], the server transaction SHOULD
    //# inform the TU that a failure has occurred, and MUST remain in the
    //# current state.
    Transaction proceeding = proceeding(start(UNRELIABLE).transaction());
    for (Transaction t : List.of(proceeding, proceeding.on(tu(200)).transaction())) {
      Step step = Rows.fired(t.state() == State.PROCEEDING ? "F8.14" : "F8.17", t.on(new Event.TransportError("broken pipe")));
      assertThat(step.state()).isEqualTo(t.state());
      assertThat(step.effects()).containsExactly(new Effect.InformTu(Failure.TRANSPORT_ERROR));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 4320 §4.1: Timer 100

  /**
   * Runs a non-INVITE server transaction for OPTIONS in virtual time: the TU passes {@code tu}
   * (time in ms to status), timers fire when due; returns what the transaction sends as
   * {@code "<ms> <status>"}, up to {@code untilMs}.
   */
  static List<String> wire(Reliability reliability, TimerConfig config, Map<Long, Integer> tu,
      long untilMs) {
    List<String> sent = new ArrayList<>();
    Map<TimerName, Long> due = new EnumMap<>(TimerName.class);
    TreeMap<Long, Integer> answers = new TreeMap<>(tu);
    long now = 0;
    Step step = Transaction.start(Machine.NON_INVITE_SERVER, OPTIONS, reliability, config);
    while (true) {
      for (Effect effect : step.effects()) {
        switch (effect) {
          case Effect.StartTimer start -> due.put(start.timer(), now + start.after().toMillis());
          case Effect.StopTimer stop -> due.remove(stop.timer());
          case Effect.SendResponse send -> sent.add(now + " " + send.response().statusCode());
          default -> { }
        }
      }
      Optional<Map.Entry<TimerName, Long>> timer =
          due.entrySet().stream().min(Map.Entry.comparingByValue());
      Long answerAt = answers.isEmpty() ? null : answers.firstKey();
      if (timer.isPresent() && (answerAt == null || timer.get().getValue() <= answerAt)) {
        now = timer.get().getValue();
        due.remove(timer.get().getKey());
        step = step.transaction().on(new Event.TimerFired(timer.get().getKey()));
      } else if (answerAt != null) {
        now = answerAt;
        step = step.transaction().on(tu(answers.pollFirstEntry().getValue()));
      } else {
        return sent;
      }
      if (now > untilMs || step.state() == State.TERMINATED) {
        return sent;
      }
    }
  }

  @Test
  @DisplayName("a slow TU: after 3.5 s (when a client's Timer E reaches T2) the transaction sends its own 100 and enters Proceeding, over UDP and TCP")
  void timer100Fires() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //= row=F8.8
    //# Without regard to transport, an SIP element MUST respond to a non-
    //# INVITE request with a Status-Code of 100 if it has not otherwise
    //# responded after the amount of time it takes a client transaction's
    //# Timer E to be reset to T2.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.9
    //# If a retransmission of the
    //# request is received while in the "Proceeding" state, the most
    //# recently sent provisional response MUST be passed to the transport
    //# layer for retransmission.
    for (Reliability reliability : Reliability.values()) {
      Step started = start(reliability);
      assertThat(started.transaction().runningTimers())
          .containsEntry(TimerName.TIMER_100, TIMER_100);
      Step step = Rows.fired("F8.8",
          started.transaction().on(new Event.TimerFired(TimerName.TIMER_100)));
      assertThat(step.state()).isEqualTo(State.PROCEEDING);
      assertThat(step.effects()).hasSize(1);
      SipResponse hundred = ((Effect.SendResponse) step.effects().get(0)).response();
      assertThat(hundred.statusCode()).isEqualTo(100);
      assertThat(hundred.reasonPhrase()).isEqualTo("Trying");
      assertThat(step.transaction().lastResponse()).contains(hundred);
      // A retransmitted request now gets that 100 again (the most recent provisional response).
      assertThat(Rows.fired("F8.9",
          step.transaction().on(new Event.RequestFromTransport(OPTIONS))).effects())
          .containsExactly(new Effect.SendResponse(hundred));
      // The TU answers 10 s after the request: the 100 went out at 3.5 s, on both transports.
      assertThat(wire(reliability, TimerConfig.defaults(), Map.of(10_000L, 200), 60_000))
          .containsExactly("3500 100", "10000 200");
    }
    // Timer 100 follows T1 and T2: with T1 = 100 ms, T2 = 1 s, Timer E is reset to T2 at
    // 0.1 + 0.2 + 0.4 + 0.8 = 1.5 s.
    TimerConfig fast = new TimerConfig(Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
    assertThat(wire(UNRELIABLE, fast, Map.of(5_000L, 404), 60_000))
        .containsExactly("1500 100", "5000 404");
  }

  @Test
  @DisplayName("a 100 from the TU in Trying over UDP is not sent: the transaction's own 100 follows at 3.5 s; over TCP it is sent at once")
  void early100() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //= row=F8.4
    //# An SIP element MUST NOT respond to a non-INVITE request with a
    //# Status-Code of 100 over any unreliable transport, such as UDP, before
    //# the amount of time it takes a client transaction's Timer E to be
    //# reset to T2.
    Transaction trying = start(UNRELIABLE).transaction();
    for (int i = 0; i < 2; i++) {
      Step step = Rows.fired("F8.4", trying.on(tu(100)));
      assertThat(step.effects()).isEmpty();
      assertThat(step.transaction().runningTimers()).containsKey(TimerName.TIMER_100);
      assertThat(step.transaction().lastResponse()).isEmpty();
      trying = step.transaction();
    }
    // The TU's 100 at 0 and at 3.4 s: nothing goes out before 3.5 s, then the 100 and the 200.
    assertThat(wire(UNRELIABLE, TimerConfig.defaults(), Map.of(0L, 100, 3_400L, 100, 8_000L, 200),
        60_000)).containsExactly("3500 100", "8000 200");
    // After 3.5 s (Proceeding) a further 100 from the TU is sent.
    assertThat(wire(UNRELIABLE, TimerConfig.defaults(), Map.of(5_000L, 100, 8_000L, 200), 60_000))
        .containsExactly("3500 100", "5000 100", "8000 200");
    // Over TCP the TU's 100 goes out when the TU passes it (RFC 4320 §4.1 MAY), and no second one.
    assertThat(wire(RELIABLE, TimerConfig.defaults(), Map.of(0L, 100, 8_000L, 200), 60_000))
        .containsExactly("0 100", "8000 200");
  }

  @Test
  @DisplayName("Timer 100 stops when the TU's response is sent (100 over TCP, 200-699, or 408 not sent but ending it); a 180, or a 100 over UDP, leaves it running")
  void timer100Stops() {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //= row=F8.3
    //= row=F8.4
    //# Without regard to transport, an SIP element MUST respond to a non-
    //# INVITE request with a Status-Code of 100 if it has not otherwise
    //# responded after the amount of time it takes a client transaction's
    //# Timer E to be reset to T2.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //= row=F8.5
    //= row=F8.7
    //# While in the "Trying" state, if the TU passes a provisional response
    //# to the server transaction, the server transaction MUST enter the
    //# "Proceeding" state.
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.2
    //= type=test
    //= row=F8.6
    //# As a consequence, an
    //# element that cannot respond before the transaction expires will not
    //# send a final response at all.
    Effect stop = new Effect.StopTimer(TimerName.TIMER_100);
    for (Reliability reliability : Reliability.values()) {
      Transaction trying = start(reliability).transaction();
      assertThat(Rows.fired("F8.7", trying.on(tu(486))).effects()).startsWith(stop);
      assertThat(Rows.fired("F8.6", trying.on(tu(408))).effects()).containsExactly(stop,
          new Effect.Terminate());
      Step ringing = Rows.fired("F8.3", trying.on(tu(180)));
      assertThat(ringing.effects()).isEmpty();
      assertThat(ringing.transaction().runningTimers()).containsKey(TimerName.TIMER_100);
      // The TU answers within 3.5 s: only the final response goes out, never a 100.
      assertThat(wire(reliability, TimerConfig.defaults(), Map.of(1_000L, 180, 3_499L, 200),
          60_000)).containsExactly("3499 200");
    }
    Transaction overTcp = start(RELIABLE).transaction();
    assertThat(Rows.fired("F8.5", overTcp.on(tu(100))).effects()).startsWith(stop);
    Transaction overUdp = start(UNRELIABLE).transaction();
    assertThat(Rows.fired("F8.4", overUdp.on(tu(100))).transaction().runningTimers())
        .containsKey(TimerName.TIMER_100);
  }
}
