package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RuleNames maps ABNF rule names to ANTLR rule names")
class RuleNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Request-Line, requestLine",
      "SIP-message, sipMessage",
      "sent-protocol, sentProtocol",
      "IPv6reference, ipv6reference",
      "IPv4address, ipv4address",
      "absoluteURI, absoluteURI",
      "Call-ID, callID",
      "ALPHA, alpha",
      "HCOLON, hcolon",
      "TEXT-UTF8-TRIM, textUTF8TRIM",
      "c-p-q, cPQ",
      "token, token",
      "x--y, xY",
      "WWW-Authenticate, wwwAuthenticate"})
  @DisplayName("lower-case leading capitals, camel-case the hyphenated parts")
  void mapping(String abnf, String antlr) {
    assertThat(RuleNames.antlrName(abnf)).isEqualTo(antlr);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"import, import_", "fragment, fragment_", "class, class_", "default, default_",
      "rule, rule_", "parser-rule, parserRule_", "tokens, tokens_", "reset, reset_"})
  @DisplayName("ANTLR and Java keywords and runtime clashes get a trailing underscore")
  void reserved(String abnf, String antlr) {
    assertThat(RuleNames.antlrName(abnf)).isEqualTo(antlr);
  }

  @Test
  @DisplayName("collisions are resolved in sorted order of the ABNF spelling, with numbered suffixes")
  void collisions() {
    // sorted spellings: "a-B-" < "a-b" < "aB" (ASCII '-' < 'B' < 'b')
    Map<String, String> names = RuleNames.assign(List.of("a-b", "aB", "other", "a-B-"), Set.of("other"));
    assertThat(names).containsExactly(
        Map.entry("a-b", "aB_2"), Map.entry("ab", "aB_3"), Map.entry("other", "other_2"), Map.entry("a-b-", "aB"));
  }

  @Test
  @DisplayName("the mapping does not depend on the order the rules are given in")
  void deterministic() {
    Map<String, String> one = RuleNames.assign(List.of("x-y", "xY", "x-Y-"), Set.of());
    Map<String, String> two = RuleNames.assign(List.of("x-Y-", "xY", "x-y"), Set.of());
    assertThat(one).isEqualTo(two);
  }
}
