package org.sipstrata.syntax;

import java.util.Objects;

/**
 * A token-like value with parameters, as in Accept-Encoding ({@code gzip;q=1.0}), Accept-Language
 * ({@code en-gb;q=0.8}) and Content-Disposition ({@code session;handling=optional}), RFC 3261 §20.
 */
public record ParameterizedValue(String value, Parameters parameters) {

  public ParameterizedValue {
    Objects.requireNonNull(value);
    Objects.requireNonNull(parameters);
  }

  @Override
  public String toString() {
    return value + parameters;
  }
}
