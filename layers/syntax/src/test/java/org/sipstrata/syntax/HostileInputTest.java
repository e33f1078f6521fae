package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipstrata.syntax.FramingResult.Failed;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.FramingResult.NeedMore;
import org.sipstrata.syntax.SyntaxError.Kind;

/** Bad input gets a typed error: no exception escapes, nothing hangs, memory stays bounded. */
class HostileInputTest {

  private static final String HEAD =
      "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";

  private static final String MUTATIONS = "\r\n :,;<>\"\\\t0-9aZ\u0000\u00ff";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static SyntaxError datagramError(byte[] bytes) {
    FramingResult result = SipFraming.datagram(bytes);
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).error();
  }

  private static SyntaxError streamError(byte[] bytes) {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(bytes);
    FramingResult result = decoder.next();
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).error();
  }

  @Test
  @DisplayName("every RFC 4475 message truncated at every position: framed or a typed error, never an exception")
  void truncatedEverywhere() {
    int outcomes = 0;
    for (Corpus.Torture t : Corpus.rfc4475()) {
      byte[] bytes = t.bytes();
      for (int cut = 0; cut < bytes.length; cut++) {
        byte[] prefix = Arrays.copyOf(bytes, cut);
        FramingResult datagram = SipFraming.datagram(prefix);
        assertThat(datagram).isInstanceOfAny(Framed.class, Failed.class);
        StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
        decoder.feed(prefix);
        FramingResult stream = decoder.next();
        if (stream instanceof NeedMore) {
          // Ended inside a message, or before any.
          assertThat(decoder.endOfStream().map(SyntaxError::kind).orElse(Kind.TRUNCATED_MESSAGE))
              .isEqualTo(Kind.TRUNCATED_MESSAGE);
        }
        outcomes++;
      }
    }
    assertThat(outcomes).isEqualTo(24658);
  }

  @Test
  @DisplayName("seeded random garbage and mutated corpus messages: only Framed, Failed or NeedMore")
  void randomGarbage() {
    Random random = new Random(3261);
    List<Corpus.Torture> corpus = Corpus.rfc4475();
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int round = 0; round < 20_000; round++) {
        byte[] bytes;
        if (round % 2 == 0) {
          bytes = new byte[random.nextInt(600)];
          random.nextBytes(bytes);
        } else {
          bytes = corpus.get(random.nextInt(corpus.size())).bytes();
          for (int k = random.nextInt(8); k >= 0; k--) {
            bytes[random.nextInt(bytes.length)] =
                (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
          }
        }
        FramingResult datagram = SipFraming.datagram(bytes);
        assertThat(datagram).isInstanceOfAny(Framed.class, Failed.class);
        if (round % 10 == 1 && datagram instanceof Framed framed) {
          // The lazy grammar layer on mangled messages: errors are values there too.
          framed.message().validate();
          framed.message().validateStrict();
          framed.message().cseq();
          framed.message().topViaBranch();
        }
        StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
        int pos = 0;
        while (pos < bytes.length) {
          int n = Math.min(1 + random.nextInt(40), bytes.length - pos);
          decoder.feed(bytes, pos, n);
          pos += n;
          StreamDecoderTest.drain(decoder);
        }
        decoder.endOfStream();
      }
    });
  }

  @Test
  @DisplayName("10 MB of header octets on a stream stops at a limit, and the decoder holds no more than the limit")
  void tenMegabytesOfHeaders() {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(ascii(HEAD));
    byte[] chunk = ascii("X-Long: " + "a".repeat(65_000) + "\r\n");
    Runtime runtime = Runtime.getRuntime();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int fed = 0; fed < 10_000_000; fed += chunk.length) {
        decoder.feed(chunk);
      }
    });
    Failed failed = (Failed) decoder.next();
    assertThat(failed.error().kind()).isEqualTo(Kind.HEADER_LINE_TOO_LONG);
    assertThat(failed.error().line()).isEqualTo(3);
    // Many short rows instead: the message-size limit ends it (the rows of one name are also
    // values of one header, so that limit is raised too).
    StreamDecoder rows = new StreamDecoder(SyntaxLimits.defaults().withMaxHeaderCount(1_000_000)
        .withMaxValuesPerHeader(1_000_000));
    rows.feed(ascii(HEAD));
    byte[] row = ascii("X-Row: " + "b".repeat(90) + "\r\n");
    long before = runtime.totalMemory() - runtime.freeMemory();
    for (int fed = 0; fed < 10_000_000; fed += row.length) {
      rows.feed(row);
    }
    long after = runtime.totalMemory() - runtime.freeMemory();
    assertThat(((Failed) rows.next()).error().kind()).isEqualTo(Kind.MESSAGE_TOO_LARGE);
    assertThat(after - before).isLessThan(64L * 1024 * 1024);
    // And as one 10 MB datagram.
    byte[] datagram = new byte[10_000_000];
    Arrays.fill(datagram, (byte) 'a');
    System.arraycopy(ascii(HEAD + "X-A: "), 0, datagram, 0, HEAD.length() + 5);
    assertThat(datagramError(datagram).kind()).isEqualTo(Kind.HEADER_LINE_TOO_LONG);
  }

  @Test
  @DisplayName("100,000 header rows: the header-count limit, in either mode, quickly")
  void hundredThousandHeaders() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii(HEAD));
    for (int i = 0; i < 100_000; i++) {
      out.writeBytes(ascii("X-" + i + ": " + i + "\r\n"));
    }
    out.writeBytes(ascii("Content-Length: 0\r\n\r\n"));
    byte[] bytes = out.toByteArray();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      SyntaxError error = datagramError(bytes);
      assertThat(error.kind()).isEqualTo(Kind.TOO_MANY_HEADERS);
      assertThat(error.line()).isEqualTo(2 + SyntaxLimits.DEFAULT_MAX_HEADER_COUNT);
      assertThat(streamError(bytes).kind()).isEqualTo(Kind.TOO_MANY_HEADERS);
      // With the limits raised, the same message frames, in linear time.
      SyntaxLimits generous =
          SyntaxLimits.defaults().withMaxHeaderCount(200_000).withMaxMessageSize(10_000_000);
      FramingResult framed = SipFraming.datagram(bytes, 0, bytes.length, generous);
      assertThat(((Framed) framed).message().headers().size()).isEqualTo(100_002);
    });
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# Each header field consists of a field
  //# name followed by a colon (":") and the field value.
  @Test
  @DisplayName("a header row without a colon is a typed error at its line, naming message-header")
  void headerWithoutColon() {
    SyntaxError error = datagramError(ascii(HEAD + "Max-Forwards 70\r\nContent-Length: 0\r\n\r\n"));
    assertThat(error.kind()).isEqualTo(Kind.MALFORMED_HEADER);
    assertThat(error.message())
        .isEqualTo("line 3, column 14: expected message-header (RFC 3261 §7.3), the field name is "
            + "followed by a colon, but found \"70\\r\\n\"");
    SyntaxError noName = datagramError(ascii(HEAD + ": 70\r\n\r\n"));
    assertThat(noName.message()).startsWith("line 3, column 1: expected message-header (RFC 3261 §7.3)");
  }

  @Test
  @DisplayName("NUL octets: in a header name or Method a typed error; in a value framed (the grammar judges)")
  void nulOctets() {
    assertThat(datagramError(ascii(HEAD + "X-\u0000: 1\r\n\r\n")).kind())
        .isEqualTo(Kind.MALFORMED_HEADER);
    assertThat(datagramError(ascii("OPT\u0000IONS sip:a SIP/2.0\r\n\r\n")).rule()).isEqualTo("Method");
    FramingResult value = SipFraming.datagram(ascii(HEAD + "X-A: a\u0000b\r\n\r\n"));
    assertThat(((Framed) value).message().headers().value("X-A")).contains("a\u0000b");
    assertThat(datagramError(new byte[] {0, 0, 0, 0}).kind()).isEqualTo(Kind.MISSING_EMPTY_LINE);
    assertThat(datagramError(new byte[] {0, 0, '\r', '\n', '\r', '\n'}).rule()).isEqualTo("Method");
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2.3
  //= type=test
  //# Implementors should take extra precautions if the technique they
  //# choose for converting this ascii field into an integral form can
  //# return a negative value.
  @ParameterizedTest(name = "Content-Length: {0}")
  @ValueSource(strings = {"-1", "-999", "five", "1 2", "0x10", "+5", "", "1.0"})
  @DisplayName("a Content-Length that is not 1*DIGIT is a typed error in both modes")
  void invalidContentLength(String value) {
    byte[] bytes = ascii(HEAD + "Content-Length: " + value + "\r\n\r\n");
    assertThat(datagramError(bytes).kind()).isEqualTo(Kind.INVALID_CONTENT_LENGTH);
    assertThat(streamError(bytes).kind()).isEqualTo(Kind.INVALID_CONTENT_LENGTH);
  }

  @ParameterizedTest(name = "Content-Length: {0}")
  @ValueSource(strings = {"99999999999999999999", "2147483648", "4294967296", "196609", "00000000000000000000000999999"})
  @DisplayName("a huge Content-Length is the body-size limit, not an overflow")
  void hugeContentLength(String value) {
    byte[] bytes = ascii(HEAD + "Content-Length: " + value + "\r\n\r\n");
    assertThat(datagramError(bytes).kind()).isEqualTo(Kind.BODY_TOO_LARGE);
    assertThat(streamError(bytes).kind()).isEqualTo(Kind.BODY_TOO_LARGE);
  }

  @Test
  @DisplayName("leading zeros are a valid Content-Length")
  void leadingZeros() {
    byte[] bytes = ascii(HEAD + "Content-Length: 0004\r\n\r\nbody");
    assertThat(((Framed) SipFraming.datagram(bytes)).message().bodyLength()).isEqualTo(4);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7
  //= type=test
  //# The start-line, each message-header line, and the empty line MUST be
  //# terminated by a carriage-return line-feed sequence (CRLF).
  @Test
  @DisplayName("a bare LF or bare CR is a typed error at its column")
  void bareLineEnds() {
    SyntaxError lf = datagramError(ascii("OPTIONS sip:a SIP/2.0\nVia: x\r\n\r\n"));
    assertThat(lf.kind()).isEqualTo(Kind.BARE_CR_OR_LF);
    assertThat(lf.column()).isEqualTo(22);
    SyntaxError cr = datagramError(ascii(HEAD + "X-A: a\rb\r\n\r\n"));
    assertThat(cr.kind()).isEqualTo(Kind.BARE_CR_OR_LF);
    assertThat(cr.line()).isEqualTo(3);
    assertThat(cr.column()).isEqualTo(7);
  }

  @Test
  @DisplayName("start lines framing cannot split are typed errors naming the rule")
  void malformedStartLines() {
    assertThat(datagramError(ascii("OPTIONS\r\n\r\n")).rule()).isEqualTo("Request-Line");
    assertThat(datagramError(ascii("OPTIONS sip:a\r\n\r\n")).rule()).isEqualTo("Request-Line");
    assertThat(datagramError(ascii("GET / HTTP/1.1\r\n\r\n")).rule()).isEqualTo("SIP-Version");
    assertThat(datagramError(ascii(" OPTIONS sip:a SIP/2.0\r\n\r\n")).rule()).isEqualTo("Request-Line");
    assertThat(datagramError(ascii("SIP/2.0\r\n\r\n")).rule()).isEqualTo("Status-Line");
    assertThat(datagramError(ascii("SIP/2.0 2000 OK\r\n\r\n")).rule()).isEqualTo("Status-Code");
    assertThat(datagramError(ascii("SIP/2.0 099 OK\r\n\r\n")).rule()).isEqualTo("Status-Code");
    assertThat(datagramError(ascii("SIP/x 200 OK\r\n\r\n")).rule()).isEqualTo("SIP-Version");
    SyntaxError first = datagramError(ascii("OPTIONS sip:a SIP/2.0\r\n folded: x\r\n\r\n"));
    assertThat(first.kind()).isEqualTo(Kind.MALFORMED_HEADER);
    assertThat(first.rfcSection()).isEqualTo("7.3.1");
  }

  @Test
  @DisplayName("a datagram without the empty line, or with nothing but CRLFs, is a typed error")
  void missingEmptyLine() {
    assertThat(datagramError(ascii(HEAD)).kind()).isEqualTo(Kind.MISSING_EMPTY_LINE);
    assertThat(datagramError(ascii("\r\n\r\n")).kind()).isEqualTo(Kind.MISSING_EMPTY_LINE);
    assertThat(datagramError(new byte[0]).kind()).isEqualTo(Kind.MISSING_EMPTY_LINE);
  }

  @Test
  @DisplayName("each limit is its own typed error")
  void eachLimit() {
    byte[] longStart = ascii("OPTIONS sip:" + "a".repeat(9000) + " SIP/2.0\r\n\r\n");
    assertThat(datagramError(longStart).kind()).isEqualTo(Kind.START_LINE_TOO_LONG);
    SyntaxLimits small = SyntaxLimits.defaults().withMaxBodySize(3);
    byte[] body = ascii(HEAD + "Content-Length: 4\r\n\r\nbody");
    assertThat(((Failed) SipFraming.datagram(body, 0, body.length, small)).error().kind())
        .isEqualTo(Kind.BODY_TOO_LARGE);
    byte[] noLength = ascii(HEAD + "\r\nbody");
    assertThat(((Failed) SipFraming.datagram(noLength, 0, noLength.length, small)).error().kind())
        .isEqualTo(Kind.BODY_TOO_LARGE);
    SyntaxLimits tiny = SyntaxLimits.defaults().withMaxMessageSize(80);
    assertThat(((Failed) SipFraming.datagram(body, 0, body.length, tiny)).error().kind())
        .isEqualTo(Kind.MESSAGE_TOO_LARGE);
    assertThat(Kind.MESSAGE_TOO_LARGE.isLimit()).isTrue();
    assertThat(Kind.MALFORMED_HEADER.isLimit()).isFalse();
  }

  @Test
  @DisplayName("endless CRLF keep-alives are skipped without buffering")
  void endlessKeepAlives() {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    byte[] crlfs = ascii("\r\n".repeat(50_000));
    for (int i = 0; i < 100; i++) {
      decoder.feed(crlfs);
    }
    assertThat(decoder.next()).isInstanceOf(NeedMore.class);
    assertThat(decoder.state()).isEqualTo(FramingState.SKIP_CONTROL_CHARS);
    assertThat(decoder.endOfStream()).isEmpty();
  }

  /** Limits large enough that only the limit under test can be exceeded. */
  private static final SyntaxLimits ROOMY = SyntaxLimits.defaults()
      .withMaxHeaderLineLength(1 << 20).withMaxMessageSize(1 << 21);

  private static SyntaxError datagramError(byte[] bytes, SyntaxLimits limits) {
    FramingResult result = SipFraming.datagram(bytes, 0, bytes.length, limits);
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).error();
  }

  private static SyntaxError streamError(byte[] bytes, SyntaxLimits limits) {
    StreamDecoder decoder = new StreamDecoder(limits);
    decoder.feed(bytes);
    FramingResult result = decoder.next();
    assertThat(result).isInstanceOf(Failed.class);
    return ((Failed) result).error();
  }

  @Test
  @DisplayName("100,000 commas in one header row: TOO_MANY_VALUES, in linear time")
  void hundredThousandCommas() {
    byte[] bytes = ascii(HEAD + "Allow: A" + ",A".repeat(100_000) + "\r\nContent-Length: 0\r\n\r\n");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      SyntaxError datagram = datagramError(bytes, ROOMY);
      assertThat(datagram.kind()).isEqualTo(Kind.TOO_MANY_VALUES);
      assertThat(datagram.line()).isEqualTo(3);
      assertThat(datagram.message()).contains("100001 comma-separated values",
          "limit of " + SyntaxLimits.DEFAULT_MAX_VALUES_PER_HEADER);
      assertThat(streamError(bytes, ROOMY).kind()).isEqualTo(Kind.TOO_MANY_VALUES);
    });
    assertThat(Kind.TOO_MANY_VALUES.isLimit()).isTrue();
  }

  @Test
  @DisplayName("values are counted over all rows of a header (RFC 3261 §7.3.1), compact names included")
  void valuesOverRows() {
    String row = "Route: " + "<sip:p.example.com;lr>,".repeat(99) + "<sip:q.example.com;lr>\r\n";
    // Ten rows of 100 values are 1,000: at the limit, framed.
    byte[] ten = ascii(HEAD + row.repeat(10) + "Content-Length: 0\r\n\r\n");
    assertThat(SipFraming.datagram(ten)).isInstanceOf(Framed.class);
    byte[] eleven = ascii(HEAD + row.repeat(11) + "Content-Length: 0\r\n\r\n");
    SyntaxError error = datagramError(eleven);
    assertThat(error.kind()).isEqualTo(Kind.TOO_MANY_VALUES);
    assertThat(error.line()).isEqualTo(13);
    // Via and its compact form v are one header.
    String vias = "Via: SIP/2.0/UDP a;branch=z9hG4bK1" + ",SIP/2.0/UDP a".repeat(5) + "\r\n"
        + "v: SIP/2.0/UDP b" + ",SIP/2.0/UDP b".repeat(5) + "\r\n";
    byte[] via = ascii("OPTIONS sip:a@example.com SIP/2.0\r\n" + vias + "\r\n");
    SyntaxLimits twelve = SyntaxLimits.defaults().withMaxValuesPerHeader(11);
    assertThat(datagramError(via, twelve).kind()).isEqualTo(Kind.TOO_MANY_VALUES);
    assertThat(SipFraming.datagram(via, 0, via.length, twelve.withMaxValuesPerHeader(12)))
        .isInstanceOf(Framed.class);
  }

  @Test
  @DisplayName("commas in quoted strings, comments and <URIs> separate no values")
  void commasThatSeparateNothing() {
    SyntaxLimits two = SyntaxLimits.defaults().withMaxValuesPerHeader(2);
    byte[] bytes = ascii(HEAD
        + "Contact: \"a, b, \\\", c\" <sip:x,1,2@y.example>, <sip:z@y.example>\r\n"
        + "Server: x (a, b, (c, \"d), e) y\r\n"
        + "Content-Length: 0\r\n\r\n");
    FramingResult result = SipFraming.datagram(bytes, 0, bytes.length, two);
    assertThat(result).as(() -> result.toString()).isInstanceOf(Framed.class);
    assertThat(((Framed) result).message().contact().toOptional().orElseThrow().addresses())
        .hasSize(2);
    byte[] three = ascii(HEAD + "Contact: <sip:a@b.example>, <sip:c@d.example>, <sip:e@f.example>"
        + "\r\n\r\n");
    assertThat(datagramError(three, two).kind()).isEqualTo(Kind.TOO_MANY_VALUES);
  }

  @Test
  @DisplayName("10,000 nested '(' in a Server comment: NESTING_TOO_DEEP at the 33rd, never a StackOverflowError")
  void tenThousandNestedParentheses() {
    String deep = "(".repeat(10_000) + "x" + ")".repeat(10_000);
    byte[] bytes = ascii(HEAD + "Server: a " + deep + "\r\nContent-Length: 0\r\n\r\n");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      SyntaxError error = datagramError(bytes, ROOMY);
      assertThat(error.kind()).isEqualTo(Kind.NESTING_TOO_DEEP);
      assertThat(error.line()).isEqualTo(3);
      assertThat(error.column()).isEqualTo("Server: a ".length() + 33);
      assertThat(error.rule()).isEqualTo("comment");
      assertThat(streamError(bytes, ROOMY).kind()).isEqualTo(Kind.NESTING_TOO_DEEP);
    });
    // Within the default row length: 5,000 deep.
    String userAgent = "User-Agent: " + "(".repeat(5000) + ")".repeat(5000) + "\r\n";
    assertThat(datagramError(ascii(HEAD + userAgent + "\r\n")).kind())
        .isEqualTo(Kind.NESTING_TOO_DEEP);
    assertThat(TypedHeader.SERVER.parseValue("a " + deep).failure()).get()
        .extracting(SyntaxError::kind).isEqualTo(Kind.NESTING_TOO_DEEP);
    assertThat(Kind.NESTING_TOO_DEEP.isLimit()).isTrue();
  }

  @Test
  @DisplayName("comments 32 deep frame and type; 33 deep is over the default; escaped and quoted '(' do not nest")
  void nestingAtTheLimit() {
    String at = "(".repeat(32) + "x" + ")".repeat(32);
    byte[] ok = ascii(HEAD + "Server: a " + at + "\r\n\r\n");
    FramingResult framed = SipFraming.datagram(ok);
    assertThat(framed).isInstanceOf(Framed.class);
    assertThat(((Framed) framed).message().validate()).isEmpty();
    String over = "(".repeat(33) + "x" + ")".repeat(33);
    assertThat(datagramError(ascii(HEAD + "Server: a " + over + "\r\n\r\n")).kind())
        .isEqualTo(Kind.NESTING_TOO_DEEP);
    String escaped = "(" + "\\(".repeat(40) + ")";
    assertThat(SipFraming.datagram(ascii(HEAD + "Server: a " + escaped + "\r\n\r\n")))
        .isInstanceOf(Framed.class);
    String quoted = "Subject: \"" + "(".repeat(40) + "\"\r\n";
    assertThat(SipFraming.datagram(ascii(HEAD + quoted + "\r\n"))).isInstanceOf(Framed.class);
    assertThat(TypedHeader.SERVER.parseValue("a " + at).toOptional()).isPresent();
  }
}
