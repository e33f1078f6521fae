package org.sipstrata.abnf;

import java.util.List;

/**
 * What the reader found in one ABNF source: the rule definitions in source order and the
 * diagnostics. A definition that could not be parsed is absent, and its syntax error is attributed
 * to its rule name (so an overlay that replaces the rule supersedes the error).
 */
public record AbnfDocument(String source, List<Definition> definitions, List<Diagnostic> diagnostics) {

  public AbnfDocument {
    definitions = List.copyOf(definitions);
    diagnostics = List.copyOf(diagnostics);
  }

  /** One definition: {@code name = ...}, or {@code name =/ ...} when {@code incremental} (RFC 5234 §3.3). */
  public record Definition(Rule rule, boolean incremental) {}

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
