package org.sipstrata.transport.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals of RFC 3261 §25.1 ({@code IPv4address}, {@code IPv6reference}), read without DNS. */
public final class IpLiterals {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private IpLiterals() {}

  /**
   * The address {@code host} writes, if it is an IPv4address, an IPv6reference ({@code [::1]}) or
   * a bare IPv6address (as in {@code received}); empty for a host name. Never looks anything up.
   */
  public static Optional<InetAddress> parse(String host) {
    String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (IPV4.matcher(text).matches()) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    } else if (text.indexOf(':') < 0 || text.indexOf('%') >= 0) {
      return Optional.empty();
    }
    try {
      // A literal: getByName parses it and does not consult DNS.
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The host without IPv6 brackets. */
  public static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
