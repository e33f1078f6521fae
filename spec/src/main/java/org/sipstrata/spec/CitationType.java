package org.sipstrata.spec;

import java.util.Locale;
import java.util.Optional;

/** The {@code //= type=...} of a citation (duvet's types). */
public enum CitationType {
  /** The code below does what the quoted text requires (the default). */
  IMPLEMENTATION,
  /** The test below checks the quoted requirement. */
  TEST,
  /** The requirement holds as a consequence of other code (e.g. of a type or of the grammar). */
  IMPLICATION,
  /** Deliberately not implemented; {@code //= reason=...} says why. */
  EXCEPTION,
  /** Not implemented yet; {@code //= tracking-issue=...} names the issue. */
  TODO;

  /** The name as written in a citation: "implementation", "test", ... */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type written as {@code keyword}, if there is one. */
  public static Optional<CitationType> of(String keyword) {
    for (CitationType t : values()) {
      if (t.keyword().equals(keyword)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
