package org.sipstrata.syntax;

import java.util.Locale;
import java.util.Objects;

/**
 * A URI of a scheme other than sip, sips and tel ({@code absoluteURI = scheme ":" ( hier-part /
 * opaque-part )}, RFC 3261 §25.1), e.g. {@code mailto:a@b.example} or {@code
 * urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6}.
 *
 * @param scheme the scheme as written
 * @param schemeSpecificPart everything after the first colon, as written
 */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {

  public AbsoluteUri {
    Objects.requireNonNull(scheme);
    Objects.requireNonNull(schemeSpecificPart);
  }

  @Override
  public String scheme() {
    return scheme.toLowerCase(Locale.ROOT);
  }

  /**
   * The same scheme (RFC 3986 §3.1: schemes are case-insensitive) and the same characters after the
   * colon. No scheme-specific rules are applied.
   */
  @Override
  public boolean equivalentTo(Uri other) {
    return other instanceof AbsoluteUri a
        && scheme.equalsIgnoreCase(a.scheme)
        && schemeSpecificPart.equals(a.schemeSpecificPart);
  }

  @Override
  public String toString() {
    return scheme + ":" + schemeSpecificPart;
  }
}
