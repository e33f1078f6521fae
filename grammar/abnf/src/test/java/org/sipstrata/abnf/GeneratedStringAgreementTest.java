package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipstrata.abnf.oracle.AbnfGenerator;
import org.sipstrata.abnf.oracle.AbnfMatcher;

/**
 * Generated-string agreement: for the RFC 5234 core rules and the RFC 3986 URI grammar, the ANTLR
 * parser emitted from the ABNF and the exact ABNF matcher give the same answer on thousands of
 * generated strings and mutations of them. Run with {@code -Dabnf.seed=N} to reproduce a failure.
 */
@DisplayName("The emitted ANTLR parser accepts exactly what the ABNF matcher accepts")
class GeneratedStringAgreementTest {

  static final long BASE_SEED = Long.getLong("abnf.seed", 20261122L);
  static final int STRINGS = Integer.getInteger("abnf.strings", 300);
  static final int MUTATIONS = 5;

  static void agree(RuleSet rules, AntlrHarness parser, String tsv, String rule) {
    assertThat(parser.toolErrors).isEmpty();
    long seed = BASE_SEED ^ rule.hashCode();
    AbnfGenerator generator = new AbnfGenerator(rules, seed);
    AbnfMatcher matcher = new AbnfMatcher(rules);
    String entry = AntlrHarness.entryRule(tsv, rule);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < STRINGS; i++) {
      Optional<byte[]> generated = generator.generate(rule);
      assertThat(generated).as("rule %s can produce strings", rule).isPresent();
      byte[] s = generated.get();
      assertThat(matcher.match(rule, s).outcome()).as("generated %s for %s (seed %d)", show(s), rule, seed)
          .isEqualTo(AbnfMatcher.Outcome.MATCH);
      assertThat(parser.accepts(entry, s)).as("parser accepts generated %s for %s (seed %d)", show(s), rule, seed)
          .isTrue();
      accepted++;
      for (int m = 0; m < MUTATIONS; m++) {
        byte[] mutant = generator.mutate(s);
        AbnfMatcher.Result oracle = matcher.match(rule, mutant);
        assertThat(oracle.outcome()).isNotEqualTo(AbnfMatcher.Outcome.BUDGET_EXCEEDED);
        assertThat(parser.accepts(entry, mutant)).as("parser on mutant %s of %s for %s (seed %d)",
            show(mutant), show(s), rule, seed).isEqualTo(oracle.matched());
        if (oracle.matched()) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    // Both answers must actually occur, or the comparison proves little.
    assertThat(accepted).isGreaterThan(STRINGS);
    assertThat(rejected).isGreaterThan(STRINGS / 10);
  }

  static String show(byte[] s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s) {
      int c = b & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02X", c));
    }
    return sb.append('"').toString();
  }

  static AbnfDocument extract(int rfc, String section) throws AbnfException {
    AbnfExtractor.Extraction x = AbnfExtractor.extract(TestFiles.rfc(rfc), section);
    return AbnfReader.read("rfc" + rfc + "-" + section + ".abnf", x.abnf());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("RFC 3986 Appendix A (URI)")
  class Uri {
    RuleSet rules;
    AntlrHarness parser;
    String tsv;

    @BeforeAll
    void build(@TempDir Path work) throws Exception {
      rules = RuleSet.of(extract(3986, "A"), extract(5234, "B.1"));
      List<String> starts = List.of("URI", "URI-reference", "IPv6address", "IPv4address", "authority",
          "relative-ref", "path-abempty", "host", "query");
      Emission e = AntlrEmitter.emit(rules, EmitterOptions.of("UriParser", starts).withAllowProse(true));
      assertThat(e.errors()).isEmpty();
      tsv = e.rulesTsv();
      parser = AntlrHarness.build("UriParser", e.grammar(), work);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"URI", "URI-reference", "IPv6address", "IPv4address", "authority",
        "relative-ref", "path-abempty", "host", "query"})
    @DisplayName("parser and matcher agree on generated strings and mutations")
    void agreeOn(String rule) {
      agree(rules, parser, tsv, rule);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://example.com/a?b#c", "urn:isbn:0451450523", "ftp://[::1]:21/x",
        "//h/p", "mailto:a@b", "a:", "http://[v7.x]/", "http://1.2.3.4/"})
    @DisplayName("well-known URI references are accepted by both")
    void knownGood(String text) {
      byte[] s = text.getBytes(StandardCharsets.US_ASCII);
      assertThat(AbnfMatcher.matches(rules, "URI-reference", s)).isTrue();
      assertThat(parser.accepts(AntlrHarness.entryRule(tsv, "URI-reference"), s)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://ex ample.com/", "1http://x", "http://[::1/", "%zz", "a:b#c#d"})
    @DisplayName("malformed URI references are rejected by both")
    void knownBad(String text) {
      byte[] s = text.getBytes(StandardCharsets.US_ASCII);
      assertThat(AbnfMatcher.matches(rules, "URI-reference", s)).isFalse();
      assertThat(parser.accepts(AntlrHarness.entryRule(tsv, "URI-reference"), s)).isFalse();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("RFC 5234 Appendix B.1 (core rules)")
  class Core {
    RuleSet rules;
    AntlrHarness parser;
    String tsv;
    static final List<String> STARTS = List.of("ALPHA", "BIT", "CHAR", "CRLF", "CTL", "DIGIT", "HEXDIG",
        "LWSP", "OCTET", "VCHAR", "WSP");

    @BeforeAll
    void build(@TempDir Path work) throws Exception {
      rules = RuleSet.of(extract(5234, "B.1"));
      Emission e = AntlrEmitter.emit(rules, EmitterOptions.of("CoreParser", STARTS));
      assertThat(e.errors()).isEmpty();
      tsv = e.rulesTsv();
      parser = AntlrHarness.build("CoreParser", e.grammar(), work);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HEXDIG", "LWSP", "CRLF", "VCHAR", "ALPHA", "CTL"})
    @DisplayName("parser and matcher agree on generated strings and mutations")
    void agreeOn(String rule) {
      agree(rules, parser, tsv, rule);
    }
  }
}
