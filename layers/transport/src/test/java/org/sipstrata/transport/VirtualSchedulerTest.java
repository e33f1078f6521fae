package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VirtualScheduler: deterministic virtual time")
class VirtualSchedulerTest {

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final List<String> ran = new ArrayList<>();

  private Runnable record(String name) {
    return () -> ran.add(name + "@" + Duration.between(Instant.EPOCH, scheduler.now()).toMillis());
  }

  @Test
  @DisplayName("nothing runs until time is advanced; then tasks run in due-time order, each at its due time")
  void runsInDueTimeOrder() {
    scheduler.schedule(Duration.ofMillis(300), record("c"));
    scheduler.schedule(Duration.ofMillis(100), record("a"));
    scheduler.schedule(Duration.ofMillis(200), record("b"));
    assertThat(ran).isEmpty();

    assertThat(scheduler.advance(Duration.ofMillis(250))).isEqualTo(2);
    assertThat(ran).containsExactly("a@100", "b@200");
    assertThat(scheduler.now()).isEqualTo(Instant.EPOCH.plusMillis(250));

    scheduler.advance(Duration.ofMillis(50));
    assertThat(ran).containsExactly("a@100", "b@200", "c@300");
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  @DisplayName("tasks due at the same time run in the order they were scheduled")
  void tiesRunInSubmissionOrder() {
    for (int i = 0; i < 100; i++) {
      scheduler.schedule(Duration.ofSeconds(1), record("t" + i));
    }
    scheduler.advance(Duration.ofSeconds(1));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("t" + i + "@1000");
    }
    assertThat(ran).isEqualTo(expected);
  }

  @Test
  @DisplayName("a task scheduled by a task runs in the same advance when it falls within the window")
  void chainedTasksRunWithinTheWindow() {
    // Timer A of RFC 3261 §17.1.1.2 doubles: 500, 1000, 2000 ms after each firing.
    Duration[] interval = {Duration.ofMillis(500)};
    Runnable[] timerA = new Runnable[1];
    timerA[0] = () -> {
      record("A").run();
      interval[0] = interval[0].multipliedBy(2);
      scheduler.schedule(interval[0], timerA[0]);
    };
    scheduler.schedule(interval[0], timerA[0]);
    scheduler.advance(Duration.ofMillis(3500));
    assertThat(ran).containsExactly("A@500", "A@1500", "A@3500");
    assertThat(scheduler.nextDue()).contains(Instant.EPOCH.plusMillis(7500));
  }

  @Test
  @DisplayName("a cancelled task never runs, and cancel says whether it prevented the run")
  void cancelPreventsRun() {
    Cancellable a = scheduler.schedule(Duration.ofMillis(10), record("a"));
    Cancellable b = scheduler.schedule(Duration.ofMillis(20), record("b"));
    assertThat(a.cancel()).isTrue();
    assertThat(a.cancel()).isFalse();
    scheduler.advance(Duration.ofMillis(30));
    assertThat(ran).containsExactly("b@20");
    assertThat(b.cancel()).isFalse();
  }

  @Test
  @DisplayName("zero and negative delays run at the current time, after tasks already due")
  void zeroAndNegativeDelays() {
    scheduler.advance(Duration.ofMillis(40));
    scheduler.schedule(Duration.ZERO, record("zero"));
    scheduler.schedule(Duration.ofMillis(-5), record("negative"));
    scheduler.execute(record("execute"));
    assertThat(scheduler.runDue()).isEqualTo(3);
    assertThat(ran).containsExactly("zero@40", "negative@40", "execute@40");
  }

  @Test
  @DisplayName("advanceToNext jumps to the next due time; time never goes backwards")
  void advanceToNextAndNoBackwards() {
    scheduler.schedule(Duration.ofMinutes(32), record("timerB"));
    assertThat(scheduler.advanceToNext()).isEqualTo(1);
    assertThat(ran).containsExactly("timerB@1920000");
    assertThat(scheduler.advanceToNext()).isZero();
    assertThatThrownBy(() -> scheduler.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a task that throws propagates out of advance, and the next advance continues after it")
  void throwingTaskDoesNotCorruptTheQueue() {
    scheduler.schedule(Duration.ofMillis(1), () -> {
      throw new IllegalStateException("boom");
    });
    scheduler.schedule(Duration.ofMillis(2), record("after"));
    assertThatThrownBy(() -> scheduler.advance(Duration.ofMillis(5))).hasMessage("boom");
    assertThat(scheduler.now()).isEqualTo(Instant.EPOCH.plusMillis(1));
    scheduler.advance(Duration.ofMillis(4));
    assertThat(ran).containsExactly("after@2");
  }

  @Test
  @DisplayName("the same schedule gives the same trace: 10,000 seeded random timers, run twice")
  void deterministicUnderRandomSchedules() {
    assertThat(trace(42)).isEqualTo(trace(42)).hasSize(10_000 - cancelledCount(42));
    assertThat(trace(42)).isNotEqualTo(trace(43));
  }

  private static int cancelledCount(long seed) {
    Random random = new Random(seed);
    int cancelled = 0;
    for (int i = 0; i < 10_000; i++) {
      random.nextInt(1000);
      if (random.nextInt(10) == 0) {
        cancelled++;
      }
    }
    return cancelled;
  }

  private static List<String> trace(long seed) {
    VirtualScheduler s = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int id = i;
      Cancellable c = s.schedule(Duration.ofMillis(random.nextInt(1000)), () -> out.add(id + "@" + s.now()));
      if (random.nextInt(10) == 0) {
        c.cancel();
      }
    }
    s.advance(Duration.ofSeconds(1));
    // Due times never decrease along the trace.
    List<Instant> times = out.stream().map(t -> Instant.parse(t.substring(t.indexOf('@') + 1))).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).isAfterOrEqualTo(times.get(i - 1));
    }
    return out;
  }
}
