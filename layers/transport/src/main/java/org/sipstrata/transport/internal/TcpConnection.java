package org.sipstrata.transport.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.FramingState;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.StreamDecoder;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.SyntaxLimits;
import org.sipstrata.transport.Connection;

/**
 * One TCP connection: a reader and a writer, each on its own virtual thread. The reader frames the
 * stream with the syntax layer's {@link StreamDecoder} and hands each message to {@link Events};
 * the writer drains a bounded queue. The reader also enforces the idle and partial-message timeouts
 * (it wakes up at least every {@code tick} to check them).
 */
public final class TcpConnection {

  /** What a connection reports; called on its reader thread. */
  public interface Events {
    void message(TcpConnection connection, FramingResult.Framed framed);

    /**
     * The stream could not be framed; the connection will close. {@code request} is the request the
     * failed message began with, when its header section could be read, so it can be answered.
     */
    void framingError(TcpConnection connection, SyntaxError error, Optional<SipRequest> request);

    void closed(TcpConnection connection, String reason);
  }

  /** Settings of one connection. */
  public record Limits(
      SyntaxLimits syntax, Duration idleTimeout, Duration partialMessageTimeout, int maxQueued) {}

  /** Octets to write; then, if {@code closeAfter}, close (after a linger, if {@code linger}). */
  private record Outgoing(byte[] octets, boolean closeAfter, boolean linger) {}

  private static final int CHUNK = 16 * 1024;

  private final Socket socket;
  private final Connection handle;
  private final Limits limits;
  private final Events events;
  private final BlockingQueue<Outgoing> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  private volatile long lastActivity = System.nanoTime();

  public TcpConnection(Socket socket, Connection handle, Limits limits, Events events) {
    this.socket = socket;
    this.handle = handle;
    this.limits = limits;
    this.events = events;
    this.queue = new ArrayBlockingQueue<>(limits.maxQueued());
  }

  public Connection handle() {
    return handle;
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /** Starts the reader and writer threads. */
  public void start() {
    Thread.ofVirtual().name("strata-tcp-read-" + handle.id()).start(this::readLoop);
    Thread.ofVirtual().name("strata-tcp-write-" + handle.id()).start(this::writeLoop);
  }

  /** Queues octets for writing; false if the connection is closed or its queue is full. */
  public boolean send(byte[] octets) {
    return isOpen() && queue.offer(new Outgoing(octets, false, false));
  }

  /** Closes the connection now, dropping anything not yet written. */
  public void close(String reason) {
    if (closed.compareAndSet(false, true)) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a socket that is already broken; nothing more to release.
      }
      queue.clear();
      queue.offer(new Outgoing(new byte[0], true, false));
      closedFuture.complete(null);
      events.closed(this, reason);
    }
  }

  private void readLoop() {
    StreamDecoder decoder = new StreamDecoder(limits.syntax());
    PendingOctets pending = new PendingOctets(limits.syntax().maxMessageSize() + CHUNK);
    long idleNanos = limits.idleTimeout().toNanos();
    long partialNanos = limits.partialMessageTimeout().toNanos();
    long tickMillis = Math.max(1, Math.min(limits.idleTimeout().toMillis(),
        limits.partialMessageTimeout().toMillis()) / 4);
    long partialSince = -1;
    byte[] chunk = new byte[CHUNK];
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, tickMillis));
      InputStream in = socket.getInputStream();
      while (isOpen()) {
        int n;
        try {
          n = in.read(chunk);
        } catch (SocketTimeoutException timeout) {
          n = 0;
        }
        long now = System.nanoTime();
        if (n < 0) {
          Optional<SyntaxError> cut = decoder.endOfStream();
          if (cut.isPresent()) {
            events.framingError(this, cut.get(), Optional.empty());
          }
          close("closed by the peer");
          return;
        }
        if (n > 0) {
          lastActivity = now;
          pending.append(chunk, 0, n);
          decoder.feed(chunk, 0, n);
          if (!drain(decoder, pending)) {
            return;
          }
          if (decoder.state() == FramingState.SKIP_CONTROL_CHARS) {
            partialSince = -1;
          } else if (partialSince < 0) {
            partialSince = now;
          }
        }
        if (partialSince >= 0 && now - partialSince > partialNanos) {
          close("a partial message was not completed within " + limits.partialMessageTimeout());
          return;
        }
        if (now - lastActivity > idleNanos) {
          close("idle for " + limits.idleTimeout());
          return;
        }
      }
    } catch (IOException e) {
      close("read failed: " + e.getMessage());
    } catch (RuntimeException e) {
      // A bug above must not leave a connection open with nobody reading it.
      close("closed after an internal error: " + e);
    }
  }

  /** Hands every framed message up; false once framing failed (the connection is then closing). */
  private boolean drain(StreamDecoder decoder, PendingOctets pending) {
    for (FramingResult r = decoder.next(); !(r instanceof FramingResult.NeedMore); r = decoder.next()) {
      switch (r) {
        case FramingResult.Framed framed -> {
          pending.consumed(framed.octets());
          events.message(this, framed);
        }
        case FramingResult.Failed failed -> {
          events.framingError(this, failed.error(), pending.salvageRequest(limits.syntax()));
          return false;
        }
        case FramingResult.NeedMore needMore -> {
          // Unreachable: the loop condition stops at NeedMore.
        }
      }
    }
    return true;
  }

  /** Writes {@code octets} (if any) and then closes: the answer to a stream that cannot be framed. */
  public void sendAndClose(Optional<byte[]> octets) {
    if (octets.isEmpty() || !isOpen()) {
      close("the stream could not be framed");
      return;
    }
    if (!queue.offer(new Outgoing(octets.get(), true, true))) {
      close("the stream could not be framed");
    }
  }

  /**
   * Writes what is queued, then closes; completes when the connection is closed. For an orderly
   * shutdown: nothing already sent is lost.
   */
  public CompletableFuture<Void> closeAfterFlush() {
    if (isOpen() && !queue.offer(new Outgoing(new byte[0], true, false))) {
      close("the transport is closed");
    }
    return closedFuture;
  }

  private void writeLoop() {
    try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK)) {
      while (true) {
        Outgoing next = queue.take();
        if (!isOpen()) {
          return;
        }
        out.write(next.octets());
        // Batch what is already queued into one flush: pipelined responses leave in few segments.
        while (!next.closeAfter() && (next = queue.poll()) != null) {
          out.write(next.octets());
          if (next.closeAfter()) {
            break;
          }
        }
        out.flush();
        lastActivity = System.nanoTime();
        if (next != null && next.closeAfter()) {
          if (next.linger()) {
            lingerAndClose();
          } else {
            close("the transport is closed");
          }
          return;
        }
      }
    } catch (IOException e) {
      close("write failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("interrupted");
    }
  }

  /**
   * Sends FIN after the last octets and discards input for a moment before closing, so that the
   * peer reads the answer rather than a reset caused by its own unread octets.
   */
  private void lingerAndClose() {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(200);
      InputStream in = socket.getInputStream();
      byte[] discard = new byte[CHUNK];
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < deadline && in.read(discard) >= 0) {
        // Discarding until the peer closes or the second is over.
      }
    } catch (IOException ignored) {
      // The peer is gone already: nothing left to protect.
    }
    close("closed after a framing error");
  }
}
