package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.syntax.FramingResult.Failed;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.SyntaxError.Kind;

/**
 * The lazy, grammar-backed layer over framing: {@code validate()}, {@code validateStrict()} and the
 * typed accessors, on all 49 RFC 4475 messages.
 */
class GrammarValidationTest {

  /** For each §3.1.2 invalid message: the first error (framing or validate), kind and line. */
  private static final Map<String, List<Object>> INVALID =
      Map.ofEntries(
          Map.entry("badinv01", List.of(Kind.INVALID_HEADER_FIELD, 7)),
          Map.entry("clerr", List.of(Kind.TRUNCATED_BODY, 12)),
          Map.entry("ncl", List.of(Kind.INVALID_CONTENT_LENGTH, 10)),
          Map.entry("scalar02", List.of(Kind.VALUE_OUT_OF_RANGE, 5)),
          Map.entry("scalarlg", List.of(Kind.VALUE_OUT_OF_RANGE, 5)),
          Map.entry("quotbal", List.of(Kind.INVALID_HEADER_FIELD, 2)),
          Map.entry("ltgtruri", List.of(Kind.INVALID_START_LINE, 1)),
          Map.entry("lwsruri", List.of(Kind.INVALID_START_LINE, 1)),
          Map.entry("lwsstart", List.of(Kind.INVALID_START_LINE, 1)),
          Map.entry("trws", List.of(Kind.INVALID_START_LINE, 1)),
          Map.entry("escruri", List.of(Kind.DISALLOWED_URI_COMPONENT, 1)),
          Map.entry("baddate", List.of(Kind.INVALID_HEADER_FIELD, 8)),
          Map.entry("regbadct", List.of(Kind.INVALID_HEADER_FIELD, 8)),
          Map.entry("badaspec", List.of(Kind.INVALID_HEADER_FIELD, 5)),
          Map.entry("baddn", List.of(Kind.INVALID_HEADER_FIELD, 4)),
          Map.entry("badvers", List.of(Kind.UNSUPPORTED_SIP_VERSION, 1)),
          Map.entry("mismatch01", List.of(Kind.CSEQ_METHOD_MISMATCH, 6)),
          Map.entry("mismatch02", List.of(Kind.CSEQ_METHOD_MISMATCH, 6)),
          Map.entry("bigcode", List.of(Kind.MALFORMED_START_LINE, 1)));

  static List<Corpus.Torture> messages() {
    return Corpus.rfc4475();
  }

  @Test
  @DisplayName("the table covers exactly the 19 invalid messages of RFC 4475 §3.1.2")
  void tableCoversSection312() {
    assertThat(Corpus.rfc4475().stream().filter(t -> t.section().startsWith("3.1.2.")).map(Corpus.Torture::name))
        .containsExactlyInAnyOrderElementsOf(INVALID.keySet());
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2
  //= type=test
  //# This section contains several invalid messages reflecting errors seen
  //# at interoperability events and exploring important edge conditions
  //# that can be induced through malformed messages.
  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @DisplayName("§3.1.2 messages are refused with a precise error; all others frame and validate clean")
  void verdict(Corpus.Torture torture) {
    FramingResult result = SipFraming.datagram(torture.bytes());
    List<Object> expected = INVALID.get(torture.name());
    SyntaxError first;
    if (result instanceof Failed failed) {
      first = failed.error();
    } else {
      SipMessage message = ((Framed) result).message();
      List<SyntaxError> errors = message.validate();
      if (expected == null) {
        assertThat(errors).isEmpty();
        assertThat(message.validateStrict()).isEmpty();
        return;
      }
      assertThat(errors).isNotEmpty();
      first = errors.get(0);
    }
    assertThat(expected).as("%s was refused: %s", torture.name(), first).isNotNull();
    assertThat(List.<Object>of(first.kind(), first.line())).isEqualTo(expected);
    assertThat(first.message()).startsWith("line " + first.line() + ", column " + first.column() + ": expected ");
  }

  @Test
  @DisplayName("badinv01: both bad rows are reported, at their line and column, naming the rule")
  void everyBadRowIsReported() {
    SipMessage message =
        ((Framed) SipFraming.datagram(new Corpus.Torture("", "badinv01", "").bytes())).message();
    List<SyntaxError> errors = message.validate();
    assertThat(errors).extracting(SyntaxError::line).containsExactly(7, 8);
    assertThat(errors.get(0).message())
        .isEqualTo("line 7, column 29: expected via-params (RFC 3261 §25.1), in via-parm, but found "
            + "\";,;,,\"");
    assertThat(message.validateStrict()).get().extracting(SyntaxError::line).isEqualTo(7);
  }

  @Test
  @DisplayName("a folded row's error is placed on the message line where it occurs")
  void foldedRowLines() {
    String text =
        "OPTIONS sip:a@example.com SIP/2.0\r\nSubject: one\r\n two\r\nVia: SIP/2.0/UDP\r\n"
            + "  host;;\r\n\r\n";
    SipMessage message = ((Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8))).message();
    List<SyntaxError> errors = message.validate();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isEqualTo(5);
    assertThat(errors.get(0).kind()).isEqualTo(Kind.INVALID_HEADER_FIELD);
  }

  @Test
  @DisplayName("typed access: Call-ID, CSeq, Max-Forwards, top Via branch, From and To tags, compact names too")
  void typedAccess() {
    String text =
        "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
            + "v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
            + "Via: SIP/2.0/UDP p2.atlanta.com;branch=z9hG4bKsecond\r\n"
            + "Max-Forwards: 70\r\n"
            + "t: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n"
            + "f: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
            + "i: a84b4c76e66710@pc33.atlanta.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "l: 0\r\n\r\n";
    SipMessage message = ((Framed) SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8))).message();
    assertThat(message.callId()).contains("a84b4c76e66710@pc33.atlanta.com");
    assertThat(message.cseq()).contains(new CSeq(314159, "INVITE"));
    assertThat(message.maxForwards()).hasValue(70);
    assertThat(message.topViaBranch()).contains("z9hG4bK776asdhds");
    assertThat(message.fromTag()).contains("1928301774");
    assertThat(message.toTag()).contains("a6c85cf");
    assertThat(message.validate()).isEmpty();
  }

  @Test
  @DisplayName("typed access is empty when the header is absent or malformed; validate says why")
  void typedAccessOnBadRows() {
    SipMessage insuf =
        ((Framed) SipFraming.datagram(new Corpus.Torture("", "insuf", "").bytes())).message();
    assertThat(insuf.callId()).isEmpty();
    assertThat(insuf.fromTag()).isEmpty();
    SipMessage scalar02 =
        ((Framed) SipFraming.datagram(new Corpus.Torture("", "scalar02", "").bytes())).message();
    assertThat(scalar02.cseq()).isEmpty();
    assertThat(scalar02.maxForwards()).isEmpty();
    assertThat(scalar02.validate()).extracting(SyntaxError::rule).containsExactly("CSeq", "Max-Forwards");
  }

  @Test
  @DisplayName("the stream corpora validate clean, header by header")
  void streamsValidate() {
    for (String file : List.of("generic.txt", "lioneagle-sipparser.txt")) {
      StreamDecoder decoder =
          new StreamDecoder(SyntaxLimits.defaults(), StreamDecoder.MissingContentLength.ASSUME_ZERO);
      decoder.feed(Corpus.resource("/corpus/streams/" + file));
      int count = 0;
      for (FramingResult r : StreamDecoderTest.drain(decoder)) {
        SipMessage message = ((Framed) r).message();
        assertThat(message.validate()).as("%s message %d", file, count).isEmpty();
        count++;
      }
      assertThat(count).isPositive();
    }
  }
}
