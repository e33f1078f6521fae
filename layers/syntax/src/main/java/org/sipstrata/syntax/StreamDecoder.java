package org.sipstrata.syntax;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.internal.MessageFramer;

/**
 * Incremental framing for stream-oriented transports (TCP, TLS): octets go in as they arrive, in
 * chunks of any size, and framed messages come out (RFC 3261 §7.5, §18.3, §20.14).
 *
 * <pre>{@code
 * StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
 * decoder.feed(chunk, 0, n);
 * for (FramingResult r = decoder.next(); !(r instanceof FramingResult.NeedMore); r = decoder.next()) {
 *   switch (r) {
 *     case FramingResult.Framed f -> deliver(f.message());
 *     case FramingResult.Failed e -> { close(e.error()); return; }
 *     case FramingResult.NeedMore m -> {}
 *   }
 * }
 * }</pre>
 *
 * <p>Where a message ends is decided by Content-Length alone, so the result does not depend on how
 * the octets were split into chunks. CRLFs between messages (keep-alives) are skipped. After a
 * framing error the decoder stays failed and {@link #next()} returns that error again: the stream's
 * framing is lost and the connection is to be closed. Not thread-safe; one decoder per connection.
 */
public final class StreamDecoder {

  /** What to do with a message on the stream that has no Content-Length. */
  public enum MissingContentLength {
    /** A framing error, as §18.3 requires Content-Length on streams (the default). */
    REJECT,
    /**
     * Frame it with an empty body and report {@link MessageFact.Kind#CONTENT_LENGTH_ABSENT}: a
     * lenient policy for recorded traces whose bodiless messages omit the header.
     */
    ASSUME_ZERO
  }

  private final MessageFramer framer;
  private final ArrayDeque<FramingResult> ready = new ArrayDeque<>();
  private FramingResult.Failed failed;

  /** A decoder with the given limits that rejects messages without Content-Length. */
  public StreamDecoder(SyntaxLimits limits) {
    this(limits, MissingContentLength.REJECT);
  }

  public StreamDecoder(SyntaxLimits limits, MissingContentLength policy) {
    this.framer =
        new MessageFramer(MessageFramer.Mode.STREAM, Objects.requireNonNull(limits),
            policy == MissingContentLength.ASSUME_ZERO);
  }

  /**
   * Takes the next octets of the stream and frames what it can at once; only an incomplete message
   * is buffered. After a failure further octets are discarded.
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    framer.decode(bytes, offset, length, result -> {
      if (result instanceof FramingResult.Failed f) {
        failed = f;
      }
      ready.add(result);
    });
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /**
   * The next result: a framed message, the failure (again and again once failed), or
   * {@code NeedMore} when the octets so far end inside a message or between messages.
   */
  public FramingResult next() {
    FramingResult result = ready.poll();
    if (result != null) {
      return result;
    }
    return failed != null ? failed : new FramingResult.NeedMore();
  }

  /**
   * The peer closed the stream: an error if it ended inside a message (and the decoder is then
   * failed), empty if it ended between messages.
   */
  public Optional<SyntaxError> endOfStream() {
    Optional<SyntaxError> error = framer.endOfStream();
    error.ifPresent(e -> failed = new FramingResult.Failed(e));
    return error;
  }

  /** Where the decoder is: between messages, in a start line, headers, body, or failed. */
  public FramingState state() {
    return framer.state();
  }

  /** Whether a framing error has been reported; the connection should then be closed. */
  public boolean isFailed() {
    return failed != null;
  }
}
