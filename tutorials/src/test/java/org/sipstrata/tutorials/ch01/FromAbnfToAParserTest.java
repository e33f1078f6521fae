package org.sipstrata.tutorials.ch01;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.abnf.AbnfDocument;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.AntlrEmitter;
import org.sipstrata.abnf.Diagnostic;
import org.sipstrata.abnf.Element;
import org.sipstrata.abnf.EmittedRule;
import org.sipstrata.abnf.Emission;
import org.sipstrata.abnf.EmitterOptions;
import org.sipstrata.abnf.Position;
import org.sipstrata.abnf.Rule;
import org.sipstrata.abnf.RuleSet;
import org.sipstrata.abnf.oracle.AbnfMatcher;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.GrammarError;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.SipGrammar;

/** Chapter 1, "From ABNF to a parser": the code shown in the chapter, and what it does. */
@DisplayName("Chapter 1: from ABNF to a parser")
class FromAbnfToAParserTest {

  /** The committed core rules of RFC 5234 Appendix B.1, as grammar/sip uses them. */
  static final Path CORE = Chapter1Files.abnf("rfc5234-core.abnf");

  // tag::cseq-abnf[]
  /** The rules of RFC 3261 §25.1 that CSeq needs, copied as the RFC writes them. */
  static final String CSEQ_ABNF = """
      CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method
      Method            =  INVITEm / ACKm / OPTIONSm / BYEm
                           / CANCELm / REGISTERm
                           / extension-method
      INVITEm           =  %x49.4E.56.49.54.45 ; INVITE in caps
      ACKm              =  %x41.43.4B ; ACK in caps
      OPTIONSm          =  %x4F.50.54.49.4F.4E.53 ; OPTIONS in caps
      BYEm              =  %x42.59.45 ; BYE in caps
      CANCELm           =  %x43.41.4E.43.45.4C ; CANCEL in caps
      REGISTERm         =  %x52.45.47.49.53.54.45.52 ; REGISTER in caps
      extension-method  =  token
      token       =  1*(alphanum / "-" / "." / "!" / "%" / "*"
                     / "_" / "+" / "`" / "'" / "~" )
      alphanum  =  ALPHA / DIGIT
      HCOLON  =  *( SP / HTAB ) ":" SWS
      LWS  =  [*WSP CRLF] 1*WSP ; linear whitespace
      SWS  =  [LWS] ; sep whitespace
      """;
  // end::cseq-abnf[]

  static RuleSet cseqRules() {
    return RuleSet.combine(
        List.of(AbnfReader.read(CORE), AbnfReader.read("cseq.abnf", CSEQ_ABNF)), List.of());
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("AbnfReader reads the rules into records; RuleSet.check finds nothing wrong")
  void readAndCheck() {
    // tag::read[]
    AbnfDocument core = AbnfReader.read(CORE);
    AbnfDocument mine = AbnfReader.read("cseq.abnf", CSEQ_ABNF);
    RuleSet rules = RuleSet.combine(List.of(core, mine), List.of());
    List<Diagnostic> problems = rules.check(List.of("CSeq"), false);

    Rule cseq = rules.rule("cseq").orElseThrow(); // rule names ignore case
    // end::read[]

    assertThat(mine.diagnostics()).isEmpty();
    assertThat(mine.definitions()).hasSize(14);
    assertThat(problems).noneMatch(Diagnostic::isError);
    // the core rules CSeq does not use are reported, as warnings
    assertThat(problems)
        .anySatisfy(d -> assertThat(d.message()).contains("rule BIT is not reachable"));
    // tag::model[]
    assertThat(cseq.element())
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(Position.class)
        .isEqualTo(
            new Element.Concatenation(
                List.of(
                    new Element.CharVal("CSeq", false), // "CSeq": any case
                    ref("HCOLON"),
                    new Element.Repetition(1, Element.Repetition.UNBOUNDED, ref("DIGIT")),
                    ref("LWS"),
                    ref("Method"))));
    assertThat(rules.rule("INVITEm").orElseThrow().element())
        .isEqualTo(new Element.NumVal('x', List.of(0x49, 0x4E, 0x56, 0x49, 0x54, 0x45)));
    // end::model[]
  }

  /** A rule reference; the comparison above ignores where it is written. */
  private static Element.RuleRef ref(String name) {
    return new Element.RuleRef(name, null);
  }

  @Test
  @DisplayName("a mistake in the ABNF is a diagnostic with file, line, column and rule")
  void checkFindsMistakes() {
    // tag::check[]
    String broken = CSEQ_ABNF.replace("extension-method  =  token", "extension-method  =  tokn");
    RuleSet rules =
        RuleSet.combine(
            List.of(AbnfReader.read(CORE), AbnfReader.read("cseq.abnf", broken)), List.of());
    List<Diagnostic> errors =
        rules.check(List.of("CSeq"), false).stream().filter(Diagnostic::isError).toList();
    // end::check[]

    assertThat(errors).singleElement().hasToString(
        "cseq.abnf:11:22: error: rule tokn is referenced by extension-method but never defined");
  }

  @Test
  @DisplayName("the emitter turns CSeq into an ANTLR rule over one token per byte")
  void emitCseq() {
    RuleSet rules = cseqRules();
    // tag::emit[]
    Emission emission = AntlrEmitter.emit(rules, EmitterOptions.of("CSeqParser", List.of("CSeq")));
    EmittedRule cseq = emission.rule("CSeq").orElseThrow();
    // end::emit[]

    assertThat(emission.ok()).isTrue();
    assertThat(emission.grammar()).startsWith(
        "// Generated by org.sipstrata.abnf.AntlrEmitter from ABNF; do not edit.\n");
    assertThat(emission.grammar()).contains("parser grammar CSeqParser;", cseq.text());
    // tag::emitted[]
    String expected = """
        cseq
          : (X43 | X63) (X53 | X73) (X45 | X65) (X51 | X71) hcolon \
        (X30 | X31 | X32 | X33 | X34 | X35 | X36 | X37 | X38 | X39)+ lws method
          ;
        """;
    // end::emitted[]
    assertThat(cseq.text()).isEqualTo(expected);
    assertThat(cseq.entryRule()).map(EmittedRule.Entry::name).contains("cseqEof");
    assertThat(emission.rule("DIGIT").orElseThrow().use()).isEqualTo(EmittedRule.Use.TOKEN_SET);
    // tag::emitted-method[]
    String method = """
        method
          : invitem
          | ackm
          | optionsm
          | byem
          | cancelm
          | registerm
          | extensionMethod
          ;
        """;
    // end::emitted-method[]
    assertThat(emission.rule("Method").orElseThrow().text()).isEqualTo(method);
    assertThat(emission.rule("INVITEm").orElseThrow().text())
        .isEqualTo("invitem\n  : X49 X4E X56 X49 X54 X45\n  ;\n");
  }

  //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
  //= type=test
  //# ABNF strings are case insensitive and the character set for these
  //# strings is US-ASCII.
  @Test
  @DisplayName("the matcher is the oracle: it decides exactly what the ABNF means")
  void oracle() {
    RuleSet rules = cseqRules();
    // tag::oracle[]
    AbnfMatcher oracle = new AbnfMatcher(rules);
    boolean plain = oracle.match("CSeq", ascii("CSeq: 4711 INVITE")).matched();
    boolean lowerName = oracle.match("CSeq", ascii("cseq: 4711 INVITE")).matched();
    boolean noSpace = oracle.match("CSeq", ascii("CSeq: 4711INVITE")).matched();
    boolean lowerMethodIsInvite = oracle.match("INVITEm", ascii("invite")).matched();
    boolean lowerMethodIsExtension = oracle.match("extension-method", ascii("invite")).matched();
    // end::oracle[]

    assertThat(plain).isTrue();
    assertThat(lowerName).isTrue(); // "CSeq" is a quoted string: any case
    assertThat(noSpace).isFalse(); // LWS needs at least one WSP
    assertThat(lowerMethodIsInvite).isFalse(); // %x49.4E.56.49.54.45 is exact
    assertThat(lowerMethodIsExtension).isTrue();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.16
  //= type=test
  //# The method part of CSeq is
  //# case-sensitive.
  @Test
  @DisplayName("a lower-case method is not INVITE: it is an extension method named invite")
  void methodIsCaseSensitive() {
    ParseResult result = SipGrammar.strict().parseHeaderValue(EntryRule.CSEQ, "4711 invite");
    ParseTree tree = ((ParseResult.Ok) result).tree();
    assertThat(tree.find("INVITEm")).isEmpty();
    assertThat(tree.find("extension-method")).map(tree::text).contains("invite");
  }

  @Test
  @DisplayName("SipGrammar parses a Request-Line into a tree named by ABNF rules")
  void requestLine() {
    // tag::request-line[]
    SipGrammar grammar = SipGrammar.strict();
    ParseResult result =
        grammar.parse(EntryRule.REQUEST_LINE, "INVITE sip:bob@biloxi.com SIP/2.0\r\n");
    ParseTree tree =
        switch (result) {
          case ParseResult.Ok ok -> ok.tree();
          case ParseResult.Failed failed -> throw new AssertionError(failed.error().message());
        };
    String method = tree.find("Method").map(tree::text).orElseThrow(); // "INVITE"
    String host = tree.find("host").map(tree::text).orElseThrow(); // "biloxi.com"
    String version = tree.find("SIP-Version").map(tree::text).orElseThrow(); // "SIP/2.0"
    // end::request-line[]

    assertThat(method).isEqualTo("INVITE");
    assertThat(host).isEqualTo("biloxi.com");
    assertThat(version).isEqualTo("SIP/2.0");
    assertThat(tree.find("INVITEm")).isPresent();
    assertThat(tree.root().rule()).isEqualTo("Request-Line");
  }

  @Test
  @DisplayName("a header value is parsed by its header's rule; the tree prints one rule per line")
  void viaHeaderValue() {
    // tag::via[]
    ParseResult result =
        SipGrammar.strict()
            .parseHeaderValue(
                EntryRule.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds");
    String printed = ((ParseResult.Ok) result).tree().format();
    // end::via[]

    // tag::via-tree[]
    String expected = """
        Via "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds"
          via-parm "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds"
            sent-protocol "SIP/2.0/UDP"
              protocol-name "SIP"
              protocol-version "2.0"
                token "2.0"
              transport "UDP"
            sent-by "pc33.atlanta.com"
              host "pc33.atlanta.com"
                hostname "pc33.atlanta.com"
                  domainlabel "pc33"
                  domainlabel "atlanta"
                  toplabel "com"
            via-params "branch=z9hG4bK776asdhds"
              via-branch "branch=z9hG4bK776asdhds"
                token "z9hG4bK776asdhds"
        """;
    // end::via-tree[]
    assertThat(printed).isEqualTo(expected);
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.1.1
  //= type=test
  //# This short, relatively human-readable message contains:
  @Test
  @DisplayName("a whole RFC 4475 message, wsinv, matches SIP-message")
  void wholeMessage() throws IOException {
    // tag::message[]
    byte[] wsinv = Files.readAllBytes(Chapter1Files.rfc4475("wsinv.dat"));
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, wsinv);
    ParseTree tree = ((ParseResult.Ok) result).tree();
    List<String> headers =
        tree.findAll("message-header").stream()
            .map(header -> header.children().get(0).rule())
            .toList();
    // end::message[]

    assertThat(tree.find("Method").map(tree::text)).contains("INVITE");
    // tag::message-headers[]
    assertThat(headers)
        .containsExactly("To", "From", "Max-Forwards", "Call-ID", "Content-Length", "CSeq", "Via",
            "Subject", "extension-header", "extension-header", "Content-Type", "Route", "Via",
            "Contact");
    // end::message-headers[]
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2.8
  //= type=test
  //# This INVITE has illegal LWS within the Request-URI.
  @Test
  @DisplayName("lwsruri fails at SIP-Version: the error names line, column, rule and RFC section")
  void readingAGrammarError() throws IOException {
    // tag::error[]
    byte[] lwsruri = Files.readAllBytes(Chapter1Files.rfc4475("lwsruri.dat"));
    ParseResult result = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, lwsruri);
    GrammarError error = ((ParseResult.Failed) result).error();
    // end::error[]

    // tag::error-fields[]
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(30);
    assertThat(error.abnfRule()).isEqualTo("Request-Line");
    assertThat(error.rfcSection()).isEqualTo("RFC 3261 §25.1");
    assertThat(error.expected()).isEqualTo("SIP-Version");
    assertThat(error.found()).isEqualTo("lr SIP/2.0");
    assertThat(error.message())
        .isEqualTo("line 1, column 30: expected SIP-Version (RFC 3261 §25.1, Request-Line)"
            + " but found \"lr SIP/2.0\"");
    // end::error-fields[]
    assertThat(new String(lwsruri, StandardCharsets.US_ASCII))
        .startsWith("INVITE sip:user@example.com; lr SIP/2.0\r\n");
  }

  @Test
  @DisplayName("badvers (SIP/7.0) is well formed: its version is a semantic error, not syntax")
  void unknownVersionIsWellFormed() throws IOException {
    // tag::badvers[]
    byte[] badvers = Files.readAllBytes(Chapter1Files.rfc4475("badvers.dat"));
    ParseResult message = SipGrammar.strict().parse(EntryRule.SIP_MESSAGE, badvers);
    ParseResult line =
        SipGrammar.strict()
            .parse(EntryRule.REQUEST_LINE, "INVITE sip:bob@biloxi.com SIP/7.0\r\n");
    ParseResult http =
        SipGrammar.strict()
            .parse(EntryRule.REQUEST_LINE, "INVITE sip:bob@biloxi.com HTTP/1.1\r\n");
    // end::badvers[]

    assertThat(message.isOk()).isTrue();
    assertThat(line.isOk()).isTrue();
    GrammarError error = ((ParseResult.Failed) http).error();
    assertThat(error.column()).isEqualTo(27);
    assertThat(error.expected()).isEqualTo("SIP-Version");
    assertThat(error.found()).isEqualTo("HTTP/1.1");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
  //= type=test
  //# The SIP-Version string is case-insensitive,
  @Test
  @DisplayName("one token per byte: INVITEX is one extension method, and sip/2.0 is a SIP-Version")
  void oneTokenPerByte() {
    // tag::per-byte[]
    SipGrammar grammar = SipGrammar.strict();
    ParseResult invitex =
        grammar.parse(EntryRule.REQUEST_LINE, "INVITEX sip:bob@biloxi.com SIP/2.0\r\n");
    ParseResult lower =
        grammar.parse(EntryRule.REQUEST_LINE, "invite sip:bob@biloxi.com sip/2.0\r\n");
    // end::per-byte[]

    ParseTree one = ((ParseResult.Ok) invitex).tree();
    assertThat(one.find("extension-method").map(one::text)).contains("INVITEX");
    assertThat(one.find("INVITEm")).isEmpty();
    ParseTree two = ((ParseResult.Ok) lower).tree();
    assertThat(two.find("SIP-Version").map(two::text)).contains("sip/2.0");
    assertThat(two.find("extension-method").map(two::text)).contains("invite");
  }
}
