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
    // Many short rows instead: the message-size or header-count limit ends it.
    StreamDecoder rows = new StreamDecoder(SyntaxLimits.defaults().withMaxHeaderCount(1_000_000));
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
}
