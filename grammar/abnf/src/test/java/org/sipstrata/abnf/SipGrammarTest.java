package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipstrata.abnf.oracle.AbnfMatcher;

/**
 * The whole of RFC 3261 §25 with the RFC 5234 core rules, through extractor, reader, emitter, ANTLR
 * and javac. The overlay here is a minimal stand-in that only makes the grammar complete; the real
 * corrections live in the grammar/sip module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("RFC 3261 §25 emits a grammar that ANTLR and javac accept")
class SipGrammarTest {

  static final String OVERLAY = """
      ; test stand-ins, not corrections
      digest-uri-value  =  Request-URI
      telephone-subscriber  =  1*( DIGIT / "-" / "." )
      """;
  static final List<String> STARTS = List.of("SIP-message", "Request-Line", "SIP-URI", "Via", "From",
      "Contact", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Authorization");

  RuleSet rules;
  Emission emission;
  AntlrHarness parser;

  @BeforeAll
  void build(@TempDir Path work) throws Exception {
    AbnfDocument sip = AbnfReader.read("rfc3261.abnf", AbnfExtractor.extract(TestFiles.rfc(3261), "25").abnf());
    AbnfDocument core = AbnfReader.read("core.abnf", AbnfExtractor.extract(TestFiles.rfc(5234), "B.1").abnf());
    rules = RuleSet.combine(List.of(sip, core), List.of(AbnfReader.read("overlay.abnf", OVERLAY)));
    emission = AntlrEmitter.emit(rules, EmitterOptions.of("SipParser", STARTS)
        .withInline(List.of("LWS", "SWS", "HCOLON", "SEMI", "COMMA", "EQUAL", "SLASH", "COLON")));
    assertThat(emission.errors()).isEmpty();
    parser = AntlrHarness.build("SipParser", emission.grammar(), work);
  }

  @Test
  @DisplayName("ANTLR and javac accept the generated grammar, and every ABNF rule is in the map")
  void compiles() {
    assertThat(parser.toolErrors).isEmpty();
    assertThat(rules.rules()).hasSize(282 + 16 + 1);
    assertThat(emission.rulesTsv().lines().skip(1).count()).isEqualTo(rules.rules().size() + STARTS.size());
    assertThat(emission.grammar()).contains("\nsipMessage\n", "\nrequestLine\n", "\nipv6reference\n");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //= type=test
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "INVITE sip:bob@biloxi.com SIP/2.0\r\n",
      "REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\n",
      "OPTIONS sip:[2001:db8::10]:5070;transport=tcp SIP/2.0\r\n"})
  @DisplayName("request lines from the RFC's examples parse, and agree with the matcher")
  void requestLines(String line) {
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    assertThat(AbnfMatcher.matches(rules, "Request-Line", b)).isTrue();
    assertThat(parser.accepts(AntlrHarness.entryRule(emission.rulesTsv(), "Request-Line"), b)).isTrue();
    byte[] lower = line.replace("SIP/2.0", "sip/2.0").getBytes(StandardCharsets.US_ASCII);
    assertThat(parser.accepts(AntlrHarness.entryRule(emission.rulesTsv(), "Request-Line"), lower))
        .isEqualTo(AbnfMatcher.matches(rules, "Request-Line", lower));
  }

  @Test
  @DisplayName("a whole INVITE from RFC 3261 §24.2 parses as SIP-message")
  void wholeMessage() {
    String invite = "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: Bob <sip:bob@biloxi.com>\r\n"
        + "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "Contact: <sip:alice@pc33.atlanta.com>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: 0\r\n"
        + "\r\n";
    byte[] b = invite.getBytes(StandardCharsets.US_ASCII);
    assertThat(parser.accepts(AntlrHarness.entryRule(emission.rulesTsv(), "SIP-message"), b)).isTrue();
    assertThat(AbnfMatcher.matches(rules, "SIP-message", b)).isTrue();
    byte[] broken = invite.replace("CSeq: 314159", "CSeq: x314159").getBytes(StandardCharsets.US_ASCII);
    // extension-header makes most header lines valid; the Call-ID/CSeq mistake is still an extension header
    assertThat(parser.accepts(AntlrHarness.entryRule(emission.rulesTsv(), "SIP-message"), broken))
        .isEqualTo(AbnfMatcher.matches(rules, "SIP-message", broken));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIP-URI", "Via", "From", "Contact", "Call-ID", "CSeq", "Authorization"})
  @DisplayName("parser and matcher agree on generated SIP strings and mutations")
  void agreement(String rule) {
    GeneratedStringAgreementTest.agree(rules, parser, emission.rulesTsv(), rule);
  }
}
