package org.sipstrata.syntax;

import java.util.Objects;

/**
 * A URI in angle brackets with parameters: a value of Alert-Info (§20.4), Call-Info (§20.9) or
 * Error-Info (§20.18), e.g. {@code <http://www.example.com/alice/photo.jpg> ;purpose=icon}.
 */
public record InfoValue(Uri uri, Parameters parameters) {

  public InfoValue {
    Objects.requireNonNull(uri);
    Objects.requireNonNull(parameters);
  }

  @Override
  public String toString() {
    return "<" + uri + ">" + parameters;
  }
}
