package org.sipstrata.grammar;

/**
 * Why an input does not match a rule of the grammar, in the grammar's own terms.
 *
 * @param line 1-based line of the failure (lines end at LF)
 * @param column 1-based column, counted in octets
 * @param abnfRule the innermost ABNF rule that failed, as the RFC spells it (e.g. {@code
 *     Request-Line})
 * @param rfcSection where that rule is defined, e.g. {@code RFC 3261 §25.1}
 * @param expected what the rule wanted at this point: a rule name (e.g. {@code SIP-Version}),
 *     characters in ABNF notation (e.g. {@code "@" / DIGIT}), or a limit
 * @param found the input from the failure to the end of its line (shortened), empty at the end of
 *     the input
 */
public record GrammarError(
    int line, int column, String abnfRule, String rfcSection, String expected, String found) {

  /**
   * One sentence: {@code line 1, column 9: expected SIP-Version (RFC 3261 §25.1, Request-Line) but
   * found "SIP/7.0"}.
   */
  public String message() {
    String what = found.isEmpty() ? "end of input" : '"' + found + '"';
    return "line %d, column %d: expected %s (%s, %s) but found %s"
        .formatted(line, column, expected, rfcSection, abnfRule, what);
  }

  @Override
  public String toString() {
    return message();
  }
}
