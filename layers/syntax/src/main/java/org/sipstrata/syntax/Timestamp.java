package org.sipstrata.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * The Timestamp header field (RFC 3261 §20.38): {@code 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ]},
 * kept as the decimal text written.
 */
public record Timestamp(String time, Optional<String> delay) {

  public Timestamp {
    Objects.requireNonNull(time);
    Objects.requireNonNull(delay);
  }
}
