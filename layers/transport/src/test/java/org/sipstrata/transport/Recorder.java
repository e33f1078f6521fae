package org.sipstrata.transport;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A listener that records what the transport passes up; waits are bounded. */
final class Recorder implements TransportListener {

  static final Duration WAIT = Duration.ofSeconds(10);

  final LinkedBlockingQueue<IncomingMessage> messages = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
  private volatile Consumer<IncomingMessage> handler = m -> {};

  void onEachMessage(Consumer<IncomingMessage> handler) {
    this.handler = handler;
  }

  @Override
  public void onMessage(IncomingMessage message) {
    messages.add(message);
    handler.accept(message);
  }

  @Override
  public void onError(TransportError error) {
    errors.add(error);
  }

  IncomingMessage next() throws InterruptedException {
    IncomingMessage m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      fail("no message within " + WAIT + "; errors: " + errors);
    }
    return m;
  }

  /** The next error of this kind, skipping others; fails after {@link #WAIT}. */
  TransportError nextError(TransportError.Kind kind) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      TransportError e = errors.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e != null && e.kind() == kind) {
        return e;
      }
    }
    return fail("no " + kind + " within " + WAIT);
  }
}
