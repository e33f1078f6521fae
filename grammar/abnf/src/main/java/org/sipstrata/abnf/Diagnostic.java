package org.sipstrata.abnf;

import java.util.Optional;

/**
 * A finding about ABNF input, as a value: errors make a rule set unusable for emission, warnings do
 * not. {@code rule} names the ABNF rule the finding belongs to, when there is one, so that an overlay
 * which replaces the rule can supersede it.
 */
public record Diagnostic(Severity severity, Position position, String message, Optional<String> rule) {

  /** How bad a finding is. */
  public enum Severity {
    /** The input cannot be used as it is. */
    ERROR,
    /** Probably a mistake, but the input is usable. */
    WARNING,
    /** Information, e.g. an error in a base rule that an overlay replaced. */
    NOTE
  }

  public static Diagnostic error(Position position, String message) {
    return new Diagnostic(Severity.ERROR, position, message, Optional.empty());
  }

  public static Diagnostic warning(Position position, String message) {
    return new Diagnostic(Severity.WARNING, position, message, Optional.empty());
  }

  /** The same finding, attributed to an ABNF rule. */
  public Diagnostic inRule(String ruleName) {
    return new Diagnostic(severity, position, message, Optional.of(ruleName));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:column: error: message}, the form compilers use, so editors can jump to it. */
  @Override
  public String toString() {
    return position + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
