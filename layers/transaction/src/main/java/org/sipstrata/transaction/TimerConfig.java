package org.sipstrata.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The three settings of the transaction layer: T1 (RTT estimate), T2 (maximum retransmit interval
 * for non-INVITE requests and INVITE responses) and T4 (maximum time a message stays in the
 * network). Every timer A..M is derived from them as RFC 3261 §17 and RFC 6026 say, and the
 * non-INVITE server's Timer 100 as RFC 4320 §4.1 says ({@link #timerEResetToT2}); nothing else is
 * configurable.
 *
 * @param t1 the RTT estimate, positive
 * @param t2 the retransmit interval cap, not below T1
 * @param t4 the network clearing time, not negative
 */
public record TimerConfig(Duration t1, Duration t2, Duration t4) {

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
  //# The default value for T1 is 500 ms.
  private static final Duration DEFAULT_T1 = Duration.ofMillis(500);

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
  //# The default value of T2 is 4s,
  private static final Duration DEFAULT_T2 = Duration.ofSeconds(4);

  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
  //# The default value of T4 is 5s.
  private static final Duration DEFAULT_T4 = Duration.ofSeconds(5);

  /** Timer D's floor: the client cannot know the server's T1. */
  private static final Duration TIMER_D_MINIMUM = Duration.ofSeconds(32);

  public TimerConfig {
    Objects.requireNonNull(t1);
    Objects.requireNonNull(t2);
    Objects.requireNonNull(t4);
    if (t1.isNegative() || t1.isZero()) {
      throw new IllegalArgumentException("T1 must be positive: " + t1);
    }
    if (t2.compareTo(t1) < 0) {
      throw new IllegalArgumentException("T2 must not be below T1: " + t2 + " < " + t1);
    }
    if (t4.isNegative()) {
      throw new IllegalArgumentException("T4 must not be negative: " + t4);
    }
  }

  /** T1 = 500 ms, T2 = 4 s, T4 = 5 s. */
  public static TimerConfig defaults() {
    return new TimerConfig(DEFAULT_T1, DEFAULT_T2, DEFAULT_T4);
  }

  /** 64*T1: Timers B, F, H, J (unreliable), L and M. */
  public Duration sixtyFourT1() {
    return t1.multipliedBy(64);
  }

  /**
   * The amount of time it takes a non-INVITE client transaction's Timer E to be reset to T2,
   * counted from the request's first transmission: Timer E fires after T1, 2*T1, 4*T1 ... and is
   * reset each time to the doubled interval capped at T2 ({@link #next}); the moment it is reset
   * to T2 is the sum of the intervals up to then. With the defaults (T1 = 500 ms, T2 = 4 s): 0.5 +
   * 1 + 2 = 3.5 s, when Timer E is reset to 4 s. The non-INVITE server transaction's {@link
   * TimerName#TIMER_100} runs this long; the server cannot know the client's T1 and T2 and uses
   * its own, as it does for Timers G and J.
   */
  //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
  //# An SIP element MUST NOT respond to a non-INVITE request with a
  //# Status-Code of 100 over any unreliable transport, such as UDP, before
  //# the amount of time it takes a client transaction's Timer E to be
  //# reset to T2.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
  //# If timer E fires while still in this state,
  //# the timer is reset, but this time with a value of MIN(2*T1, T2).
  //# When the timer fires again, it is reset to a MIN(4*T1, T2).
  public Duration timerEResetToT2() {
    Duration elapsed = Duration.ZERO;
    Duration interval = initial(TimerName.E, Reliability.UNRELIABLE);
    while (true) {
      elapsed = elapsed.plus(interval); // Timer E fires ...
      interval = next(TimerName.E, interval); // ... and is reset: T1 > 0 doubles to T2 at last.
      if (interval.compareTo(t2) == 0) {
        return elapsed;
      }
    }
  }

  /**
   * The value a timer is first set to when the state machine starts it. For A, E and G this is
   * the first retransmission interval; {@link #next} gives the following ones.
   */
  public Duration initial(TimerName timer, Reliability reliability) {
    boolean reliable = reliability == Reliability.RELIABLE;
    return switch (timer) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
      //# If an unreliable transport is being used, the client transaction
      //# MUST start timer A with a value of T1.
      case A -> t1;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
      //# For
      //# any transport, the client transaction MUST start timer B with a value
      //# of 64*T1 seconds (Timer B controls transaction timeouts).
      case B -> sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
      //# The client transaction MUST start Timer D when it enters the
      //# "Completed" state for any reason, with a value of at least 32
      //# seconds for unreliable transports, and a value of zero seconds for
      //# reliable transports.
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
      //# This is equal to Timer H in the
      //# INVITE server transaction, whose default is 64*T1,
      case D -> reliable ? Duration.ZERO : max(TIMER_D_MINIMUM, sixtyFourT1());
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
      //# If an
      //# unreliable transport is in use, the client transaction MUST set timer
      //# E to fire in T1 seconds.
      case E -> t1;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
      //# When entering this state, the client
      //# transaction SHOULD set timer F to fire in 64*T1 seconds.
      case F -> sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
      //# For unreliable transports,
      //# timer G is set to fire in T1 seconds, and is not set to fire for
      //# reliable transports.
      case G -> t1;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
      //# When the "Completed" state is entered, timer H MUST be set to fire in
      //# 64*T1 seconds for all transports.
      case H -> sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
      //# When this state is entered, timer I is set to fire in T4
      //# seconds for unreliable transports, and zero seconds for reliable
      //# transports.
      case I -> reliable ? Duration.ZERO : t4;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
      //# When the server transaction enters the "Completed" state, it MUST set
      //# Timer J to fire in 64*T1 seconds for unreliable transports, and zero
      //# seconds for reliable transports.
      case J -> reliable ? Duration.ZERO : sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
      //# Once the client transaction enters the "Completed" state, it MUST set
      //# Timer K to fire in T4 seconds for unreliable transports, and zero
      //# seconds for reliable transports.
      case K -> reliable ? Duration.ZERO : t4;
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.7
      //# When the INVITE server transaction enters the "Accepted" state,
      //# Timer L MUST be set to fire in 64*T1 for all transports.
      case L -> sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
      //# When a 2xx response is received while in either the "Calling" or
      //# "Proceeding" states, the client transaction MUST transition to the
      //# "Accepted" state, and Timer M MUST be started with a value of
      //# 64*T1.
      case M -> sixtyFourT1();
      //= https://www.rfc-editor.org/rfc/rfc4320#section-4.1
      //# Without regard to transport, an SIP element MUST respond to a non-
      //# INVITE request with a Status-Code of 100 if it has not otherwise
      //# responded after the amount of time it takes a client transaction's
      //# Timer E to be reset to T2.
      case TIMER_100 -> timerEResetToT2();
    };
  }

  /**
   * The interval after {@code current} for a retransmission timer that fired: Timer A doubles
   * without a cap (it is bounded by Timer B), Timers E and G double up to T2.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
  //# Whatever the value of T1, the exponential backoffs on retransmissions
  //# described in this section MUST be used.
  public Duration next(TimerName timer, Duration current) {
    Duration doubled = current.multipliedBy(2);
    return switch (timer) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2
      //# This process MUST continue so that the request is
      //# retransmitted with intervals that double after each transmission.
      case A -> doubled;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2
      //# This
      //# process continues so that retransmissions occur with an exponentially
      //# increasing interval that caps at T2.
      case E -> min(doubled, t2);
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1
      //# From then on, when
      //# timer G fires, the response is passed to the transport again for
      //# transmission, and timer G is reset with a value that doubles, unless
      //# that value exceeds T2, in which case it is reset with the value of
      //# T2.
      case G -> min(doubled, t2);
      default -> throw new IllegalArgumentException("Timer " + timer + " does not back off");
    };
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
