package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.syntax.FramingResult.Failed;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.MessageFact.Kind;

/**
 * Every RFC 4475 message framed as one UDP datagram, with the verdict that belongs to framing.
 * Grammar-level verdicts (a bad Via, a bad Date, ...) are not framing's: here those messages frame
 * and keep their text; {@link GrammarValidationTest} checks them through {@code validate()}.
 */
class Rfc4475DatagramTest {

  /** The messages framing itself must refuse, with the error kind and rule. */
  private static final Map<String, List<String>> FRAMING_ERRORS =
      Map.of(
          "clerr", List.of("TRUNCATED_BODY", "message-body", "18.3"),
          "ncl", List.of("INVALID_CONTENT_LENGTH", "Content-Length", "20.14"),
          "bigcode", List.of("MALFORMED_START_LINE", "Status-Code", "7.2"));

  static List<Corpus.Torture> messages() {
    return Corpus.rfc4475();
  }

  @Test
  @DisplayName("the corpus holds all 49 RFC 4475 messages")
  void corpusIsComplete() {
    assertThat(Corpus.rfc4475()).hasSize(49);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  @DisplayName("each message frames, or fails with the framing error RFC 4475 describes")
  void framesWithTheRightVerdict(Corpus.Torture torture) {
    byte[] bytes = torture.bytes();
    FramingResult result = SipFraming.datagram(bytes);
    List<String> expectedError = FRAMING_ERRORS.get(torture.name());
    if (expectedError != null) {
      assertThat(result).isInstanceOf(Failed.class);
      SyntaxError error = ((Failed) result).error();
      assertThat(List.of(error.kind().name(), error.rule(), error.rfcSection()))
          .isEqualTo(expectedError);
      return;
    }
    assertThat(result).isInstanceOf(Framed.class);
    Framed framed = (Framed) result;
    // The preserving form is exactly the octets the message was framed from.
    assertThat(framed.message().toBytes())
        .isEqualTo(Arrays.copyOfRange(bytes, 0, framed.octets()));
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# If there are additional bytes in
  //# the transport packet beyond the end of the body, they MUST be
  //# discarded.
  @Test
  @DisplayName("dblreq: the INVITE after the REGISTER's empty body is discarded")
  void dblreqDiscardsTrailingOctets() {
    byte[] bytes = new Corpus.Torture("3.1.1.8", "dblreq", "").bytes();
    Framed framed = (Framed) SipFraming.datagram(bytes);
    SipRequest request = (SipRequest) framed.message();
    assertThat(request.method()).isEqualTo("REGISTER");
    assertThat(request.bodyLength()).isZero();
    assertThat(framed.has(Kind.TRAILING_OCTETS_DISCARDED)).isTrue();
    assertThat(framed.octets()).isEqualTo(bytes.length - 450);
    assertThat(new String(bytes, framed.octets(), 8)).isEqualTo("\r\nINVITE");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# If the transport packet ends before the end of the
  //# message body, this is considered an error.
  @Test
  @DisplayName("clerr: Content-Length 9999 in a shorter datagram is an error naming both lengths")
  void clerrIsTruncatedBody() {
    Failed failed = (Failed) SipFraming.datagram(new Corpus.Torture("", "clerr", "").bytes());
    assertThat(failed.error().kind()).isEqualTo(SyntaxError.Kind.TRUNCATED_BODY);
    assertThat(failed.error().message())
        .contains("expected message-body (RFC 3261 §18.3)")
        .contains("9999")
        .contains("154");
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2.3
  //= type=test
  //# This request has a negative value for Content-Length.
  @Test
  @DisplayName("ncl: Content-Length -999 is an invalid value at its line and column")
  void nclIsInvalidContentLength() {
    Failed failed = (Failed) SipFraming.datagram(new Corpus.Torture("", "ncl", "").bytes());
    assertThat(failed.error().line()).isEqualTo(10);
    assertThat(failed.error().column()).isEqualTo(17);
    assertThat(failed.error().found()).isEqualTo("-999");
    assertThat(failed.error().message())
        .isEqualTo("line 10, column 17: expected Content-Length (RFC 3261 §20.14), Content-Length "
            + "is 1*DIGIT, but found \"-999\"");
  }

  @Test
  @DisplayName("bigcode: a 10-digit Status-Code is refused at column 9 of the Status-Line")
  void bigcodeIsRefused() {
    Failed failed = (Failed) SipFraming.datagram(new Corpus.Torture("", "bigcode", "").bytes());
    assertThat(failed.error().line()).isEqualTo(1);
    assertThat(failed.error().column()).isEqualTo(9);
    assertThat(failed.error().found()).startsWith("4294967301");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1
  //= type=test
  //# A valid SIP request formulated by a UAC MUST, at a minimum, contain
  //# the following header fields: To, From, CSeq, Call-ID, Max-Forwards,
  //# and Via; all of these header fields are mandatory in all SIP
  //# requests.
  @Test
  @DisplayName("insuf: frames, and reports Call-ID, From, To and Max-Forwards as missing")
  void insufReportsMissingHeaders() {
    Framed framed = (Framed) SipFraming.datagram(new Corpus.Torture("", "insuf", "").bytes());
    assertThat(missing(framed)).containsExactly("To", "From", "Call-ID", "Max-Forwards");
    assertThat(framed.message().bodyLength()).isEqualTo(152);
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.3.9
  //= type=test
  //# From a framing perspective, this situation is equivalent to an
  //# invalid Content-Length value (or no value at all).
  @Test
  @DisplayName("mcl01: conflicting Content-Length rows are reported, the body runs to the datagram end")
  void mcl01ReportsConflictingContentLength() {
    byte[] bytes = new Corpus.Torture("", "mcl01", "").bytes();
    Framed framed = (Framed) SipFraming.datagram(bytes);
    assertThat(framed.has(Kind.CONFLICTING_CONTENT_LENGTH)).isTrue();
    assertThat(framed.message().values("Content-Length")).containsExactly("13", "5");
    assertThat(framed.octets()).isEqualTo(bytes.length);
    assertThat(new String(framed.message().body())).startsWith("There's no way to know");
  }

  @Test
  @DisplayName("multi01: repeated Call-ID, To, From, Max-Forwards and CSeq rows are reported")
  void multi01ReportsRepeatedSingleValueHeaders() {
    Framed framed = (Framed) SipFraming.datagram(new Corpus.Torture("", "multi01", "").bytes());
    List<String> repeated =
        framed.facts().stream()
            .filter(f -> f.kind() == Kind.REPEATED_SINGLE_VALUE_HEADER)
            .map(MessageFact::header)
            .toList();
    assertThat(repeated).containsExactlyInAnyOrder("Max-Forwards", "CSeq", "Call-ID", "From", "To");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# If the message
  //# has no Content-Length header field, the message body is assumed to
  //# end at the end of the transport packet.
  @Test
  @DisplayName("inv2543: no Content-Length, so the body is the rest of the datagram")
  void inv2543BodyToEndOfDatagram() {
    byte[] bytes = new Corpus.Torture("", "inv2543", "").bytes();
    Framed framed = (Framed) SipFraming.datagram(bytes);
    assertThat(framed.has(Kind.CONTENT_LENGTH_ABSENT)).isTrue();
    assertThat(framed.message().bodyLength()).isEqualTo(105);
    assertThat(missing(framed)).containsExactly("Max-Forwards");
  }

  @Test
  @DisplayName("lwsstart, trws and lwsruri frame, with their start-line whitespace reported")
  void startLineWhitespaceIsAFact() {
    for (String name : List.of("lwsstart", "trws", "lwsruri")) {
      Framed framed = (Framed) SipFraming.datagram(new Corpus.Torture("", name, "").bytes());
      assertThat(framed.has(Kind.START_LINE_WHITESPACE)).as(name).isTrue();
    }
    SipRequest lwsruri =
        (SipRequest)
            ((Framed) SipFraming.datagram(new Corpus.Torture("", "lwsruri", "").bytes())).message();
    assertThat(lwsruri.requestUri()).isEqualTo("sip:user@example.com; lr");
    assertThat(lwsruri.sipVersion()).isEqualTo("SIP/2.0");
  }

  @Test
  @DisplayName("noreason and unreason keep their Reason-Phrase: empty, and UTF-8")
  void reasonPhrases() {
    SipResponse noreason =
        (SipResponse)
            ((Framed) SipFraming.datagram(new Corpus.Torture("", "noreason", "").bytes())).message();
    assertThat(noreason.statusCode()).isEqualTo(100);
    assertThat(noreason.reasonPhrase()).isEmpty();
    SipResponse unreason =
        (SipResponse)
            ((Framed) SipFraming.datagram(new Corpus.Torture("", "unreason", "").bytes())).message();
    assertThat(unreason.reasonPhrase()).startsWith("= 2**3 * 5**2 но сто");
  }

  @Test
  @DisplayName("the clean valid messages of §3.1.1 raise no facts except dblreq's discarded octets")
  void validMessagesAreClean() {
    for (Corpus.Torture t : Corpus.rfc4475()) {
      if (!t.section().startsWith("3.1.1.")) {
        continue;
      }
      Framed framed = (Framed) SipFraming.datagram(t.bytes());
      List<Kind> kinds = framed.facts().stream().map(MessageFact::kind).toList();
      if (t.name().equals("dblreq")) {
        assertThat(kinds).containsExactly(Kind.TRAILING_OCTETS_DISCARDED);
      } else {
        assertThat(kinds).as(t.name()).isEmpty();
      }
    }
  }

  private static List<String> missing(Framed framed) {
    return framed.facts().stream()
        .filter(f -> f.kind() == Kind.MISSING_MANDATORY_HEADER)
        .map(MessageFact::header)
        .toList();
  }
}
