package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Jazzer fuzz targets for the three ways octets enter this layer: datagram framing, the stream
 * decoder, and the typed value of each header field. Under {@code ./mvnw verify} they replay the
 * committed inputs in {@code src/test/resources/org/sipstrata/syntax/SyntaxFuzzTestInputs/<method>}
 * (regression mode); with {@code JAZZER_FUZZ=1} Jazzer fuzzes one of them (see README, "Fuzzing").
 *
 * <p>What every target checks: nothing escapes but typed results (an exception, a stack overflow or
 * an out-of-memory error is a finding), and the properties the layer promises still hold on
 * whatever framed.
 */
class SyntaxFuzzTest {

  /** Limits small enough that fuzzed datagrams reach each of them. */
  private static final SyntaxLimits TIGHT = new SyntaxLimits(300, 60, 80, 8, 100, 6, 2);

  /**
   * One datagram: framed, validated and read through every typed header; the preserving form of
   * what framed frames again to an equal message.
   */
  @FuzzTest(maxDuration = "2m")
  void datagram(byte[] octets) {
    // the one pass frames what it can exactly as the state machine would (see
    // DatagramFramingDifferentialTest), under the default limits and under tight ones
    DatagramFramingDifferentialTest.assertSameResult(octets, SyntaxLimits.defaults(), false);
    DatagramFramingDifferentialTest.assertSameResult(octets, TIGHT, false);
    FramingResult result = SipFraming.datagram(octets);
    if (result instanceof FramingResult.Failed failed) {
      assertThat(failed.error().line()).isPositive();
      return;
    }
    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    SipMessage message = ((FramingResult.Framed) result).message();
    for (SyntaxError error : message.validate()) {
      assertThat(error.line()).isPositive();
    }
    readEveryTypedHeader(message);
    FramingResult again = SipFraming.datagram(message.toBytes());
    assertThat(again).isInstanceOf(FramingResult.Framed.class);
    assertThat(((FramingResult.Framed) again).message()).isEqualTo(message);
  }

  /**
   * A stream cut into chunks of fuzzed sizes gives exactly the results of the same octets fed at
   * once (the decoder is resumable at any octet boundary), then the same end-of-stream verdict.
   */
  @FuzzTest(maxDuration = "2m")
  void streamInChunks(FuzzedDataProvider data) {
    int[] chunkSizes = new int[data.consumeInt(0, 16)];
    for (int i = 0; i < chunkSizes.length; i++) {
      chunkSizes[i] = data.consumeInt(0, 256);
    }
    boolean lenient = data.consumeBoolean();
    byte[] stream = data.consumeRemainingAsBytes();

    StreamDecoder whole = decoder(lenient);
    List<FramingResult> expected = new ArrayList<>();
    whole.feed(stream);
    drain(whole, expected);
    Optional<SyntaxError> expectedEnd = whole.isFailed() ? Optional.empty() : whole.endOfStream();

    StreamDecoder chunked = decoder(lenient);
    List<FramingResult> actual = new ArrayList<>();
    int offset = 0;
    for (int size : chunkSizes) {
      int length = Math.min(size, stream.length - offset);
      chunked.feed(stream, offset, length);
      offset += length;
      drain(chunked, actual);
    }
    chunked.feed(Arrays.copyOfRange(stream, offset, stream.length));
    drain(chunked, actual);
    Optional<SyntaxError> actualEnd = chunked.isFailed() ? Optional.empty() : chunked.endOfStream();

    assertThat(actual).isEqualTo(expected);
    assertThat(actualEnd).isEqualTo(expectedEnd);
    for (FramingResult result : actual) {
      if (result instanceof FramingResult.Framed framed) {
        readEveryTypedHeader(framed.message());
      }
    }
  }

  /** One value read with one header field's rule of §25: a value or a typed error. */
  @FuzzTest(maxDuration = "2m")
  void typedHeaderValue(FuzzedDataProvider data) {
    TypedHeader<?> header = TypedHeader.ALL.get(data.consumeInt(0, TypedHeader.ALL.size() - 1));
    String value = data.consumeRemainingAsString();
    Parsed<?> parsed = header.parseValue(value);
    if (parsed instanceof Parsed.Failed<?> failed) {
      assertThat(failed.error().kind()).isNotNull();
    } else {
      assertThat(((Parsed.Ok<?>) parsed).value().toString()).isNotNull();
    }
    assertThat(Uri.parse(value)).isNotNull();
    assertThat(NameAddress.parse(value)).isNotNull();
  }

  private static StreamDecoder decoder(boolean lenient) {
    return new StreamDecoder(SyntaxLimits.defaults(), lenient
        ? StreamDecoder.MissingContentLength.ASSUME_ZERO
        : StreamDecoder.MissingContentLength.REJECT);
  }

  /** Collects results until the decoder needs more octets; a failure is recorded once. */
  private static void drain(StreamDecoder decoder, List<FramingResult> into) {
    while (true) {
      FramingResult next = decoder.next();
      if (next instanceof FramingResult.NeedMore) {
        return;
      }
      if (next instanceof FramingResult.Failed && !into.isEmpty()
          && into.get(into.size() - 1).equals(next)) {
        return;
      }
      into.add(next);
      if (next instanceof FramingResult.Failed) {
        return;
      }
    }
  }

  private static void readEveryTypedHeader(SipMessage message) {
    for (TypedHeader<?> header : TypedHeader.ALL) {
      HeaderValue<?> value = message.get(header);
      assertThat(value).isNotNull();
      value.failure().ifPresent(error -> assertThat(error.line()).isPositive());
    }
    message.callId();
    message.cseq();
    message.topViaBranch();
    message.fromTag();
    message.toTag();
    message.maxForwards();
  }
}
