package org.sipstrata.syntax;

import java.util.Objects;

/**
 * One {@code header} of a SIP URI's headers component, {@code hname "=" hvalue} (RFC 3261 §19.1.1,
 * §25.1), as written (escapes kept).
 */
public record UriHeader(String hname, String hvalue) {

  public UriHeader {
    Objects.requireNonNull(hname);
    Objects.requireNonNull(hvalue);
  }

  @Override
  public String toString() {
    return hname + "=" + hvalue;
  }
}
