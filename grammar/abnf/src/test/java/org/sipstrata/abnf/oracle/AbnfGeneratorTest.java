package org.sipstrata.abnf.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.RuleSet;

@DisplayName("AbnfGenerator")
class AbnfGeneratorTest {

  static final RuleSet RULES = RuleSet.of(AbnfReader.read("t.abnf", """
      c = "(" *(c / "x" / %x41-43) ")"
      list = item *("," item)
      item = 1*3%x30-39 / %s"Id" / [c]
      prose = <no machine meaning>
      half = prose / "h"
      """));

  @Test
  @DisplayName("every generated string matches its rule, recursion stays bounded")
  void sound() {
    AbnfGenerator g = new AbnfGenerator(RULES, 42);
    AbnfMatcher m = new AbnfMatcher(RULES);
    for (String rule : List.of("c", "list", "item", "half")) {
      for (int i = 0; i < 500; i++) {
        byte[] s = g.generate(rule).orElseThrow();
        assertThat(s.length).isLessThan(5_000);
        assertThat(m.match(rule, s).outcome()).as("%s: %s", rule, new String(s))
            .isEqualTo(AbnfMatcher.Outcome.MATCH);
      }
    }
  }

  @Test
  @DisplayName("the same seed gives the same strings and mutations")
  void reproducible() {
    assertThat(sample(7)).isEqualTo(sample(7));
    assertThat(sample(7)).isNotEqualTo(sample(8));
  }

  private static List<String> sample(long seed) {
    AbnfGenerator g = new AbnfGenerator(RULES, seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] s = g.generate("list").orElseThrow();
      out.add(Arrays.toString(s) + Arrays.toString(g.mutate(s)));
    }
    return out;
  }

  @Test
  @DisplayName("a rule that needs a prose-val or an undefined rule produces nothing")
  void impossible() {
    AbnfGenerator g = new AbnfGenerator(RULES, 1);
    assertThat(g.generate("prose")).isEmpty();
    assertThat(g.generate("undefined")).isEmpty();
    assertThat(g.generate("half")).hasValueSatisfying(s -> assertThat(new String(s)).isEqualToIgnoringCase("h"));
  }

  @Test
  @DisplayName("mutations change the string most of the time, and some mutants no longer match")
  void mutations() {
    AbnfGenerator g = new AbnfGenerator(RULES, 3);
    AbnfMatcher m = new AbnfMatcher(RULES);
    int changed = 0;
    int rejected = 0;
    for (int i = 0; i < 300; i++) {
      byte[] s = g.generate("list").orElseThrow();
      byte[] t = g.mutate(s);
      if (!Arrays.equals(s, t)) {
        changed++;
      }
      if (!m.match("list", t).matched()) {
        rejected++;
      }
    }
    assertThat(changed).isGreaterThan(250);
    assertThat(rejected).isGreaterThan(30);
  }
}
