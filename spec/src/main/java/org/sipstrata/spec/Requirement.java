package org.sipstrata.spec;

import java.util.Objects;

/**
 * One sentence of an RFC section that contains an RFC 2119 keyword in capitals.
 *
 * @param rfc the RFC number
 * @param section the section id, e.g. "17.1.1.2"
 * @param ordinal 1 for the first requirement of the section, in document order
 * @param level the strongest keyword's level
 * @param text the sentence, whitespace-normalised as by {@link RfcSection#normalize(String)}
 */
public record Requirement(int rfc, String section, int ordinal, Level level, String text) {

  public Requirement {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(text, "text");
    if (ordinal < 1) {
      throw new IllegalArgumentException("ordinal starts at 1: " + ordinal);
    }
  }

  /** A short stable name for reports: "RFC 3261 §17.1.1.2 #4". */
  public String label() {
    return "RFC " + rfc + " §" + section + " #" + ordinal;
  }
}
