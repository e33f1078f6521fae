package org.sipstrata.syntax;

import java.util.Objects;

/**
 * A media type (RFC 3261 §20.15 Content-Type, §20.1 Accept): {@code m-type SLASH m-subtype *(SEMI
 * m-parameter)}, e.g. {@code application/sdp} or {@code text/html; charset=ISO-8859-4}. Type and
 * subtype are case-insensitive; {@link #essence()} gives them in lower case.
 */
public record MediaType(String type, String subtype, Parameters parameters) {

  public MediaType {
    Objects.requireNonNull(type);
    Objects.requireNonNull(subtype);
    Objects.requireNonNull(parameters);
  }

  /** {@code type/subtype} in lower case, e.g. {@code application/sdp}. */
  public String essence() {
    return (type + "/" + subtype).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return type + "/" + subtype + parameters;
  }
}
