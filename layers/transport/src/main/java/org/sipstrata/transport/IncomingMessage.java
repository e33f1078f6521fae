package org.sipstrata.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.MessageFact;
import org.sipstrata.syntax.SipMessage;

/**
 * A message the transport layer received and passes up, with where it came from.
 *
 * <p>A request has already had its top Via stamped with {@code received} and {@code rport} (RFC 3261
 * §18.2.1, RFC 3581 §4); a response has passed the {@code sent-by} check of RFC 3261 §18.1.2. To
 * answer a request, give this value back to {@link SipTransport#sendResponse}: it remembers the
 * connection and the local address the request arrived on (RFC 3581 §4 sends the response from
 * there).
 *
 * @param message the framed message
 * @param transport the transport it arrived over
 * @param source the packet source address (the far end)
 * @param destination the local address it arrived on
 * @param connection the connection, for reliable transports
 * @param facts what framing noticed ({@link MessageFact})
 */
public record IncomingMessage(
    SipMessage message,
    Transport transport,
    TransportAddress source,
    TransportAddress destination,
    Optional<Connection> connection,
    List<MessageFact> facts) {

  public IncomingMessage {
    Objects.requireNonNull(message);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(source);
    Objects.requireNonNull(destination);
    Objects.requireNonNull(connection);
    facts = List.copyOf(facts);
  }
}
