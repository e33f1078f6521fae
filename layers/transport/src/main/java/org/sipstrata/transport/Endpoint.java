package org.sipstrata.transport;

import java.util.Objects;

/**
 * Where to send a message: the transport, IP address and port that RFC 3261 §18.1.1 says the user
 * of the transport layer passes with a request ("an IP address, port, transport").
 */
public record Endpoint(Transport transport, TransportAddress address) {

  public Endpoint {
    Objects.requireNonNull(transport);
    Objects.requireNonNull(address);
  }

  /** {@code udp:192.0.2.4:5060}. */
  @Override
  public String toString() {
    return transport.token().toLowerCase(java.util.Locale.ROOT) + ":" + address;
  }
}
