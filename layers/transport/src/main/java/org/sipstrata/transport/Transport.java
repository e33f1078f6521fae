package org.sipstrata.transport;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols of the {@code transport} rule of RFC 3261 §25.1 that this layer runs. */
public enum Transport {
  UDP(false, 5060),
  TCP(true, 5060),
  TLS(true, 5061);

  private final boolean reliable;
  private final int defaultPort;

  Transport(boolean reliable, int defaultPort) {
    this.reliable = reliable;
    this.defaultPort = defaultPort;
  }

  /** Whether the protocol is reliable and connection-oriented (TCP, TLS over TCP). */
  public boolean isReliable() {
    return reliable;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.1.1
  //# If the port is absent, the default
  //# value depends on the transport.  It is 5060 for UDP, TCP and SCTP,
  //# 5061 for TLS.
  /** The port a {@code sent-by} without port means for this transport. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The token as written in a Via {@code sent-protocol}, e.g. {@code UDP}. */
  public String token() {
    return name();
  }

  /** The transport a Via {@code transport} token names (case-insensitive), if this layer runs it. */
  public static Optional<Transport> fromToken(String token) {
    return switch (token.toUpperCase(Locale.ROOT)) {
      case "UDP" -> Optional.of(UDP);
      case "TCP" -> Optional.of(TCP);
      case "TLS" -> Optional.of(TLS);
      default -> Optional.empty();
    };
  }
}
