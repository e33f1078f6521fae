package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sipstrata.syntax.FramingResult.Framed;
import org.sipstrata.syntax.Serialization.NameForm;

/** Generated messages: serialize, frame again, get the same message (jqwik). */
class RoundTripPropertiesTest {

  private static final String TOKEN_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

  private static final List<String> NAMES =
      List.of("Via", "v", "To", "t", "From", "f", "Call-ID", "i", "CSeq", "Max-Forwards", "Contact",
          "m", "Route", "Record-Route", "Subject", "s", "Supported", "k", "Allow", "Date",
          "WWW-Authenticate", "Authorization", "Event", "o", "Refer-To", "r", "Content-Type", "c",
          "Warning", "Require", "Accept");

  @Property(tries = 300)
  @Label("preserving form: frame(toBytes(m)) equals m, as a datagram and on a stream split anywhere")
  void preservingRoundTrip(
      @ForAll("messages") SipMessage message, @ForAll("fractions") double splitAt) {
    byte[] bytes = message.toBytes();
    Framed framed = (Framed) SipFraming.datagram(bytes);
    assertThat(framed.message()).isEqualTo(message);
    assertThat(framed.message().toBytes()).isEqualTo(bytes);

    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    int split = (int) (splitAt * bytes.length);
    decoder.feed(bytes, 0, split);
    decoder.feed(bytes, split, bytes.length - split);
    assertThat(((Framed) decoder.next()).message()).isEqualTo(message);
  }

  @Property(tries = 300)
  @Label("canonical form, long or compact names: frame(canonical(m)) equals m")
  void canonicalRoundTrip(@ForAll("messages") SipMessage message, @ForAll NameForm form) {
    byte[] canonical = message.toCanonicalBytes(form);
    Framed framed = (Framed) SipFraming.datagram(canonical);
    assertThat(framed.message()).isEqualTo(message);
    assertThat(framed.message().toCanonicalBytes(form)).isEqualTo(canonical);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# The formal grammar for a message-header specified in Section 25
  //# allows for an arbitrary amount of whitespace on either side of the
  //# colon
  @Property(tries = 300)
  @Label("wire text with any spacing around colons and any folding frames back to the same octets")
  void wireTextIsPreserved(@ForAll("wireTexts") byte[] wire) {
    Framed framed = (Framed) SipFraming.datagram(wire);
    assertThat(framed.message().toBytes()).isEqualTo(wire);
    Framed canonical =
        (Framed) SipFraming.datagram(framed.message().toCanonicalBytes(NameForm.LONG));
    assertThat(canonical.message()).isEqualTo(framed.message());
  }

  @Property(tries = 200)
  @Label("combining comma-list rows and separating them again keeps every value in order")
  void combineSeparate(@ForAll("routeRows") List<List<String>> rowsOfValues) {
    List<HeaderField> rows = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (List<String> values : rowsOfValues) {
      rows.add(HeaderField.of("Route", String.join(" ,\t", values)));
      all.addAll(values);
    }
    HeaderFields headers = HeaderFields.of(rows);
    assertThat(headers.values("Route")).isEqualTo(all);
    assertThat(headers.combined("Route").values("Route")).isEqualTo(all);
    assertThat(headers.combined("Route").all()).hasSizeLessThanOrEqualTo(1);
    assertThat(headers.separated("Route").all()).hasSize(all.size());
    assertThat(headers.separated("Route").values("Route")).isEqualTo(all);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.5
  //= type=test
  //# The Content-Length header field value is used to locate the end of
  //# each SIP message in a stream.
  @Property(tries = 100)
  @Label("a stream of generated messages with keep-alives frames the same in any chunking")
  void streamInAnyChunking(
      @ForAll("messageLists") List<SipMessage> messages,
      @ForAll("chunkSizes") List<Integer> chunkSizes) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < messages.size(); i++) {
      stream.writeBytes("\r\n".repeat(i % 3).getBytes(StandardCharsets.US_ASCII));
      stream.writeBytes(messages.get(i).toBytes());
    }
    byte[] bytes = stream.toByteArray();
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults());
    List<SipMessage> framed = new ArrayList<>();
    int pos = 0;
    for (int i = 0; pos < bytes.length; i++) {
      int n = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - pos);
      decoder.feed(bytes, pos, n);
      pos += n;
      for (FramingResult r = decoder.next(); r instanceof Framed f; r = decoder.next()) {
        framed.add(f.message());
      }
    }
    assertThat(decoder.isFailed()).isFalse();
    assertThat(decoder.endOfStream()).isEmpty();
    assertThat(framed).isEqualTo(messages);
  }

  @Provide
  Arbitrary<List<SipMessage>> messageLists() {
    return messages().list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.integers().between(1, 300).list().ofMinSize(1).ofMaxSize(10);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<List<List<String>>> routeRows() {
    Arbitrary<String> route =
        Combinators.combine(
                Arbitraries.strings().withChars("\"abc, ;<>").ofMaxLength(8),
                Arbitraries.strings().withChars("abc,;=@").ofMaxLength(10))
            .as((display, uri) -> "\"" + display.replace("\"", "") + "\" <sip:" + uri + ">;lr");
    return route.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<SipMessage> messages() {
    Arbitrary<HeaderFields> headers = headerRow().list().ofMaxSize(12).map(HeaderFields::of);
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<SipMessage> requests =
        Combinators.combine(token(), requestUri(), headers, body)
            .as((method, uri, h, b) -> (SipMessage) SipRequest.of(method, uri, h, b));
    Arbitrary<SipMessage> responses =
        Combinators.combine(Arbitraries.integers().between(100, 699), reason(), headers, body)
            .as((code, reason, h, b) -> (SipMessage) SipResponse.of(code, reason, h, b));
    return Arbitraries.oneOf(requests, responses)
        .map(m -> m.withHeaders(m.headers().with(
            HeaderField.of("Content-Length", Integer.toString(m.bodyLength())))));
  }

  @Provide
  Arbitrary<byte[]> wireTexts() {
    Arbitrary<String> spacing = Arbitraries.strings().withChars(" \t").ofMaxLength(3);
    Arbitrary<String> fold =
        Arbitraries.of("", "\r\n ", "\r\n\t", "\r\n   ");
    Arbitrary<String> row =
        Combinators.combine(Arbitraries.of(NAMES), spacing, spacing, value(), fold, value())
            .as((name, before, after, v1, f, v2) ->
                name + before + ":" + after + v1 + (v1.isEmpty() || v2.isEmpty() ? "" : f + v2)
                    + "\r\n");
    return Combinators.combine(row.list().ofMaxSize(10), Arbitraries.strings().ofMaxLength(50))
        .as((rows, body) -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
          out.writeBytes("MESSAGE sip:x@example.com SIP/2.0\r\n".getBytes(StandardCharsets.UTF_8));
          rows.forEach(r -> out.writeBytes(r.getBytes(StandardCharsets.UTF_8)));
          out.writeBytes(("Content-Length:" + bodyBytes.length + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
          out.writeBytes(bodyBytes);
          return out.toByteArray();
        });
  }

  private Arbitrary<HeaderField> headerRow() {
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(NAMES), token().map(t -> "X-" + t));
    return Combinators.combine(name, value()).as(HeaderField::of);
  }

  private static Arbitrary<String> token() {
    return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(12);
  }

  private static Arbitrary<String> requestUri() {
    return Combinators.combine(token(), token()).as((user, host) -> "sip:" + user + "@" + host);
  }

  /** Header values: any text without CR/LF, not starting or ending with whitespace. */
  private static Arbitrary<String> value() {
    return Arbitraries.strings()
        .withChars(" \t,;:<>\"\\=@/.abcXYZ019é中\u0000\u007f")
        .ofMaxLength(30)
        .map(s -> s.strip().replaceAll("^[\\s\u0000-\u001f]+|[\\s\u0000-\u001f]+$", ""))
        .filter(s -> s.isEmpty() || (s.charAt(0) > ' ' && s.charAt(s.length() - 1) > ' '));
  }

  private static Arbitrary<String> reason() {
    return Arbitraries.strings().withChars(" abcXYZ0123é中-").ofMaxLength(20);
  }
}
