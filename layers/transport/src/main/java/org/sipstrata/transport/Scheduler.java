package org.sipstrata.transport;

import java.time.Duration;
import java.time.Instant;

/**
 * The stack's clock and timer service: every timer of every layer (Timer A..K of RFC 3261 §17,
 * connection idle timeouts, ...) is scheduled through it.
 *
 * <p>An implementation runs all its tasks on one thread, one at a time, in the order of their due
 * time and, for equal due times, in the order they were scheduled (DESIGN.md "Threading": protocol
 * logic runs on one event-loop thread, so the layers above need no locks). Two implementations:
 * {@link EventLoop} (wall-clock time, one thread) and {@link VirtualScheduler} (virtual time that a
 * test advances, deterministic).
 */
public interface Scheduler {

  /** The current time of this scheduler's clock; never goes backwards. */
  Instant now();

  /**
   * Runs {@code task} on the scheduler's thread once {@code delay} has passed on its clock. A zero
   * or negative delay means "as soon as possible, after the tasks already due".
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} on the scheduler's thread as soon as possible; safe to call from any thread. */
  default void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }
}
