package org.sipstrata.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * Where RFC 3261 §18.2.2 (with RFC 3581 §4) says a response goes, decided from the top Via of the
 * response and the connection its request arrived on.
 *
 * @param rule which rule of §18.2.2 decided
 * @param transport the transport of the Via {@code sent-protocol}
 * @param host the destination host: an IP address literal (IPv6 without brackets) or, for {@link
 *     Rule#SENT_BY} and {@link Rule#NEW_CONNECTION} without {@code received}, a host name to resolve
 * @param port the destination port
 * @param connection for {@link Rule#SAME_CONNECTION}, the connection to write on
 */
public record ResponseRoute(
    Rule rule, Transport transport, String host, int port, Optional<Connection> connection) {

  public ResponseRoute {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(host);
    Objects.requireNonNull(connection);
  }

  /** The rules of §18.2.2 in the order they are tried, with the step RFC 3581 §4 inserts. */
  public enum Rule {
    /** Bullet 1: reliable transport, the request's connection is still open. */
    SAME_CONNECTION,
    /** Bullet 1: reliable transport, that connection is closed: open one to received (or sent-by). */
    NEW_CONNECTION,
    /** Bullet 2: the Via has {@code maddr}. */
    MADDR,
    /** RFC 3581 §4: unreliable, {@code received} and {@code rport} with a value. */
    RECEIVED_RPORT,
    /** Bullet 3: unreliable, {@code received}. */
    RECEIVED,
    /** Bullet 4: not receiver-tagged: the {@code sent-by} (RFC 3263 §5). */
    SENT_BY
  }
}
