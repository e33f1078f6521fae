package org.sipstrata.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real {@link Scheduler}: one platform thread that runs every task of the stack, in due-time
 * order (ties in submission order), on a monotonic clock (DESIGN.md "Threading").
 *
 * <p>Transports call {@link #execute} from their I/O threads to hand framed messages to the loop. A
 * task that throws does not stop the loop: the exception goes to the error handler given at
 * construction (by default the thread's uncaught-exception handler) and the next task runs. Tasks
 * scheduled after {@link #shutdown} are dropped.
 */
public final class EventLoop implements Scheduler, AutoCloseable {

  private final ScheduledThreadPoolExecutor executor;
  private final Consumer<Throwable> errorHandler;
  private final Instant origin;
  private final long originNanos;
  private volatile Thread thread;

  /** A loop whose thread is called {@code name}; task exceptions go to the uncaught handler. */
  public EventLoop(String name) {
    this(name, null);
  }

  /** A loop whose thread is called {@code name}; task exceptions go to {@code errorHandler}. */
  public EventLoop(String name, Consumer<Throwable> errorHandler) {
    Objects.requireNonNull(name);
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t = new Thread(runnable, name);
              t.setDaemon(true);
              thread = t;
              return t;
            });
    // Cancelled timers (most retransmission timers end cancelled) must not pile up in the queue.
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.errorHandler =
        errorHandler != null
            ? errorHandler
            : e -> {
              Thread t = Thread.currentThread();
              t.getUncaughtExceptionHandler().uncaughtException(t, e);
            };
    this.origin = Instant.now();
    this.originNanos = System.nanoTime();
  }

  /** Wall-clock time at construction plus the monotonic time elapsed since. */
  @Override
  public Instant now() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task);
    long nanos = Math.max(0, saturatedNanos(delay));
    ScheduledFuture<?> future;
    try {
      future = executor.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      // After shutdown, late events from I/O threads (connections closing) are dropped.
      return () -> false;
    }
    return () -> future.cancel(false);
  }

  /** Whether the calling thread is this loop's thread. */
  public boolean inEventLoop() {
    return Thread.currentThread() == thread;
  }

  /** Stops the loop: tasks not yet run are dropped; waits up to {@code timeout} for the running one. */
  public boolean shutdown(Duration timeout) throws InterruptedException {
    executor.shutdownNow();
    return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    try {
      shutdown(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        errorHandler.accept(e);
      }
    };
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException overflow) {
      return delay.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
