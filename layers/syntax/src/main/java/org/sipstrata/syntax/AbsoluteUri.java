package org.sipstrata.syntax;

import java.util.Locale;
import java.util.Objects;

/**
 * A URI of a scheme other than sip and sips ({@code absoluteURI = scheme ":" ( hier-part /
 * opaque-part )}, RFC 3261 §25.1), e.g. {@code tel:+1-212-555-0101} or {@code mailto:a@b.example}.
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
   * colon. Scheme-specific rules (RFC 3966 §4 for tel) are not applied.
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
