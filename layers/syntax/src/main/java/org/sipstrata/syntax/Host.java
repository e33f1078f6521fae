package org.sipstrata.syntax;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code host} of a URI or Via (RFC 3261 §25.1): {@code hostname / IPv4address / IPv6reference}.
 *
 * @param kind which of the three alternatives the grammar matched
 * @param text the host as written; an IPv6 reference keeps its brackets ({@code [2001:db8::1]})
 */
public record Host(Kind kind, String text) {

  /** The three alternatives of {@code host}. */
  public enum Kind {
    HOSTNAME,
    IPV4_ADDRESS,
    IPV6_REFERENCE
  }

  public Host {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(text);
  }

  /**
   * Parses a {@code host} (hostname, IPv4address or IPv6reference with brackets) with the grammar,
   * as the host of a SIP URI.
   */
  public static Parsed<Host> parse(CharSequence text) {
    String host = text.toString();
    // sip:host is a SIP-URI whose host is the whole text exactly when the text is a host; anything
    // else (a port, a user, parameters, garbage) gives another host or no URI.
    if (SipUri.parse("sip:" + host) instanceof Parsed.Ok<SipUri> ok
        && ok.value().host().text().equals(host)) {
      return new Parsed.Ok<>(ok.value().host());
    }
    return new Parsed.Failed<>(new SyntaxError(SyntaxError.Kind.INVALID_URI, 1, 1, "host",
        "RFC 3261 §25.1", host, "a host is a hostname, an IPv4address or an IPv6reference"));
  }

  /**
   * Whether two hosts denote the same host for §19.1.4: host names case-insensitively, IPv6
   * references as 128-bit addresses ({@code [::1]} and {@code [0:0:0:0:0:0:0:1]} are one address,
   * RFC 5954 §4.2), IPv4 addresses as written (the grammar's {@code dec-octet}
   * admits no leading zeros, so each address has one spelling).
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.4
  //# o  An IP address that is the result of a DNS lookup of a host name
  //# does not match that host name.
  //
  //= https://www.rfc-editor.org/rfc/rfc5954#section-4.2
  //# If the host component contains a textual
  //# representation of IP addresses, then the representation of those
  //# IP addresses may vary.  If so, the host components are considered
  //# to match if the different textual representations yield the same
  //# binary IP address.
  public boolean equivalentTo(Host other) {
    if (kind != other.kind) {
      return false;
    }
    return switch (kind) {
      case HOSTNAME -> text.toLowerCase(Locale.ROOT).equals(other.text.toLowerCase(Locale.ROOT));
      case IPV4_ADDRESS -> text.equals(other.text);
      case IPV6_REFERENCE -> Objects.deepEquals(ipv6Octets(), other.ipv6Octets());
    };
  }

  /**
   * The 16 octets of an IPv6 reference. {@link InetAddress#getByName} does no DNS lookup for a
   * literal address ("only the validity of the address format is checked"); the grammar has already
   * checked the form, so the fallback (the lower-cased text) is never reached for a parsed host.
   */
  private Object ipv6Octets() {
    String literal = text.startsWith("[") && text.endsWith("]")
        ? text.substring(1, text.length() - 1) : text;
    if (literal.isEmpty() || literal.chars().anyMatch(c -> !(c == ':' || c == '.'
        || Character.digit(c, 16) >= 0))) {
      return text.toLowerCase(Locale.ROOT);
    }
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
