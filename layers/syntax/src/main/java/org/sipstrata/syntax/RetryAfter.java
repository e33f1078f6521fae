package org.sipstrata.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * The Retry-After header field (RFC 3261 §20.33): {@code delta-seconds [ comment ] *( SEMI
 * retry-param )}, e.g. {@code 18000;duration=3600}.
 *
 * @param seconds the delta-seconds (saturated at 2**32-1, as §20.19 does for Expires)
 * @param comment the comment with its parentheses, when present
 * @param parameters the retry-params (duration, extensions)
 */
public record RetryAfter(long seconds, Optional<String> comment, Parameters parameters) {

  public RetryAfter {
    Objects.requireNonNull(comment);
    Objects.requireNonNull(parameters);
  }
}
