package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.abnf.RuleSet;
import org.sipstrata.abnf.oracle.AbnfGenerator;
import org.sipstrata.abnf.oracle.AbnfMatcher;

/**
 * The generated ANTLR parser against the abnf module's oracle, on the same ABNF files: strings
 * generated from a rule must parse, and for small random changes of them the parser and the
 * backtracking matcher must give the same verdict. Lenient mode, since strict mode adds rules that
 * are not ABNF.
 */
@DisplayName("generated strings: ANTLR parser and ABNF matcher agree")
class GeneratedStringAgreementTest {

  /** {@code -Dsip.agreement.strings=N} enlarges the run. */
  private static final int STRINGS_PER_RULE = Integer.getInteger("sip.agreement.strings", 60);
  private static final int MUTATIONS_PER_STRING = 4;

  private static RuleSet rules;

  @BeforeAll
  static void readAbnf() {
    rules = CommittedAbnf.rules();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EntryRule.class)
  @DisplayName("every generated string is accepted; mutated strings get the matcher's verdict")
  void parserAgreesWithTheOracle(EntryRule rule) {
    AbnfGenerator generator = new AbnfGenerator(rules, rule.ordinal() * 7919L + 3261);
    AbnfMatcher matcher = new AbnfMatcher(rules);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < STRINGS_PER_RULE; i++) {
      Optional<byte[]> generated = generator.generate(rule.abnfName());
      assertThat(generated).as("the generator can produce %s", rule.abnfName()).isPresent();
      byte[] input = generated.get();
      if (!SipGrammar.lenient().parse(rule, input).isOk()) {
        disagreements.add("generated, rejected: " + show(input));
      }
      for (int m = 0; m < MUTATIONS_PER_STRING; m++) {
        byte[] mutated = generator.mutate(input);
        AbnfMatcher.Result oracle = matcher.match(rule.abnfName(), mutated);
        if (oracle.outcome() == AbnfMatcher.Outcome.BUDGET_EXCEEDED) {
          continue;
        }
        compared++;
        boolean parsed = SipGrammar.lenient().parse(rule, mutated).isOk();
        if (parsed != oracle.matched()) {
          disagreements.add(
              "mutated, parser " + parsed + ", matcher " + oracle.matched() + ": " + show(mutated));
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).isPositive();
  }

  private static String show(byte[] input) {
    return CommittedAbnf.show(input);
  }
}
