package org.sipstrata.transport;

import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SyntaxError;

/**
 * A transport event reported up to the {@link TransportListener} (RFC 3261 §18.4: "inform the
 * transport user of a failure in sending"), and the events of input this layer dropped.
 *
 * @param kind what happened
 * @param transport over which transport
 * @param remote the far end, when known
 * @param message the message that could not be sent or was discarded, when there is one
 * @param syntaxError the framing error, for {@link Kind#DATAGRAM_DROPPED} and {@link
 *     Kind#STREAM_FRAMING_ERROR}
 * @param detail one sentence for people
 */
public record TransportError(
    Kind kind,
    Transport transport,
    Optional<TransportAddress> remote,
    Optional<SipMessage> message,
    Optional<SyntaxError> syntaxError,
    String detail) {

  public TransportError {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(remote);
    Objects.requireNonNull(message);
    Objects.requireNonNull(syntaxError);
    Objects.requireNonNull(detail);
  }

  /** The kinds of transport event. */
  public enum Kind {
    /** A message could not be sent: no route, socket error, ICMP unreachable (§18.4). */
    SEND_FAILED,
    /** A connection to the destination could not be opened (§18.4). */
    CONNECT_FAILED,
    /** A datagram could not be framed and was dropped; nothing else is affected (§18.3). */
    DATAGRAM_DROPPED,
    /** The octets of a stream could not be framed; that connection was closed (§18.3). */
    STREAM_FRAMING_ERROR,
    /** A response's top Via {@code sent-by} is not one this transport inserts (§18.1.2). */
    RESPONSE_DISCARDED,
    /** A request's top Via could not be read, so it cannot be stamped or answered by §18.2.2. */
    REQUEST_DISCARDED,
    /** A connection was closed: by the peer, idle, a partial message too slow, or a limit. */
    CONNECTION_CLOSED,
    /** A connection was refused because the connection limit was reached. */
    CONNECTION_REFUSED
  }
}
