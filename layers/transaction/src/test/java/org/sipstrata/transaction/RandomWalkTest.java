package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipResponse;

/**
 * Seeded random event sequences in virtual time: a small driver keeps the timers the effects
 * start and stop and fires them at their due time. However the events come, the machine never
 * throws, the TU never sees what the RFC forbids, and once the outside world falls silent the
 * transaction reaches "Terminated" within the longest timer the RFC gives it.
 */
class RandomWalkTest {

  static final int WALKS = 1_000;
  static final List<TimerConfig> CONFIGS = List.of(TimerConfig.defaults(),
      new TimerConfig(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2)));

  /** The driver's side: virtual time and the timers it was told to run. */
  static final class Driver {
    long now;
    final Map<TimerName, Long> due = new EnumMap<>(TimerName.class);
    int nonSuccessFinalsToTu;
    int successesToTu;
    int finalsToTu;
    final Set<SipResponse> distinctFinalsSent = new HashSet<>();
    final Set<SipResponse> distinctNonSuccessSent = new HashSet<>();
    boolean terminated;

    void execute(Step step) {
      for (Effect effect : step.effects()) {
        switch (effect) {
          case Effect.StartTimer s -> due.put(s.timer(), now + s.after().toMillis());
          case Effect.StopTimer s -> due.remove(s.timer());
          case Effect.Terminate t -> terminated = true;
          case Effect.PassToTu p -> count(p.message());
          case Effect.SendResponse s -> {
            if (s.response().statusCode() >= 200) {
              distinctFinalsSent.add(s.response());
            }
            if (s.response().statusCode() >= 300) {
              distinctNonSuccessSent.add(s.response());
            }
          }
          case Effect.SendRequest s -> { }
          case Effect.InformTu i -> { }
        }
      }
    }

    private void count(SipMessage message) {
      if (message instanceof SipResponse r && r.statusCode() >= 200) {
        finalsToTu++;
        if (r.statusCode() < 300) {
          successesToTu++;
        } else {
          nonSuccessFinalsToTu++;
        }
      }
    }

    /** Advances virtual time to the earliest timer and returns it. */
    TimerName advance() {
      TimerName next = due.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
      now = due.remove(next);
      return next;
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("random events then silence: no exception, nothing forbidden reaches the TU, Terminated within the RFC's bound")
  void walks(Machine machine) {
    for (TimerConfig config : CONFIGS) {
      for (Reliability reliability : Reliability.values()) {
        for (long seed = 0; seed < WALKS; seed++) {
          try {
            walk(machine, config, reliability, seed);
          } catch (AssertionError | RuntimeException e) {
            fail("seed " + seed + " (" + machine + ", " + reliability + ", " + config + ")", e);
          }
        }
      }
    }
  }

  static void walk(Machine machine, TimerConfig config, Reliability reliability, long seed) {
    Random random = new Random(seed);
    var request = Messages.requestFor(machine);
    List<Event> events = TotalityTest.allEvents(request);
    Driver driver = new Driver();
    Step step = Transaction.start(machine, request, reliability, config);
    driver.execute(step);
    Transaction t = step.transaction();
    int steps = random.nextInt(40);
    for (int i = 0; i < steps && !driver.terminated; i++) {
      Event event;
      if (!driver.due.isEmpty() && random.nextInt(3) == 0) {
        event = new Event.TimerFired(driver.advance());
      } else {
        event = events.get(random.nextInt(events.size()));
        if (event instanceof Event.TimerFired fired) {
          driver.due.remove(fired.timer());
        }
      }
      step = t.on(event);
      driver.execute(step);
      t = step.transaction();
      invariants(machine, driver);
    }
    // The outside world's last word: a server's TU answers, a ringing INVITE client hears a final
    // response (RFC 3261 leaves those to the TU and the far end; no timer covers them).
    if (!driver.terminated) {
      Event last = null;
      int finalStatus = List.of(200, 486, 603).get(random.nextInt(3));
      if (!machine.isClient() && (t.state() == State.TRYING || t.state() == State.PROCEEDING)) {
        last = new Event.ResponseFromTu(Messages.response(request, finalStatus));
      } else if (machine == Machine.INVITE_CLIENT && t.state() == State.PROCEEDING) {
        last = new Event.ResponseFromTransport(Messages.response(request, finalStatus));
      }
      if (last != null) {
        step = t.on(last);
        driver.execute(step);
        t = step.transaction();
      }
    }
    long silentFrom = driver.now;
    while (!driver.terminated && !driver.due.isEmpty()) {
      step = t.on(new Event.TimerFired(driver.advance()));
      driver.execute(step);
      t = step.transaction();
      invariants(machine, driver);
    }
    assertThat(t.state()).isEqualTo(State.TERMINATED);
    assertThat(driver.terminated).isTrue();
    long bound = Math.max(config.sixtyFourT1().toMillis(),
        Math.max(config.initial(TimerName.D, reliability).toMillis(), config.t4().toMillis()));
    assertThat(driver.now - silentFrom).isLessThanOrEqualTo(bound);
  }

  static void invariants(Machine machine, Driver driver) {
    switch (machine) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.1
      //= type=test
      //# The result is that only a single 2xx
      //# response to a non-INVITE is ever delivered to a UAC.
      case NON_INVITE_CLIENT -> assertThat(driver.finalsToTu).isLessThanOrEqualTo(1);
      //= https://www.rfc-editor.org/rfc/rfc6026#section-8.4
      //= type=test
      //# Any retransmissions of a response with status code 300-699 that
      //# are received while in the "Completed" state MUST cause the ACK to
      //# be re-passed to the transport layer for retransmission, but the
      //# newly received response MUST NOT be passed up to the TU.
      case INVITE_CLIENT -> {
        assertThat(driver.nonSuccessFinalsToTu).isLessThanOrEqualTo(1);
        assertThat(driver.nonSuccessFinalsToTu == 0 || driver.successesToTu == 0).isTrue();
      }
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
      //= type=test
      //# Any other final responses passed by the TU to the server
      //# transaction MUST be discarded while in the "Completed" state.
      case NON_INVITE_SERVER -> assertThat(driver.distinctFinalsSent).hasSizeLessThanOrEqualTo(1);
      // The INVITE server sends every 2xx the TU passes (RFC 6026), but one non-2xx at most.
      case INVITE_SERVER -> {
        assertThat(driver.distinctNonSuccessSent).hasSizeLessThanOrEqualTo(1);
        assertThat(driver.distinctNonSuccessSent.isEmpty()
            || driver.distinctFinalsSent.equals(driver.distinctNonSuccessSent)).isTrue();
      }
    }
  }
}
