package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.syntax.FramingResult.Failed;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.FramingResult.NeedMore;
import org.sipstrata.syntax.StreamDecoder.MissingContentLength;

/** The stream decoder: same messages however the octets are split into chunks. */
class StreamDecoderTest {

  /**
   * The RFC 4475 messages a stream can carry: framed as a datagram with exactly one Content-Length
   * that matches the body and nothing after it.
   */
  static List<Corpus.Torture> streamable() {
    return Corpus.rfc4475().stream().filter(t -> streamable(t.bytes())).toList();
  }

  private static boolean streamable(byte[] bytes) {
    return SipFraming.datagram(bytes) instanceof Framed f
        && f.octets() == bytes.length
        && f.message().headers().all("Content-Length").size() == 1;
  }

  @Test
  @DisplayName("43 of the 49 RFC 4475 messages can travel on a stream")
  void streamableCount() {
    // Not: clerr, ncl, bigcode (framing errors), dblreq (trailing octets), inv2543 (no
    // Content-Length), mcl01 (two Content-Length rows).
    assertThat(streamable()).hasSize(43);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamable")
  @DisplayName("split at every byte boundary, each message frames as it does from a datagram")
  void everySplitPointGivesTheSameMessage(Corpus.Torture torture) {
    byte[] bytes = torture.bytes();
    Framed expected = (Framed) SipFraming.datagram(bytes);
    for (int split = 0; split <= bytes.length; split++) {
      StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
      decoder.feed(bytes, 0, split);
      List<FramingResult> first = drain(decoder);
      decoder.feed(bytes, split, bytes.length - split);
      List<FramingResult> all = new ArrayList<>(first);
      all.addAll(drain(decoder));
      assertThat(all).as("split at %d", split).hasSize(1);
      Framed framed = (Framed) all.get(0);
      assertThat(framed.message()).isEqualTo(expected.message());
      assertThat(framed.message().toBytes()).isEqualTo(bytes);
      assertThat(framed.facts()).isEqualTo(expected.facts());
      if (split < bytes.length) {
        assertThat(first).as("nothing is framed before the last octet").isEmpty();
      }
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.5
  //= type=test
  //# Implementations processing SIP messages over stream-oriented
  //# transports MUST ignore any CRLF appearing before the start-line
  //# [H4.1].
  @Test
  @DisplayName("all streamable messages back to back, with CRLF keep-alives, frame alike in any chunking")
  void coalescedMessagesFrameAlikeInAnyChunking() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<SipMessage> expected = new ArrayList<>();
    int k = 0;
    for (Corpus.Torture t : streamable()) {
      byte[] crlfs = "\r\n".repeat(k++ % 3).getBytes(StandardCharsets.US_ASCII);
      stream.writeBytes(crlfs);
      stream.writeBytes(t.bytes());
      expected.add(((Framed) SipFraming.datagram(t.bytes())).message());
    }
    stream.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] all = stream.toByteArray();

    assertThat(frameInChunks(all, new int[] {all.length})).isEqualTo(expected);
    assertThat(frameInChunks(all, new int[] {1})).isEqualTo(expected);
    Random random = new Random(4475);
    for (int round = 0; round < 50; round++) {
      int[] sizes = random.ints(64, 1, 700).toArray();
      assertThat(frameInChunks(all, sizes)).as("round %d", round).isEqualTo(expected);
    }
    // Every two-chunk split of the whole stream.
    for (int split = 0; split <= all.length; split += 7) {
      StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
      decoder.feed(all, 0, split);
      List<SipMessage> got = new ArrayList<>(messages(drain(decoder)));
      decoder.feed(all, split, all.length - split);
      got.addAll(messages(drain(decoder)));
      assertThat(got).as("split at %d", split).isEqualTo(expected);
      assertThat(decoder.endOfStream()).isEmpty();
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
  //= type=test
  //# The Content-
  //# Length header field MUST be used with stream oriented transports.
  @Test
  @DisplayName("a message without Content-Length on a stream is a framing error, and the decoder stays failed")
  void missingContentLengthFailsTheStream() {
    byte[] inv2543 = new Corpus.Torture("", "inv2543", "").bytes();
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(inv2543);
    FramingResult result = decoder.next();
    assertThat(result).isInstanceOf(Failed.class);
    SyntaxError error = ((Failed) result).error();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.MISSING_CONTENT_LENGTH);
    assertThat(error.rfcSection()).isEqualTo("18.3");
    decoder.feed(new Corpus.Torture("", "wsinv", "").bytes());
    assertThat(decoder.next()).isEqualTo(result);
    assertThat(decoder.isFailed()).isTrue();
    assertThat(decoder.state()).isEqualTo(FramingState.BAD_MESSAGE);
  }

  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.3.9
  //= type=test
  //# If a request like this arrives over TCP, the
  //# framing error is not recoverable, and the connection should be
  //# closed.
  @Test
  @DisplayName("mcl01 on a stream: conflicting Content-Length is a framing error")
  void conflictingContentLengthFailsTheStream() {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(new Corpus.Torture("", "mcl01", "").bytes());
    Failed failed = (Failed) decoder.next();
    assertThat(failed.error().kind()).isEqualTo(SyntaxError.Kind.CONFLICTING_CONTENT_LENGTH);
  }

  @Test
  @DisplayName("a stream that ends inside a message reports a truncated message")
  void endInsideAMessage() {
    byte[] wsinv = new Corpus.Torture("", "wsinv", "").bytes();
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    decoder.feed(wsinv, 0, wsinv.length - 10);
    assertThat(decoder.next()).isInstanceOf(NeedMore.class);
    assertThat(decoder.state()).isEqualTo(FramingState.READ_BODY);
    assertThat(decoder.endOfStream())
        .get()
        .extracting(SyntaxError::kind)
        .isEqualTo(SyntaxError.Kind.TRUNCATED_MESSAGE);
  }

  @Test
  @DisplayName("lioneagle stream corpus: 26 messages, all with Content-Length, framed strictly")
  void lioneagleStream() {
    byte[] bytes = Corpus.resource("/corpus/streams/lioneagle-sipparser.txt");
    List<Framed> framed = frameWholeStream(bytes, MissingContentLength.REJECT);
    assertThat(framed).hasSize(26);
    assertPreserving(bytes, framed);
  }

  @Test
  @DisplayName("generic stream corpus: 227 messages; 24 lack Content-Length, framed with the lenient policy")
  void genericStream() {
    byte[] bytes = Corpus.resource("/corpus/streams/generic.txt");
    List<Framed> framed = frameWholeStream(bytes, MissingContentLength.ASSUME_ZERO);
    assertThat(framed).hasSize(227);
    assertThat(framed.stream().filter(f -> f.has(MessageFact.Kind.CONTENT_LENGTH_ABSENT)))
        .hasSize(24);
    assertPreserving(bytes, framed);
    // One octet at a time gives the same messages.
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults(), MissingContentLength.ASSUME_ZERO);
    List<SipMessage> oneByOne = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      decoder.feed(bytes, i, 1);
      oneByOne.addAll(messages(drain(decoder)));
    }
    assertThat(oneByOne).isEqualTo(framed.stream().map(Framed::message).toList());
    // The strict policy stops at the first message, which has no Content-Length.
    StreamDecoder strict = new StreamDecoder(SyntaxLimits.defaults());
    strict.feed(bytes);
    assertThat(strict.next()).isInstanceOf(Failed.class);
  }

  /** The messages' preserving forms, each after its skipped CRLFs, rebuild the stream exactly. */
  private static void assertPreserving(byte[] stream, List<Framed> framed) {
    int pos = 0;
    for (Framed f : framed) {
      byte[] message = f.message().toBytes();
      int skipped = f.octets() - message.length;
      for (int i = pos; i < pos + skipped; i++) {
        assertThat(stream[i]).isIn((byte) '\r', (byte) '\n');
      }
      assertThat(Arrays.copyOfRange(stream, pos + skipped, pos + f.octets())).isEqualTo(message);
      pos += f.octets();
    }
    for (int i = pos; i < stream.length; i++) {
      assertThat(stream[i]).isIn((byte) '\r', (byte) '\n');
    }
  }

  private static List<Framed> frameWholeStream(byte[] bytes, MissingContentLength policy) {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults(), policy);
    decoder.feed(bytes);
    List<FramingResult> results = drain(decoder);
    assertThat(results).allMatch(r -> r instanceof Framed);
    assertThat(decoder.endOfStream()).isEmpty();
    return results.stream().map(r -> (Framed) r).toList();
  }

  private static List<SipMessage> frameInChunks(byte[] all, int[] sizes) {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    List<SipMessage> got = new ArrayList<>();
    int pos = 0;
    int i = 0;
    while (pos < all.length) {
      int n = Math.min(sizes[i++ % sizes.length], all.length - pos);
      decoder.feed(all, pos, n);
      pos += n;
      got.addAll(messages(drain(decoder)));
    }
    assertThat(decoder.endOfStream()).isEmpty();
    return got;
  }

  static List<FramingResult> drain(StreamDecoder decoder) {
    List<FramingResult> results = new ArrayList<>();
    for (FramingResult r = decoder.next(); !(r instanceof NeedMore); r = decoder.next()) {
      results.add(r);
      if (r instanceof Failed) {
        break;
      }
    }
    return results;
  }

  private static List<SipMessage> messages(List<FramingResult> results) {
    assertThat(results).allMatch(r -> r instanceof Framed);
    return results.stream().map(r -> ((Framed) r).message()).toList();
  }
}
