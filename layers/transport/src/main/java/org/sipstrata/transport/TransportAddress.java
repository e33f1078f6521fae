package org.sipstrata.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An IP address and port: one end of a packet or connection.
 *
 * @param address the IP address (IPv4 or IPv6), never a name to resolve
 * @param port 0..65535 (0 only when asking the system to choose a port to listen on)
 */
public record TransportAddress(InetAddress address, int port) {

  public TransportAddress {
    Objects.requireNonNull(address);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static TransportAddress of(InetSocketAddress socketAddress) {
    return new TransportAddress(socketAddress.getAddress(), socketAddress.getPort());
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** The address as a Via {@code host} would write it: IPv6 in brackets (RFC 3261 §25.1 IPv6reference). */
  public String hostText() {
    return hostText(address);
  }

  /** {@code 192.0.2.4:5060} or {@code [::1]:5060}. */
  @Override
  public String toString() {
    return hostText() + ":" + port;
  }

  static String hostText(InetAddress address) {
    String literal = address.getHostAddress();
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }
}
