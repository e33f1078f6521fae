package org.sipstrata.syntax;

import java.util.Objects;

/**
 * One value of the Warning header field (RFC 3261 §20.43): {@code warn-code SP warn-agent SP
 * warn-text}, e.g. {@code 307 isi.edu "Session parameter 'foo' not understood"}.
 *
 * @param code the three-digit warn-code
 * @param agent the warn-agent (hostport or pseudonym) as written
 * @param text the warn-text without its quotes
 */
public record Warning(int code, String agent, String text) {

  public Warning {
    Objects.requireNonNull(agent);
    Objects.requireNonNull(text);
  }
}
