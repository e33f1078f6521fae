package org.sipstrata.abnf;

import java.util.List;

/**
 * What to emit: the grammar name, the start rules (each gets an entry rule {@code <name>Eof}), the
 * rules to inline at their references (besides byte sets, which are always inlined), whether
 * prose-vals are tolerated (they then never match), and the largest bounded repetition expanded
 * exactly.
 */
public record EmitterOptions(String grammarName, List<String> startRules, List<String> inlineRules,
    boolean allowProse, int maxExpansion) {

  /** Bounded repetitions up to this many copies are expanded exactly. */
  public static final int DEFAULT_MAX_EXPANSION = 64;

  public EmitterOptions {
    startRules = List.copyOf(startRules);
    inlineRules = List.copyOf(inlineRules);
  }

  public static EmitterOptions of(String grammarName, List<String> startRules) {
    return new EmitterOptions(grammarName, startRules, List.of(), false, DEFAULT_MAX_EXPANSION);
  }

  public EmitterOptions withInline(List<String> rules) {
    return new EmitterOptions(grammarName, startRules, rules, allowProse, maxExpansion);
  }

  public EmitterOptions withAllowProse(boolean allow) {
    return new EmitterOptions(grammarName, startRules, inlineRules, allow, maxExpansion);
  }
}
