package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SipFraming#datagram} frames the common case in one pass ({@link DatagramFraming}) and
 * hands everything else to the state machine; these tests hold the one pass to the state machine
 * ({@link SipFraming#byStateMachine}) on every corpus message, on every single-octet change and
 * truncation of them, under tight limits, and on generated messages. Wherever the one pass frames,
 * the result must be the state machine's: equal message, the same octets back, the same facts in
 * the same order, the same count of octets taken, the same error.
 */
class DatagramFramingDifferentialTest {

  /** Every message the module's tests load, as datagrams. */
  static List<byte[]> corpus() throws IOException {
    List<byte[]> all = new ArrayList<>();
    for (Corpus.Torture torture : Corpus.rfc4475()) {
      all.add(torture.bytes());
    }
    for (Rfc5118Test.Message message : Rfc5118Test.all()) {
      all.add(message.wire());
      all.add(message.archived());
    }
    for (CorpusTypedHeadersTest.Sample sample : CorpusTypedHeadersTest.rfc3665()) {
      all.add(sample.bytes());
    }
    for (String stream : List.of("generic.txt", "lioneagle-sipparser.txt")) {
      byte[] octets = Corpus.resource("/corpus/streams/" + stream);
      all.add(octets);
      for (SipMessage message : CorpusTypedHeadersTest.streamMessages(stream)) {
        all.add(message.toBytes());
      }
    }
    Path shared = Path.of(System.getProperty("strata.shared", "/work/shared"), "corpus");
    Path misc = shared.resolve("misc-flows");
    if (Files.isDirectory(misc)) {
      for (Path yaml : SharedCorporaTest.files(misc, ".yaml")) {
        all.addAll(SharedCorporaTest.yamlMessages(Files.readString(yaml, StandardCharsets.UTF_8)));
      }
    }
    Path ser = shared.resolve("ser-test-messages");
    if (Files.isDirectory(ser)) {
      for (Path file : SharedCorporaTest.files(ser, ".sip")) {
        byte[] octets = Files.readAllBytes(file);
        all.add(octets);
        all.add(SharedCorporaTest.crlf(octets));
      }
    }
    return all;
  }

  /** The results of both framers for {@code octets}, compared; whether the one pass framed it. */
  static boolean assertSameResult(byte[] octets, SyntaxLimits limits) {
    return assertSameResult(octets, limits, true);
  }

  /**
   * {@code grammar}: also whether each row matches its rule of §25 (the one pass hands the grammar
   * a view of the datagram instead of a row of its own); too slow for a million mutations.
   */
  static boolean assertSameResult(byte[] octets, SyntaxLimits limits, boolean grammar) {
    FramingResult onePass = DatagramFraming.frame(octets, 0, octets.length, limits);
    FramingResult expected = SipFraming.byStateMachine(octets, 0, octets.length, limits);
    FramingResult actual = SipFraming.datagram(octets, 0, octets.length, limits);
    String as = new String(octets, StandardCharsets.ISO_8859_1) + " with " + limits;
    if (onePass != null) {
      assertSameFramed(onePass, expected, as, grammar);
    }
    assertSameFramed(actual, expected, as, grammar);
    return onePass != null;
  }

  private static void assertSameFramed(FramingResult actual, FramingResult expected, String as,
      boolean grammar) {
    if (expected instanceof FramingResult.Failed failed) {
      assertThat(actual).as(as).isEqualTo(failed);
      return;
    }
    assertThat(actual).as(as).isInstanceOf(FramingResult.Framed.class);
    FramingResult.Framed want = (FramingResult.Framed) expected;
    FramingResult.Framed got = (FramingResult.Framed) actual;
    assertThat(got.message()).as(as).isEqualTo(want.message());
    assertThat(got.message().getClass()).as(as).isEqualTo(want.message().getClass());
    assertThat(got.message().hashCode()).as(as).isEqualTo(want.message().hashCode());
    assertThat(got.message().toBytes()).as(as).isEqualTo(want.message().toBytes());
    assertThat(got.message().sipVersion()).as(as).isEqualTo(want.message().sipVersion());
    assertThat(got.facts()).as(as).isEqualTo(want.facts());
    assertThat(got.octets()).as(as).isEqualTo(want.octets());
    List<HeaderField> gotRows = got.message().headers().all();
    List<HeaderField> wantRows = want.message().headers().all();
    assertThat(gotRows).as(as).hasSameSizeAs(wantRows);
    for (int i = 0; i < gotRows.size(); i++) {
      HeaderField g = gotRows.get(i);
      HeaderField w = wantRows.get(i);
      assertThat(g.name()).as(as).isEqualTo(w.name());
      assertThat(g.key()).as(as).isEqualTo(w.key());
      assertThat(g.knownId()).as(as).isEqualTo(w.knownId());
      assertThat(g.value()).as(as).isEqualTo(w.value());
      assertThat(g.raw()).as(as).isEqualTo(w.raw());
      assertThat(g.toString()).as(as).isEqualTo(w.toString());
      assertThat(g.lineCount()).as(as).isEqualTo(w.lineCount());
      if (grammar) {
        assertThat(g.matchesGrammar()).as(as).isEqualTo(w.matchesGrammar());
        assertThat(g.grammarError()).as(as).isEqualTo(w.grammarError());
      }
    }
    if (grammar) {
      // what a transaction layer reads first, through the grammar on the rows' views
      SipMessage g = got.message();
      SipMessage w = want.message();
      assertThat(g.callId()).as(as).isEqualTo(w.callId());
      assertThat(g.cseq()).as(as).isEqualTo(w.cseq());
      assertThat(g.topViaBranch()).as(as).isEqualTo(w.topViaBranch());
      assertThat(g.fromTag()).as(as).isEqualTo(w.fromTag());
      assertThat(g.toTag()).as(as).isEqualTo(w.toTag());
      assertThat(g.validate()).as(as).isEqualTo(w.validate());
    }
    switch (want.message()) {
      case SipRequest request -> {
        SipRequest r = (SipRequest) got.message();
        assertThat(r.method()).as(as).isEqualTo(request.method());
        assertThat(r.requestUri()).as(as).isEqualTo(request.requestUri());
        assertThat(r.startLineBytes()).as(as).isEqualTo(request.startLineBytes());
        assertThat(r.body()).as(as).isEqualTo(request.body());
      }
      case SipResponse response -> {
        SipResponse r = (SipResponse) got.message();
        assertThat(r.statusCode()).as(as).isEqualTo(response.statusCode());
        assertThat(r.reasonPhrase()).as(as).isEqualTo(response.reasonPhrase());
        assertThat(r.startLineBytes()).as(as).isEqualTo(response.startLineBytes());
        assertThat(r.body()).as(as).isEqualTo(response.body());
      }
    }
  }

  @Test
  @DisplayName("every corpus message frames to the same result, and the one pass frames most")
  void corpusMessages() throws IOException {
    List<byte[]> corpus = corpus();
    int onePass = 0;
    for (byte[] message : corpus) {
      if (assertSameResult(message, SyntaxLimits.defaults())) {
        onePass++;
      }
    }
    System.out.println("differential: the one pass framed " + onePass + " of " + corpus.size());
    assertThat(corpus).hasSizeGreaterThan(400);
    assertThat(onePass).isGreaterThan(corpus.size() / 2);
  }

  @Test
  @DisplayName("the RFC 3665 flows, clean messages all, frame in the one pass")
  void rfc3665InOnePass() {
    for (CorpusTypedHeadersTest.Sample sample : CorpusTypedHeadersTest.rfc3665()) {
      assertThat(assertSameResult(sample.bytes(), SyntaxLimits.defaults()))
          .as(sample.name()).isTrue();
    }
  }

  @Test
  @DisplayName("PROTOS c07-sip INVITEs frame to the same result (read in place when present)")
  void protos() throws IOException {
    Path zip = Path.of(System.getProperty("strata.shared", "/work/shared"), "corpus",
        "protos-c07-sip", "cases.zip");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(zip), "no PROTOS zip");
    List<ProtosC07SipTest.Case> cases = ProtosC07SipTest.cases();
    assertThat(cases).isNotEmpty();
    for (ProtosC07SipTest.Case c : cases) {
      assertSameResult(c.invite(), SyntaxLimits.defaults());
    }
  }

  /** Octets that decide framing, and two that decide nothing. */
  private static final byte[] MUTATIONS = {
    '\r', '\n', ' ', '\t', ':', ',', '(', '<', '"', '0', '9', 'a', 'S', '/', 0, (byte) 0xff
  };

  @Test
  @DisplayName("every single-octet change, deletion and truncation of the corpus frames the same")
  void mutations() throws IOException {
    int compared = 0;
    for (byte[] message : corpusForMutation()) {
      for (int at = 0; at <= message.length; at++) {
        assertSameResult(Arrays.copyOf(message, at), SyntaxLimits.defaults(), false);
        compared++;
        if (at == message.length) {
          break;
        }
        byte[] deleted = new byte[message.length - 1];
        System.arraycopy(message, 0, deleted, 0, at);
        System.arraycopy(message, at + 1, deleted, at, message.length - at - 1);
        assertSameResult(deleted, SyntaxLimits.defaults(), false);
        compared++;
        for (byte b : MUTATIONS) {
          if (message[at] != b) {
            byte[] changed = message.clone();
            changed[at] = b;
            assertSameResult(changed, SyntaxLimits.defaults(), false);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(100_000);
  }

  /** The corpus less the two long stream files (each of their messages is in it on its own). */
  private static List<byte[]> corpusForMutation() throws IOException {
    return corpus().stream().filter(m -> m.length < 8192).toList();
  }

  @Test
  @DisplayName("at every limit near the size of each corpus message, both framers agree")
  void limitsAroundEachMessage() throws IOException {
    for (byte[] message : corpusForMutation()) {
      FramingResult framed = SipFraming.byStateMachine(message, 0, message.length,
          SyntaxLimits.defaults());
      if (!(framed instanceof FramingResult.Framed f)) {
        continue;
      }
      int head = f.octets() - f.message().bodyLength();
      int rows = f.message().headers().size();
      int longestRow = f.message().headers().all().stream().mapToInt(r -> r.raw().length).max()
          .orElse(1);
      int startLine = switch (f.message()) {
        case SipRequest r -> r.startLineBytes().length;
        case SipResponse r -> r.startLineBytes().length;
      };
      SyntaxLimits d = SyntaxLimits.defaults();
      for (int delta = -2; delta <= 2; delta++) {
        assertSameResult(message, d.withMaxMessageSize(Math.max(1, f.octets() + delta)));
        assertSameResult(message, d.withMaxMessageSize(Math.max(1, head + delta)));
        assertSameResult(message, d.withMaxStartLineLength(Math.max(1, startLine - 2 + delta)));
        assertSameResult(message, d.withMaxHeaderLineLength(Math.max(1, longestRow + delta)));
        assertSameResult(message, d.withMaxHeaderCount(Math.max(0, rows + delta)));
        assertSameResult(message, d.withMaxBodySize(Math.max(0, f.message().bodyLength() + delta)));
        assertSameResult(message, d.withMaxValuesPerHeader(Math.max(1, rows + delta)));
        assertSameResult(message, d.withMaxValuesPerHeader(Math.max(1, 3 + delta)));
        assertSameResult(message, d.withMaxNestingDepth(Math.max(1, 1 + delta)));
      }
    }
  }

  // --- generated messages ---------------------------------------------------------------------

  @Property(tries = 3000)
  @Label("generated messages frame the same under generated limits")
  void generatedMessages(@ForAll("messages") byte[] message, @ForAll("limits") SyntaxLimits limits) {
    assertSameResult(message, limits);
    Statistics.label("one pass")
        .collect(assertSameResult(message, SyntaxLimits.defaults()))
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
  }

  @Provide
  Arbitrary<SyntaxLimits> limits() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 600),
            Arbitraries.integers().between(1, 80),
            Arbitraries.integers().between(1, 120),
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(0, 200),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 3))
        .as(SyntaxLimits::new);
  }

  private static final List<String> NAMES = List.of("Via", "v", "VIA", "From", "f", "To", "t",
      "Call-ID", "i", "call-id", "CSeq", "cseq", "Max-Forwards", "Contact", "m", "Content-Length",
      "l", "content-length", "CONTENT-LENGTH", "Content-Type", "c", "Subject", "s", "Route",
      "Record-Route", "Authorization", "WWW-Authenticate", "Expires", "Date", "Timestamp",
      "X-Custom", "NewFangledHeader", "Require", "Supported", "k", "Allow", "Event", "o", "e");

  private static final List<String> VALUES = List.of("", "70", "1 INVITE", "0", "00151", "5",
      "99999999999999999999", "-1", "1 5", "abc", "SIP/2.0/UDP host;branch=z9hG4bK1",
      "<sip:a@b>;tag=1", "a, b, c", "\"x,y\" <sip:a@b>, <sip:c@d>", "(a (b (c)))", "x (y) z",
      "text/plain", "Digest realm=\"a\", nonce=\"b\"", "  spaced  ", "\ttab", "é", "x,y,z,w",
      "((((deep))))");

  private static final List<String> START_LINES = List.of("INVITE sip:a@b SIP/2.0",
      "ACK sip:a@b SIP/2.0", "OPTIONS sip:a@b SIP/2.0", "NEWMETHOD sip:a@b SIP/2.0",
      "INVITE sip:a@b sip/2.0", "INVITE  sip:a@b SIP/2.0", "INVITE sip:a@b SIP/2.0 ",
      "INVITE sip:a b SIP/2.0", "INVITE sip:a@b SIP/7.0", "INV?TE sip:a@b SIP/2.0",
      "INVITE SIP/2.0", " INVITE sip:a@b SIP/2.0", "SIP/2.0 200 OK", "SIP/2.0 180 Ringing",
      "SIP/2.0 200 ", "SIP/2.0 200", "SIP/2.0  200 OK", "SIP/2.0 099 x", "sip/2.0 200 OK",
      "SIP/2.0 2000 OK", "SIP/2.0 404 Not\tFound é", "SIP/2.0 20x OK", "SIP/2 200 OK");

  /** Mostly CRLF, so that whole messages of CRLF lines are common enough for the one pass. */
  private static final List<String> LINE_ENDS = List.of("\r\n", "\r\n", "\r\n", "\r\n", "\r\n",
      "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n",
      "\n", "\r", "\r\n ", "\r\n\t", " \r\n");

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<String> row = Combinators.combine(
            Arbitraries.of(NAMES),
            Arbitraries.of("", " ", "\t", "  "),
            Arbitraries.of(VALUES),
            Arbitraries.of(LINE_ENDS))
        .as((name, ws, value, end) -> name + ws + ":" + (value.isEmpty() ? "" : " ") + value + end);
    return Combinators.combine(
            Arbitraries.of("", "", "\r\n", "\n\r\n"),
            Arbitraries.of(START_LINES),
            Arbitraries.of(LINE_ENDS),
            row.list().ofMaxSize(14),
            Arbitraries.of("\r\n", "\r\n", "\n", "", "\r"),
            Arbitraries.strings().withChars("abc\r\n,(").ofMaxLength(40),
            Arbitraries.of("", "Content-Length: ", "l:", "Content-Length: 0"),
            Arbitraries.strings().withChars("xy\r\n").ofMaxLength(3))
        .as((lead, start, end, rows, empty, body, length, trailing) -> (lead + start + end
            + String.join("", rows)
            // a Content-Length that counts the body, before the trailing octets, when asked for
            + (length.endsWith(" ") || length.endsWith(":") ? length + body.length() + "\r\n"
                : length.isEmpty() ? "" : length + "\r\n")
            + empty + body + trailing).getBytes(StandardCharsets.UTF_8));
  }
}
