package org.sipstrata.abnf;

import java.util.List;
import java.util.Optional;

/**
 * The result of emitting: the {@code .g4} text and the {@code .rules.tsv} map (both empty when
 * there are errors), every diagnostic, and each rule as it was emitted (in rule set order; empty
 * when there are errors), so that documentation can show a rule beside its ANTLR form.
 */
public record Emission(String grammar, String rulesTsv, List<Diagnostic> diagnostics,
    List<EmittedRule> rules) {

  public Emission {
    diagnostics = List.copyOf(diagnostics);
    rules = List.copyOf(rules);
  }

  /** An emission without the per-rule view. */
  public Emission(String grammar, String rulesTsv, List<Diagnostic> diagnostics) {
    this(grammar, rulesTsv, diagnostics, List.of());
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  /** The emitted form of the ABNF rule with this name (ignoring case), if it was emitted. */
  public Optional<EmittedRule> rule(String abnfName) {
    String key = Rule.key(abnfName);
    return rules.stream().filter(r -> Rule.key(r.abnfName()).equals(key)).findFirst();
  }
}
