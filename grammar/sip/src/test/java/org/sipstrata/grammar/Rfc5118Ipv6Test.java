package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The IPv6 torture messages of RFC 5118 (the CRLF copies kept by ersip), strict SIP-message. */
@DisplayName("RFC 5118 IPv6 torture messages, strict SIP-message")
class Rfc5118Ipv6Test {

  /** Rejected messages → the rule the error names. */
  static final Map<String, String> INVALID =
      Map.of(
          // §4.2: "sip:2001:db8::10" has no brackets: not a SIP-URI (and not an absoluteURI either,
          // since the scheme is sip).
          "ipv6-bad", "userinfo",
          // §4.10: three colons. RFC 5954 §4.1 made RFC 3986's IPv6address mandatory, which has
          // no such form; RFC 5118's advice to tolerate it is a choice of a lenient receiver.
          "ipv6-bug-abnf-3-colons", "IPv6reference");

  static Stream<Corpus.Message> valid() {
    return Corpus.index("rfc5118-ersip-crlf", "").stream()
        .filter(m -> !INVALID.containsKey(m.name()));
  }

  static Stream<Corpus.Message> invalid() {
    return Corpus.index("rfc5118-ersip-crlf", "").stream()
        .filter(m -> INVALID.containsKey(m.name()));
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.1
  //= type=test
  //# The request below is well-formatted according to the grammar in
  //# [RFC3261].
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  @DisplayName("the well-formed messages match SIP-message")
  void validMessagesAreAccepted(Corpus.Message message) {
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message.octets());
    assertThat(result)
        .as(() -> result instanceof ParseResult.Failed f ? f.error().message() : "")
        .isInstanceOf(ParseResult.Ok.class);
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.2
  //= type=test
  //# The request below is not well-formatted according to the grammar in
  //# [RFC3261].
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("the malformed messages are rejected, naming the rule")
  void invalidMessagesAreRejected(Corpus.Message message) {
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, message.octets());
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    GrammarError error = ((ParseResult.Failed) result).error();
    assertThat(error.abnfRule()).as(error.message()).isEqualTo(INVALID.get(message.name()));
    assertThat(error.line()).isEqualTo(1);
  }
}
