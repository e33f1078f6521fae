package org.sipstrata.transport;

import java.util.Objects;

/**
 * A handle on one connection of a reliable transport (TCP, TLS), as the layer above sees it: the
 * server transaction keeps it so that the response goes back on the same connection (RFC 3261
 * §18.2.2). A value: the transport layer owns the socket and looks the connection up by {@code id};
 * a handle on a closed connection stays valid as a value but no longer sends.
 *
 * @param id unique within one {@link SipTransport}
 * @param transport TCP or TLS
 * @param local this side's address
 * @param remote the far end, by which RFC 3261 §18 indexes connections
 */
public record Connection(long id, Transport transport, TransportAddress local, TransportAddress remote) {

  public Connection {
    Objects.requireNonNull(transport);
    Objects.requireNonNull(local);
    Objects.requireNonNull(remote);
    if (!transport.isReliable()) {
      throw new IllegalArgumentException("connections are for reliable transports: " + transport);
    }
  }
}
