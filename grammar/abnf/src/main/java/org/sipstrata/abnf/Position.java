package org.sipstrata.abnf;

/**
 * Where something is in an ABNF source: the source's name (usually a file path), a 1-based line and
 * a 1-based column.
 */
public record Position(String source, int line, int column) {

  /** A position for elements built in code rather than read from text. */
  public static final Position NONE = new Position("<none>", 0, 0);

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
