package org.sipstrata.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for tests and simulations: nothing runs until the owner calls
 * {@link #advance} or {@link #runDue}, and then due tasks run on the calling thread, in due-time
 * order, ties in the order they were scheduled. The same sequence of calls always gives the same
 * sequence of tasks, so Timer A..K of RFC 3261 §17 can be stepped through in microseconds of wall
 * time.
 *
 * <p>The clock moves only forward, and only inside {@code advance}: while a task runs, {@link #now}
 * is that task's due time. Scheduling from other threads is safe (a lock guards the queue); running
 * is the caller's thread. A task that throws propagates out of {@code advance}; it has been removed,
 * so the next call continues after it.
 */
public final class VirtualScheduler implements Scheduler {

  private record Task(Instant due, long sequence, Runnable action) {}

  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
  private Instant now;
  private long sequence;

  /** A scheduler whose clock starts at the Unix epoch. */
  public VirtualScheduler() {
    this(Instant.EPOCH);
  }

  /** A scheduler whose clock starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.now = Objects.requireNonNull(start);
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task);
    Task entry;
    synchronized (this) {
      Instant due = delay.isNegative() ? now : now.plus(delay);
      entry = new Task(due, sequence++, task);
      queue.add(entry);
    }
    return () -> {
      synchronized (this) {
        return queue.remove(entry);
      }
    };
  }

  /**
   * Moves the clock forward by {@code duration}, running every task that falls due on the way (also
   * those that the tasks themselves schedule within the window), each at its own due time.
   *
   * @return how many tasks ran
   */
  public int advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("virtual time does not go backwards: " + duration);
    }
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    int ran = 0;
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return ran;
        }
        queue.poll();
        now = next.due();
      }
      next.action().run();
      ran++;
    }
  }

  /** Runs the tasks due now (including those they schedule with no delay); the clock stays. */
  public int runDue() {
    return advance(Duration.ZERO);
  }

  /** Moves the clock to the next task's due time and runs the tasks due then; 0 if there are none. */
  public int advanceToNext() {
    Optional<Instant> next = nextDue();
    return next.map(due -> advance(Duration.between(now(), due))).orElse(0);
  }

  /** The number of tasks scheduled and not yet run or cancelled. */
  public synchronized int pending() {
    return queue.size();
  }

  /** When the earliest pending task is due. */
  public synchronized Optional<Instant> nextDue() {
    Task next = queue.peek();
    return next == null ? Optional.empty() : Optional.of(next.due());
  }
}
