package org.sipstrata.abnf;

import java.util.Optional;

/**
 * One ABNF rule as the emitter wrote it: the ANTLR rule's name and text exactly as they appear in
 * the {@code .g4} (without the comment before it), the entry rule's name and text if the rule is a
 * start rule, and how references to the rule are emitted.
 *
 * @param abnfName the rule's name as spelled where it is defined
 * @param antlrName the parser rule's name ({@link RuleNames})
 * @param text the parser rule, e.g. {@code "callID\n  : ...\n  ;\n"}
 * @param entryRule the entry rule {@code <name>Eof : <name> EOF ;} of a start rule, else empty
 * @param use how a reference to this rule is written in the rules that use it
 */
public record EmittedRule(String abnfName, String antlrName, String text, Optional<Entry> entryRule,
    Use use) {

  /** The entry rule of a start rule: its name and text. */
  public record Entry(String name, String text) {}

  /** How references to a rule are emitted. */
  public enum Use {
    /** A reference calls the parser rule. */
    CALLED,
    /** The rule matches exactly one byte from a set; every reference is replaced by that set. */
    TOKEN_SET,
    /** The rule was listed for inlining; every reference is replaced by its body. */
    EXPANDED
  }
}
