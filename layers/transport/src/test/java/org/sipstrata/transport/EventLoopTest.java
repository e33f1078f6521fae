package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EventLoop: one thread, real time")
class EventLoopTest {

  private final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
  private final EventLoop loop = new EventLoop("test-loop", errors::add);

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  @DisplayName("every task runs on the same single thread, the loop's")
  void oneThread() throws InterruptedException {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    AtomicBoolean allInLoop = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(1000);
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1000; i++) {
        pool.submit(() -> loop.execute(() -> {
          threads.add(Thread.currentThread());
          allInLoop.compareAndSet(true, loop.inEventLoop());
          done.countDown();
        }));
      }
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).hasSize(1);
    assertThat(threads.iterator().next().getName()).isEqualTo("test-loop");
    assertThat(allInLoop).isTrue();
    assertThat(loop.inEventLoop()).isFalse();
  }

  @Test
  @DisplayName("tasks submitted from one thread run in submission order")
  void fifo() throws InterruptedException {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 10_000; i++) {
      int n = i;
      loop.execute(() -> order.add(n));
    }
    loop.execute(done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).hasSize(10_000).isSorted();
  }

  @Test
  @DisplayName("delayed tasks run in due-time order, not before their delay")
  void delays() throws InterruptedException {
    LinkedBlockingQueue<String> ran = new LinkedBlockingQueue<>();
    Instant start = loop.now();
    loop.schedule(Duration.ofMillis(120), () -> ran.add("late"));
    loop.schedule(Duration.ofMillis(40), () -> ran.add("early"));
    assertThat(ran.poll(5, TimeUnit.SECONDS)).isEqualTo("early");
    assertThat(ran.poll(5, TimeUnit.SECONDS)).isEqualTo("late");
    assertThat(Duration.between(start, loop.now())).isGreaterThanOrEqualTo(Duration.ofMillis(120));
  }

  @Test
  @DisplayName("a cancelled task does not run")
  void cancel() throws InterruptedException {
    AtomicBoolean ran = new AtomicBoolean();
    Cancellable c = loop.schedule(Duration.ofMillis(100), () -> ran.set(true));
    assertThat(c.cancel()).isTrue();
    CountDownLatch after = new CountDownLatch(1);
    loop.schedule(Duration.ofMillis(200), after::countDown);
    assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isFalse();
    assertThat(c.cancel()).isFalse();
  }

  @Test
  @DisplayName("a task that throws goes to the error handler and the loop keeps running")
  void exceptionsDoNotStopTheLoop() throws InterruptedException {
    loop.execute(() -> {
      throw new IllegalStateException("boom");
    });
    CountDownLatch next = new CountDownLatch(1);
    loop.execute(next::countDown);
    assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(errors.poll(5, TimeUnit.SECONDS)).hasMessage("boom");
  }

  @Test
  @DisplayName("now() never goes backwards")
  void monotonic() {
    Instant previous = loop.now();
    for (int i = 0; i < 100_000; i++) {
      Instant now = loop.now();
      assertThat(now).isAfterOrEqualTo(previous);
      previous = now;
    }
  }

  @Test
  @DisplayName("after shutdown, pending tasks are dropped")
  void shutdownDropsPending() throws InterruptedException {
    AtomicBoolean ran = new AtomicBoolean();
    loop.schedule(Duration.ofMillis(200), () -> ran.set(true));
    assertThat(loop.shutdown(Duration.ofSeconds(5))).isTrue();
    Thread.sleep(300);
    assertThat(ran).isFalse();
  }
}
