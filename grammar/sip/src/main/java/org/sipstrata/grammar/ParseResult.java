package org.sipstrata.grammar;

/** The outcome of parsing: a tree, or the reason there is none. Errors are values, not throws. */
public sealed interface ParseResult {

  /** The input matched the rule. */
  record Ok(EntryRule rule, ParseTree tree) implements ParseResult {}

  /** The input did not match the rule (or exceeded a limit). */
  record Failed(EntryRule rule, GrammarError error) implements ParseResult {}

  /** Whether the input matched. */
  default boolean isOk() {
    return this instanceof Ok;
  }
}
