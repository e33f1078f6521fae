package org.sipstrata.abnf.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.RuleSet;

@DisplayName("AbnfMatcher")
class AbnfMatcherTest {

  static RuleSet rules(String abnf) {
    RuleSet rs = RuleSet.of(AbnfReader.read("t.abnf", abnf));
    assertThat(rs.diagnostics()).isEmpty();
    return rs;
  }

  static boolean matches(String abnf, String input) {
    return AbnfMatcher.matches(rules(abnf), "r", input.getBytes(StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
  @CsvSource(delimiter = '|', value = {
      "r = \"aB\"                       | Ab     | true",
      "r = %s\"aB\"                     | Ab     | false",
      "r = %s\"aB\"                     | aB     | true",
      "r = %x61.62                      | ab     | true",
      "r = %x61.62                      | aB     | false",
      "r = %x30-39 %d65                 | 7A     | true",
      "r = %b110000                     | 0      | true",
      "r = *(\"a\" / \"aa\") \"a\"      | aaa    | true",
      "r = 2*3\"a\"                     | a      | false",
      "r = 2*3\"a\"                     | aaa    | true",
      "r = 2*3\"a\"                     | aaaa   | false",
      "r = 3\"a\"                       | aaa    | true",
      "r = [\"a\"] \"a\"                | a      | true",
      "r = *\"\" \"x\"                  | x      | true",
      "r = \"\"                         | ''     | true",
      "r = <prose> / \"p\"              | p      | true",
      "r = <prose>                      | ''     | false",
      "r = %x100 / \"q\"                | q      | true",
      "r = missing / \"m\"              | m      | true",
      "r = missing                      | m      | false",
      "r = r \"a\" / \"b\"              | baaa   | true",
      "r = r \"a\" / \"b\"              | aaab   | false"})
  @DisplayName("decides exactly, including ambiguity, empty strings and direct left recursion")
  void exact(String abnf, String input, boolean expected) {
    assertThat(matches(abnf + "\n", input)).isEqualTo(expected);
  }

  @Test
  @DisplayName("indirect left recursion is decided by growing the remembered results")
  void indirectLeftRecursion() {
    RuleSet rs = rules("r = y \"a\" / \"b\"\ny = r \"c\"\n");
    assertThat(AbnfMatcher.matches(rs, "r", "bcaca".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(AbnfMatcher.matches(rs, "r", "bcac".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  @Test
  @DisplayName("a budget or nesting limit ends the search with BUDGET_EXCEEDED, never a hang or stack overflow")
  void budget() {
    RuleSet rs = rules("r = *(*(\"a\" / \"aa\")) \"b\"\nc = \"(\" *c \")\"\n");
    byte[] as = "a".repeat(2_000).getBytes(StandardCharsets.US_ASCII);
    AbnfMatcher.Result small = new AbnfMatcher(rs, 1_000, 2_000).match("r", as);
    assertThat(small.outcome()).isEqualTo(AbnfMatcher.Outcome.BUDGET_EXCEEDED);
    assertThat(small.detail()).contains("step budget of 1000 exceeded");
    byte[] nested = ("(".repeat(50_000) + ")".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
    AbnfMatcher.Result deep = new AbnfMatcher(rs).match("c", nested);
    assertThat(deep.outcome()).isEqualTo(AbnfMatcher.Outcome.BUDGET_EXCEEDED);
    assertThat(deep.detail()).startsWith("nesting deeper than");
    assertThatThrownBy(() -> AbnfMatcher.matches(rs, "c", nested)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nesting deeper than");
    byte[] shallow = ("(".repeat(100) + ")".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    assertThat(new AbnfMatcher(rs).match("c", shallow).outcome()).isEqualTo(AbnfMatcher.Outcome.MATCH);
  }
}
