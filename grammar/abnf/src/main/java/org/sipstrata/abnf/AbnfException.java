package org.sipstrata.abnf;

import java.util.List;

/** ABNF that cannot be used, with the diagnostics that say why (one per line in the message). */
public final class AbnfException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public AbnfException(String summary, List<Diagnostic> diagnostics) {
    super(summary + format(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String format(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append('\n').append(d);
    }
    return sb.toString();
  }
}
