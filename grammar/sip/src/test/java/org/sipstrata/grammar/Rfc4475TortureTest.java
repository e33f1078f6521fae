package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 49 messages of RFC 4475 against strict SIP-message. The README has the same verdicts as a
 * table, with the layer that must reject each message the grammar accepts.
 */
@DisplayName("RFC 4475 torture messages, strict SIP-message")
class Rfc4475TortureTest {

  /**
   * The messages of §3.1.2 that violate the grammar: file name → the ABNF rule the error names and
   * what it expected there.
   */
  static final Map<String, String[]> GRAMMAR_VIOLATIONS =
      Map.ofEntries(
          Map.entry("badinv01", new String[] {"via-parm", "via-params"}),
          Map.entry("ncl", new String[] {"Content-Length", "DIGIT / HTAB / CR / SP"}),
          Map.entry("scalarlg", new String[] {"warning-value", "SP"}),
          Map.entry("quotbal", new String[] {"quoted-string", "DQUOTE"}),
          Map.entry("ltgtruri", new String[] {"Request-Line", "Request-URI"}),
          Map.entry("lwsruri", new String[] {"Request-Line", "SIP-Version"}),
          Map.entry("lwsstart", new String[] {"Request-Line", "Request-URI"}),
          Map.entry("trws", new String[] {"Request-Line", "CRLF"}),
          Map.entry("baddate", new String[] {"rfc1123-date", "\"G\""}),
          Map.entry("regbadct", new String[] {"Contact", "CRLF"}),
          Map.entry("badaspec", new String[] {"name-addr", "addr-spec"}),
          Map.entry("baddn", new String[] {"from-spec", null}),
          Map.entry("bigcode", new String[] {"Status-Line", "SP"}));

  static Stream<Corpus.Message> valid() {
    return Corpus.index("rfc4475", ".dat").stream().filter(m -> m.section().startsWith("3.1.1."));
  }

  static Stream<Corpus.Message> grammarViolations() {
    return Corpus.index("rfc4475", ".dat").stream()
        .filter(m -> GRAMMAR_VIOLATIONS.containsKey(m.name()));
  }

  static Stream<Corpus.Message> higherLayer() {
    return Corpus.index("rfc4475", ".dat").stream()
        .filter(m -> !m.section().startsWith("3.1.1."))
        .filter(m -> !GRAMMAR_VIOLATIONS.containsKey(m.name()));
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.1.6
  //= type=test
  //# Elements should
  //# accept this request as well formed.
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  @DisplayName("every valid message of §3.1.1 matches SIP-message")
  void validMessagesAreAccepted(Corpus.Message message) {
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message.octets());
    assertThat(result)
        .as(() -> result instanceof ParseResult.Failed f ? f.error().message() : "")
        .isInstanceOf(ParseResult.Ok.class);
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2
  //= type=test
  //# This section contains several invalid messages reflecting errors seen
  //# at interoperability events
  @ParameterizedTest(name = "{0}")
  @MethodSource("grammarViolations")
  @DisplayName("a §3.1.2 message that breaks the grammar is rejected, naming the rule")
  void grammarViolationsAreRejectedWithTheirRule(Corpus.Message message) {
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message.octets());
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    GrammarError error = ((ParseResult.Failed) result).error();
    String[] want = GRAMMAR_VIOLATIONS.get(message.name());
    assertThat(error.abnfRule()).as(error.message()).isEqualTo(want[0]);
    if (want[1] != null) {
      assertThat(error.expected()).as(error.message()).isEqualTo(want[1]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("higherLayer")
  @DisplayName("a message whose fault belongs to a higher layer matches the grammar")
  void higherLayerFaultsMatchTheGrammar(Corpus.Message message) {
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message.octets());
    assertThat(result)
        .as(() -> result instanceof ParseResult.Failed f ? f.error().message() : "")
        .isInstanceOf(ParseResult.Ok.class);
  }

  @Test
  @DisplayName("the corpus has all 49 messages: 13 valid, 13 grammar violations, 23 for later layers")
  void corpusIsComplete() {
    assertThat(valid().count()).isEqualTo(13);
    assertThat(grammarViolations().count()).isEqualTo(13);
    assertThat(higherLayer().count()).isEqualTo(23);
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2.8
  //= type=test
  //# This INVITE has illegal LWS within the Request-URI.
  @Test
  @DisplayName("lwsruri: the error names SIP-Version in Request-Line, at the octet after the SP")
  void lwsruriMessage() {
    GrammarError error =
        ((ParseResult.Failed)
                SipGrammar.strict()
                    .parse(EntryRule.SIP_MESSAGE, Corpus.bytes("corpus/rfc4475/lwsruri.dat")))
            .error();
    assertThat(error.message())
        .isEqualTo(
            "line 1, column 30: expected SIP-Version (RFC 3261 §25.1, Request-Line) but found"
                + " \"lr SIP/2.0\"");
  }
}
