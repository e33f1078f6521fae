package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.AtnDfa;
import org.sipstrata.grammar.internal.Engine;

/**
 * Jazzer fuzz target for the grammar's two backends: on any octets, for any entry rule, the DFA
 * ({@link AtnDfa}) and the ANTLR parser ({@link Engine}) give the same verdict and, on a match, the
 * same tree; {@code matches} and {@code firstText} agree with {@code parse}. Under {@code ./mvnw
 * verify} it replays the committed inputs in {@code
 * src/test/resources/org/sipstrata/grammar/BackendFuzzTestInputs/backendsAgree}; with {@code
 * JAZZER_FUZZ=1} Jazzer fuzzes it (grammar/sip/README.md, "Two backends").
 */
class BackendFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void backendsAgree(FuzzedDataProvider data) {
    EntryRule rule = EntryRule.values()[data.consumeInt(0, EntryRule.values().length - 1)];
    byte[] input = data.consumeRemainingAsBytes();
    AtnDfa.Result fast = AtnDfa.of(rule).run(input, 0, input.length, true);
    if (fast.kind() == AtnDfa.Result.Kind.UNSUPPORTED) {
      return;
    }
    Engine.Outcome slow = Engine.run(rule, input, 0, input.length, true);
    assertThat(fast.kind() == AtnDfa.Result.Kind.MATCHED)
        .as("DFA and ANTLR verdicts on %s", rule)
        .isEqualTo(slow instanceof Engine.Outcome.Matched);
    if (slow instanceof Engine.Outcome.Matched matched) {
      Node antlr = matched.root();
      assertThat(fast.root()).isEqualTo(antlr);
    }
    for (SipGrammar grammar : new SipGrammar[] {SipGrammar.strict(), SipGrammar.lenient()}) {
      ParseResult parsed = grammar.parse(rule, input);
      assertThat(grammar.matches(rule, input, 0, input.length)).isEqualTo(parsed.isOk());
      assertThat(grammar.firstText(rule, input, 0, input.length, "host"))
          .isEqualTo(parsed instanceof ParseResult.Ok ok
              ? ParseTree.first(ok.tree().root(), "host").map(ok.tree()::text)
              : java.util.Optional.empty());
    }
  }
}
