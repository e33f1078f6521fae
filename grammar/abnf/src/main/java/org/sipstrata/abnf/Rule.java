package org.sipstrata.abnf;

/**
 * One ABNF rule: its name as spelled where it is defined, its definition, where it is written, the
 * section it belongs to (the URL of the most recent {@code ; //= <url>} citation comment before it,
 * or empty), and its source text (for comments in generated code).
 */
public record Rule(String name, Element element, Position position, String section, String text) {

  /** The key under which a rule is found: ABNF rule names are case-insensitive (RFC 5234 §2.1). */
  public static String key(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  public String key() {
    return key(name);
  }
}
