package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Entry points for single rules: header values, start lines and URIs. */
@DisplayName("parsing one rule")
class HeaderValueTest {

  private final SipGrammar grammar = SipGrammar.strict();

  private ParseTree ok(ParseResult result) {
    assertThat(result)
        .as(() -> result instanceof ParseResult.Failed f ? f.error().message() : "")
        .isInstanceOf(ParseResult.Ok.class);
    return ((ParseResult.Ok) result).tree();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.10
  //= type=test
  //# If no "<"
  //# and ">" are present, all parameters after the URI are header
  //# parameters, not URI parameters.
  @Test
  @DisplayName("From: sip:a@b;tag=x — tag is a header parameter, not a URI parameter")
  void tagWithoutAngleBracketsIsAHeaderParameter() {
    ParseTree tree = ok(grammar.parseHeaderValue(EntryRule.FROM, "sip:a@b;tag=x"));
    assertThat(tree.findAll("uri-parameter")).isEmpty();
    assertThat(tree.findAll("tag-param")).singleElement().extracting(tree::text).isEqualTo("tag=x");
    assertThat(tree.find("bare-addr-spec")).map(tree::text).hasValue("sip:a@b");
  }

  @Test
  @DisplayName("From: <sip:a@b;tag=x> — inside <> the parameter belongs to the URI")
  void tagInsideAngleBracketsIsAUriParameter() {
    ParseTree tree = ok(grammar.parseHeaderValue(EntryRule.FROM, "<sip:a@b;tag=x>"));
    assertThat(tree.findAll("uri-parameter")).singleElement().extracting(tree::text)
        .isEqualTo("tag=x");
    assertThat(tree.findAll("tag-param")).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.10
  //= type=test
  //# Even if the "display-name" is empty, the "name-addr" form MUST be
  //# used if the "addr-spec" contains a comma, semicolon, or question
  //# mark.
  @Test
  @DisplayName("Contact: an addr-spec with headers (?) outside <> is rejected")
  void questionMarkOutsideAngleBracketsIsRejected() {
    ParseResult result =
        grammar.parseHeaderValue(EntryRule.CONTACT, "sip:user@example.com?Route=%3Csip:a%3E");
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    assertThat(((ParseResult.Failed) result).error().column()).isEqualTo(21);
  }

  @Test
  @DisplayName("Via, CSeq, Call-ID and Max-Forwards values parse into their ABNF rules")
  void commonHeaderValues() {
    ParseTree via =
        ok(grammar.parseHeaderValue(
            EntryRule.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds"));
    assertThat(via.find("sent-by")).map(via::text).hasValue("pc33.atlanta.com");
    assertThat(via.find("via-branch")).map(via::text).hasValue("branch=z9hG4bK776asdhds");

    ParseTree cseq = ok(grammar.parseHeaderValue(EntryRule.CSEQ, "314159 INVITE"));
    assertThat(cseq.find("Method")).map(cseq::text).hasValue("INVITE");

    ParseTree callId =
        ok(grammar.parseHeaderValue(EntryRule.CALL_ID, "a84b4c76e66710@pc33.atlanta.com"));
    assertThat(callId.find("callid")).map(callId::text)
        .hasValue("a84b4c76e66710@pc33.atlanta.com");

    ok(grammar.parseHeaderValue(EntryRule.MAX_FORWARDS, "70"));
  }

  @Test
  @DisplayName("a bad header value is an error with a column counted from the value")
  void badValueColumnCountsFromTheValue() {
    ParseResult result = grammar.parseHeaderValue(EntryRule.CSEQ, "12x INVITE");
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    GrammarError error = ((ParseResult.Failed) result).error();
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(3);
    assertThat(error.abnfRule()).isEqualTo("CSeq");
    assertThat(error.found()).isEqualTo("x INVITE");
  }

  @Test
  @DisplayName("compact header names are the same rule (v for Via)")
  void compactFormParses() {
    ok(grammar.parse(EntryRule.VIA, "v: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK1"));
    assertThat(EntryRule.forHeaderName("V")).hasValue(EntryRule.VIA);
    assertThat(EntryRule.forHeaderName("call-id")).hasValue(EntryRule.CALL_ID);
  }

  @Test
  @DisplayName("start lines and URIs are entry points")
  void startLinesAndUris() {
    ok(grammar.parse(EntryRule.REQUEST_LINE, "INVITE sip:bob@biloxi.com SIP/2.0\r\n"));
    ok(grammar.parse(EntryRule.STATUS_LINE, "SIP/2.0 180 Ringing\r\n"));
    ok(grammar.parse(EntryRule.SIP_URI, "sip:alice:secretword@atlanta.com;transport=tcp"));
    ok(grammar.parse(EntryRule.SIPS_URI, "sips:1212@gateway.com"));
    ok(grammar.parse(EntryRule.ABSOLUTE_URI, "mailto:watson@bell-telephone.com"));
    ok(grammar.parse(EntryRule.REQUEST_URI, "sip:[2001:db8::10]:5070"));
    assertThat(grammar.parse(EntryRule.SIP_URI, "sip:bob@444.555.666.777").isOk())
        .as("RFC 5954's IPv4address has no octet above 255")
        .isFalse();
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //= type=test
  //# telephone-subscriber = global-number / local-number
  @Test
  @DisplayName("a telephone-subscriber user part parses as user, not as an undefined rule")
  void telephoneSubscriberUserPart() {
    ok(grammar.parse(EntryRule.SIP_URI, "sip:+1-212-555-1212:1234@gateway.com;user=phone"));
  }

  //= https://www.rfc-editor.org/rfc/rfc3966#section-3
  //= type=test
  //# telephone-uri        = "tel:" telephone-subscriber
  @Test
  @DisplayName("a tel URI is an entry point: RFC 3966 §6's examples parse, a local number needs a context")
  void telUri() {
    ParseTree global = ok(grammar.parse(EntryRule.TEL_URI, "tel:+1-201-555-0123"));
    assertThat(global.find("global-number-digits")).map(global::text).hasValue("+1-201-555-0123");
    ParseTree local = ok(grammar.parse(EntryRule.TEL_URI, "tel:7042;phone-context=example.com"));
    assertThat(local.find("local-number-digits")).map(local::text).hasValue("7042");
    ok(grammar.parse(EntryRule.TEL_URI, "tel:863-1234;phone-context=+1-914-555"));
    ok(grammar.parse(EntryRule.TEL_URI, "TEL:+1-201-555-0123;ext=22"));
    ParseResult noContext = grammar.parse(EntryRule.TEL_URI, "tel:7042");
    assertThat(noContext).isInstanceOf(ParseResult.Failed.class);
    assertThat(((ParseResult.Failed) noContext).error().column()).isEqualTo(9);
    assertThat(grammar.parse(EntryRule.TEL_URI, "tel:+").isOk()).isFalse();
    assertThat(grammar.parse(EntryRule.TEL_URI, "sip:+1@a.example").isOk()).isFalse();
  }

  @Test
  @DisplayName("strict mode: a tel URI that is not a telephone-uri is not accepted as an absoluteURI")
  void telSchemeIsNotAnAbsoluteUriInStrictMode() {
    ParseResult strict = SipGrammar.strict().parse(EntryRule.REQUEST_URI, "tel:7042");
    assertThat(strict).isInstanceOf(ParseResult.Failed.class);
    assertThat(((ParseResult.Failed) strict).error().rfcSection()).isEqualTo("RFC 3966 §3");
    assertThat(SipGrammar.lenient().parse(EntryRule.REQUEST_URI, "tel:7042").isOk()).isTrue();
    ok(SipGrammar.strict().parse(EntryRule.REQUEST_URI, "tel:7042;phone-context=example.com"));
    ParseResult to = SipGrammar.strict().parseHeaderValue(EntryRule.TO, "<TEL:+1-201-555-0123>;tag=1");
    ok(to);
    assertThat(SipGrammar.strict().parseHeaderValue(EntryRule.TO, "<tel:+>").isOk()).isFalse();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //= type=test
  //# Note, however, that any characters allowed there that are not allowed in
  //# the user part of the SIP URI MUST be escaped.
  @Test
  @DisplayName("strict mode: a telephone-subscriber with an unescaped # is rejected, escaped it parses")
  void telephoneSubscriberCharactersMustBeEscaped() {
    String raw = "sip:12#3;phone-context=example.com@gateway.com";
    ParseResult strict = SipGrammar.strict().parse(EntryRule.SIP_URI, raw);
    assertThat(strict).isInstanceOf(ParseResult.Failed.class);
    assertThat(((ParseResult.Failed) strict).error().abnfRule()).isEqualTo("userinfo");
    assertThat(SipGrammar.lenient().parse(EntryRule.SIP_URI, raw).isOk()).isTrue();
    ok(SipGrammar.strict().parse(EntryRule.SIP_URI, raw.replace("#", "%23")));
  }

  @Test
  @DisplayName("strict mode: sip:2001:db8::10 is not accepted as an absoluteURI")
  void sipSchemeIsNotAnAbsoluteUriInStrictMode() {
    assertThat(SipGrammar.strict().parse(EntryRule.REQUEST_URI, "sip:2001:db8::10").isOk())
        .isFalse();
    assertThat(SipGrammar.lenient().parse(EntryRule.REQUEST_URI, "sip:2001:db8::10").isOk())
        .isTrue();
  }

  @Test
  @DisplayName("strict mode: a known header name that is not its own rule is an error")
  void knownHeaderIsNotAnExtensionHeaderInStrictMode() {
    String field = "Max-Forwards: seventy";
    ParseResult strict = SipGrammar.strict().parse(EntryRule.EXTENSION_HEADER, field);
    assertThat(strict).isInstanceOf(ParseResult.Failed.class);
    assertThat(((ParseResult.Failed) strict).error().abnfRule()).isEqualTo("Max-Forwards");
    assertThat(SipGrammar.lenient().parse(EntryRule.EXTENSION_HEADER, field).isOk()).isTrue();
  }

  @Test
  @DisplayName("parseHeaderValue refuses rules that are not header fields")
  void headerValueNeedsAHeaderRule() {
    assertThatThrownBy(() -> grammar.parseHeaderValue(EntryRule.SIP_URI, "sip:a@b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
