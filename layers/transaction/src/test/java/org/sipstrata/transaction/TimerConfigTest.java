package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipstrata.transaction.Reliability.RELIABLE;
import static org.sipstrata.transaction.Reliability.UNRELIABLE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Appendix A (Table 4) and RFC 6026 §8.11: every timer from T1, T2 and T4. */
class TimerConfigTest {

  static final TimerConfig DEFAULTS = TimerConfig.defaults();

  @Test
  @DisplayName("the defaults are T1 = 500 ms, T2 = 4 s, T4 = 5 s")
  void defaults() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# The default value for T1 is 500 ms.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# The default value of T4 is 5s.
    assertThat(DEFAULTS).isEqualTo(new TimerConfig(
        Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5)));
  }

  @ParameterizedTest(name = "Timer {0}: {1} ms over UDP, {2} ms over TCP")
  @CsvSource({
      "A, 500, 500", "B, 32000, 32000", "D, 32000, 0", "E, 500, 500", "F, 32000, 32000",
      "G, 500, 500", "H, 32000, 32000", "I, 5000, 0", "J, 32000, 0", "K, 5000, 0",
      "L, 32000, 32000", "M, 32000, 32000", "TIMER_100, 3500, 3500"})
  @DisplayName("each timer's value with the default T1, T2, T4 (Table 4)")
  void table4(TimerName timer, long unreliable, long reliable) {
    //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
    //= type=test
    //# The client transaction MUST start Timer D when it enters the
    //# "Completed" state for any reason, with a value of at least 32
    //# seconds for unreliable transports, and a value of zero seconds for
    //# reliable transports.
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
    //= type=test
    //# When the server transaction enters the "Completed" state, it MUST set
    //# Timer J to fire in 64*T1 seconds for unreliable transports, and zero
    //# seconds for reliable transports.
    assertThat(DEFAULTS.initial(timer, UNRELIABLE).toMillis()).isEqualTo(unreliable);
    assertThat(DEFAULTS.initial(timer, RELIABLE).toMillis()).isEqualTo(reliable);
  }

  @Test
  @DisplayName("with T1 = 2 s (a high-latency link) B, F, H, J, L, M are 128 s and Timer D follows 64*T1 above 32 s")
  void largerT1() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# T1 MAY be
    //# chosen larger, and this is RECOMMENDED if it is known in advance
    //# (such as on high latency access links) that the RTT is larger.
    TimerConfig slow = new TimerConfig(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(5));
    for (TimerName t : List.of(TimerName.B, TimerName.F, TimerName.H, TimerName.J, TimerName.L,
        TimerName.M, TimerName.D)) {
      assertThat(slow.initial(t, UNRELIABLE)).as("Timer %s", t).isEqualTo(Duration.ofSeconds(128));
    }
    TimerConfig fast = new TimerConfig(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(5));
    assertThat(fast.initial(TimerName.D, UNRELIABLE)).isEqualTo(Duration.ofSeconds(32));
    assertThat(fast.initial(TimerName.B, UNRELIABLE)).isEqualTo(Duration.ofMillis(6400));
  }

  @Test
  @DisplayName("with T1 = 2 s and T2 = 8 s the INVITE and non-INVITE retransmissions still back off: A at 4, 8, 16 s; E at 4, 8, 8 s")
  void backoffWithLargerT1() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# Whatever the value of T1, the exponential backoffs on retransmissions
    //# described in this section MUST be used.
    TimerConfig slow = new TimerConfig(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(5));
    assertThat(retransmissions(Machine.INVITE_CLIENT, Messages.invite(), slow, TimerName.A, 3))
        .containsExactly(4000L, 8000L, 16000L);
    assertThat(retransmissions(Machine.NON_INVITE_CLIENT, Messages.options(), slow, TimerName.E, 3))
        .containsExactly(4000L, 8000L, 8000L);
  }

  /** The interval each firing of {@code timer} sets, for {@code n} firings from the start. */
  private static List<Long> retransmissions(Machine machine, org.sipstrata.syntax.SipRequest request,
      TimerConfig timers, TimerName timer, int n) {
    Transaction t = Transaction.start(machine, request, UNRELIABLE, timers).transaction();
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Step step = t.on(new Event.TimerFired(timer));
      assertThat(step.effects()).first().isInstanceOf(Effect.SendRequest.class);
      out.add(step.effects().stream()
          .filter(e -> e instanceof Effect.StartTimer s && s.timer() == timer)
          .map(e -> ((Effect.StartTimer) e).after().toMillis()).findFirst().orElseThrow());
      t = step.transaction();
    }
    return out;
  }

  @Test
  @DisplayName("Timer A doubles without a cap; Timers E and G double up to T2")
  void backoff() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
    //= type=test
    //# This
    //# process continues so that retransmissions occur with an exponentially
    //# increasing interval that caps at T2.
    assertThat(sequence(TimerName.A, 8)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L,
        32000L, 64000L);
    assertThat(sequence(TimerName.E, 7)).containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L,
        4000L);
    assertThat(sequence(TimerName.G, 7)).containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L,
        4000L);
    assertThatThrownBy(() -> DEFAULTS.next(TimerName.B, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("seven INVITEs fit in 64*T1 over UDP: sent at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s")
  void sevenRequests() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
    //= type=test
    //# The
    //# value of 64*T1 is equal to the amount of time required to send seven
    //# requests in the case of an unreliable transport.
    long at = 0;
    List<Long> sends = new ArrayList<>(List.of(0L));
    Duration interval = DEFAULTS.initial(TimerName.A, UNRELIABLE);
    while (at + interval.toMillis() < DEFAULTS.initial(TimerName.B, UNRELIABLE).toMillis()) {
      at += interval.toMillis();
      sends.add(at);
      interval = DEFAULTS.next(TimerName.A, interval);
    }
    assertThat(sends).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
  }

  @ParameterizedTest(name = "T1 = {0} ms, T2 = {1} ms: Timer E reset to T2 at {2} ms")
  @CsvSource({"500, 4000, 3500", "100, 1000, 1500", "2000, 4000, 2000", "500, 700, 500",
      "1000, 1000, 1000", "250, 8000, 7750"})
  @DisplayName("Timer 100 is the time a non-INVITE client's Timer E takes to be reset to T2, read off the client machine itself")
  void timer100(long t1, long t2, long expected) {
    //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
    //= type=test
    //# An SIP element MUST NOT respond to a non-INVITE request with a
    //# Status-Code of 100 over any unreliable transport, such as UDP, before
    //# the amount of time it takes a client transaction's Timer E to be
    //# reset to T2.
    TimerConfig config = new TimerConfig(Duration.ofMillis(t1), Duration.ofMillis(t2),
        Duration.ofSeconds(5));
    // Run a non-INVITE client over UDP in virtual time until a firing of Timer E resets it to T2.
    Step step = Transaction.start(Machine.NON_INVITE_CLIENT, Messages.options(), UNRELIABLE, config);
    long now = 0;
    long resetToT2 = -1;
    while (resetToT2 < 0) {
      now += step.transaction().runningTimers().get(TimerName.E).toMillis();
      step = step.transaction().on(new Event.TimerFired(TimerName.E));
      if (step.effects().contains(new Effect.StartTimer(TimerName.E, config.t2()))) {
        resetToT2 = now;
      }
    }
    assertThat(resetToT2).isEqualTo(expected);
    assertThat(config.timerEResetToT2()).isEqualTo(Duration.ofMillis(expected));
    assertThat(config.initial(TimerName.TIMER_100, UNRELIABLE)).isEqualTo(Duration.ofMillis(expected));
    assertThat(config.initial(TimerName.TIMER_100, RELIABLE)).isEqualTo(Duration.ofMillis(expected));
  }

  @Test
  @DisplayName("T1 must be positive and T2 not below T1")
  void invalid() {
    assertThatThrownBy(() -> new TimerConfig(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimerConfig(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimerConfig(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> sequence(TimerName timer, int n) {
    List<Long> out = new ArrayList<>();
    Duration d = DEFAULTS.initial(timer, UNRELIABLE);
    for (int i = 0; i < n; i++) {
      out.add(d.toMillis());
      d = DEFAULTS.next(timer, d);
    }
    return out;
  }
}
