package org.sipstrata.syntax;

import java.util.Objects;

/**
 * Credentials or a challenge (RFC 3261 §20.7 Authorization, §20.27 Proxy-Authenticate, §20.28
 * Proxy-Authorization, §20.44 WWW-Authenticate; §22.4): the scheme ({@code Digest} or another
 * auth-scheme) and its comma-separated parameters as written (quoted values keep their quotes;
 * {@link org.sipstrata.syntax.Parameters} looks names up case-insensitively).
 */
public record AuthValue(String scheme, Parameters parameters) {

  public AuthValue {
    Objects.requireNonNull(scheme);
    Objects.requireNonNull(parameters);
  }
}
