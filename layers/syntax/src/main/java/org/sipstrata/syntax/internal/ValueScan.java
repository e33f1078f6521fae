package org.sipstrata.syntax.internal;

/**
 * One linear pass over a header row (name, colon, value with its folds) that counts what the
 * limits of {@link org.sipstrata.syntax.SyntaxLimits} bound and the grammar would otherwise pay
 * for: the comma-separated values, and how deeply comments nest. No recursion, no allocation
 * beyond the result, so hostile rows cost time linear in their length.
 *
 * <p>Separators are read as §25.1 writes them: a comma inside a {@code quoted-string}, a {@code
 * comment} or {@code <…>} (a URI in a name-addr) separates nothing; {@code quoted-pair} escapes
 * the next octet in quoted strings and comments; {@code "} inside a comment is {@code ctext}.
 */
public final class ValueScan {

  private ValueScan() {}

  /**
   * What one row holds.
   *
   * @param values commas outside quoted strings, comments and {@code <…>}, plus one
   * @param depth the deepest comment nesting ({@code (a (b))} is 2)
   * @param tooDeepAt the offset of the {@code (} that first went deeper than the {@code
   *     maxDepth} (at least 1) given to {@link #scan}, or -1
   */
  public record Counts(int values, int depth, int tooDeepAt) {}

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //# comment  =  LPAREN *(ctext / quoted-pair / comment) RPAREN
  //
  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //# quoted-string  =  SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
  /** Scans {@code row[from, to)}; the value is what follows the first colon. */
  public static Counts scan(byte[] row, int from, int to, int maxDepth) {
    int i = from;
    while (i < to && row[i] != ':') {
      i++;
    }
    return scanValue(row, Math.min(i + 1, to), to, maxDepth);
  }

  /** Scans a header value alone, {@code value[from, to)}. */
  public static Counts scanValue(byte[] value, int from, int to, int maxDepth) {
    byte[] row = value;
    int commas = 0;
    int depth = 0;
    int deepest = 0;
    int tooDeepAt = -1;
    boolean quoted = false;
    boolean angle = false;
    for (int i = from; i < to; i++) {
      byte b = row[i];
      if (depth > 0) {
        if (b == '\\') {
          i++;
        } else if (b == '(') {
          depth++;
          if (depth > deepest) {
            deepest = depth;
            if (depth > maxDepth && tooDeepAt < 0) {
              tooDeepAt = i;
            }
          }
        } else if (b == ')') {
          depth--;
        }
      } else if (quoted) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          quoted = false;
        }
      } else if (angle) {
        angle = b != '>';
      } else if (b == '"') {
        quoted = true;
      } else if (b == '<') {
        angle = true;
      } else if (b == '(') {
        depth = 1;
        deepest = Math.max(deepest, 1);
      } else if (b == ',') {
        commas++;
      }
    }
    return new Counts(commas + 1, deepest, tooDeepAt);
  }
}
