package org.sipstrata.spec;

/**
 * The requirement level of an RFC 2119 keyword, strongest first.
 *
 * <p>MUST covers MUST, MUST NOT, REQUIRED, SHALL and SHALL NOT; SHOULD covers SHOULD, SHOULD NOT,
 * RECOMMENDED and NOT RECOMMENDED; MAY covers MAY and OPTIONAL (RFC 2119, sections 1 to 5).
 */
public enum Level {
  MUST,
  SHOULD,
  MAY;

  /** The level of one keyword as written in the RFC, e.g. "SHALL NOT" or "NOT RECOMMENDED". */
  public static Level ofKeyword(String keyword) {
    return switch (keyword) {
      case "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT" -> MUST;
      case "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED" -> SHOULD;
      case "MAY", "OPTIONAL" -> MAY;
      default -> throw new IllegalArgumentException("not an RFC 2119 keyword: " + keyword);
    };
  }

  /** The stronger of the two levels. */
  public Level max(Level other) {
    return compareTo(other) <= 0 ? this : other;
  }
}
