package org.sipstrata.syntax;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a URI or header field value, {@code name [ "=" value ]} (RFC 3261 §19.1.1,
 * {@code generic-param} of §25.1), as written: the value keeps its escapes or quotes.
 *
 * @param name the parameter name as written (compared case-insensitively by {@link Parameters})
 * @param value the value as written, or empty for a valueless parameter such as {@code lr} or
 *     {@code rport}
 */
public record Parameter(String name, Optional<String> value) {

  public Parameter {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
  }

  /** {@code name=value}. */
  public static Parameter of(String name, String value) {
    return new Parameter(name, Optional.of(value));
  }

  /** A parameter without a value, e.g. {@code lr}. */
  public static Parameter flag(String name) {
    return new Parameter(name, Optional.empty());
  }

  @Override
  public String toString() {
    return value.map(v -> name + "=" + v).orElse(name);
  }
}
