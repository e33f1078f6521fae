package org.sipstrata.syntax;

import org.sipstrata.syntax.internal.UriTrees;

/**
 * A URI where RFC 3261 allows one (Request-URI, name-addr, addr-spec): a SIP or SIPS URI
 * (§19.1), a tel URI (RFC 3966), or an absolute URI of any other scheme (§25.1 {@code
 * absoluteURI}).
 *
 * <p>Values are immutable records holding each component as written (escapes kept), so
 * {@link #toString()} gives the URI back. Record {@code equals} is structural; the RFC's comparison
 * is {@link #equivalentTo(Uri)}.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

  /** The default longest URI {@link #parse(CharSequence)} accepts, in characters. */
  int DEFAULT_MAX_LENGTH = 8 * 1024;

  /** The scheme in lower case: {@code sip}, {@code sips}, {@code tel}, {@code mailto}, … */
  String scheme();

  /**
   * Whether this URI and {@code other} are equivalent: §19.1.4 for SIP and SIPS URIs
   * ({@link SipUri#equivalentTo(SipUri)}); RFC 3966 §4 for tel URIs ({@link
   * TelUri#equivalentTo(TelUri)}); for other schemes, the same scheme (case-insensitive) and
   * identical scheme-specific parts.
   */
  boolean equivalentTo(Uri other);

  /**
   * Parses a URI with the {@code Request-URI} rule of §25.1 ({@code SIP-URI / SIPS-URI /
   * absoluteURI}; the grammar refuses {@code sip:} and {@code sips:} text that is not a SIP URI).
   * An absoluteURI with the scheme tel is read with RFC 3966's {@code telephone-uri} and becomes a
   * {@link TelUri}, or a typed error if it is not one.
   * Text longer than {@link #DEFAULT_MAX_LENGTH} is refused without parsing.
   */
  static Parsed<Uri> parse(CharSequence text) {
    return parse(text, DEFAULT_MAX_LENGTH);
  }

  /** {@link #parse(CharSequence)} with another length limit. */
  static Parsed<Uri> parse(CharSequence text, int maxLength) {
    return UriTrees.parse(text.toString(), maxLength);
  }
}
