package org.sipstrata.abnf;

import java.util.List;

/**
 * The result of emitting: the {@code .g4} text and the {@code .rules.tsv} map (both empty when
 * there are errors) and every diagnostic.
 */
public record Emission(String grammar, String rulesTsv, List<Diagnostic> diagnostics) {

  public Emission {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
