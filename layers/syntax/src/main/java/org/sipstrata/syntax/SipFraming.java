package org.sipstrata.syntax;

import org.sipstrata.syntax.internal.MessageFramer;

/**
 * Framing for message-oriented transports (UDP): one datagram, one message (RFC 3261 §7.5, §18.3).
 * For stream-oriented transports see {@link StreamDecoder}.
 *
 * <p>Leading CRLFs are skipped (§7.5). The body is Content-Length octets; octets after it are
 * discarded and reported ({@link MessageFact.Kind#TRAILING_OCTETS_DISCARDED}); a datagram shorter
 * than Content-Length is a {@link SyntaxError.Kind#TRUNCATED_BODY} error. Without Content-Length,
 * or with several that disagree (RFC 4475 §3.3.9), the body is the rest of the datagram and a fact
 * says so.
 */
public final class SipFraming {

  private SipFraming() {}

  /** Frames one datagram with the default limits; the result is {@code Framed} or {@code Failed}. */
  public static FramingResult datagram(byte[] datagram) {
    return datagram(datagram, 0, datagram.length, SyntaxLimits.defaults());
  }

  /** Frames one datagram; the result is {@code Framed} or {@code Failed}, never {@code NeedMore}. */
  public static FramingResult datagram(byte[] datagram, int offset, int length, SyntaxLimits limits) {
    java.util.Objects.checkFromIndexSize(offset, length, datagram.length);
    // The common case in one pass; whatever it declines, errors included, the state machine frames.
    FramingResult framed = DatagramFraming.frame(datagram, offset, length, limits);
    return framed != null ? framed : byStateMachine(datagram, offset, length, limits);
  }

  /** The datagram framed by the state machine alone: the reference {@link DatagramFraming} meets. */
  static FramingResult byStateMachine(byte[] datagram, int offset, int length, SyntaxLimits limits) {
    return new MessageFramer(MessageFramer.Mode.DATAGRAM, limits, false)
        .datagram(datagram, offset, length);
  }
}
