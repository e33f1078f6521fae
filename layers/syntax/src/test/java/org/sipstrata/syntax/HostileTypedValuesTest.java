package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Typed values and URIs on hostile input: mutated corpus messages and random header values. Every
 * read ends in a value or a typed error; nothing throws.
 */
class HostileTypedValuesTest {

  private static final byte[] ALPHABET =
      "<>\"\\;:,@=?&%[]/. \t\r\n*0123456789abcdefSIPsip-+zZ()'~#$".getBytes(StandardCharsets.US_ASCII);

  private static void readEverything(SipMessage message) {
    for (TypedHeader<?> header : TypedHeader.ALL) {
      HeaderValue<?> value = message.get(header);
      assertThat(value).isNotNull();
      value.failure().ifPresent(e -> {
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
        assertThat(e.message()).isNotBlank();
      });
    }
  }

  @Test
  @DisplayName("5,000 seeded mutations of the corpus messages: every typed header reads without throwing")
  void mutatedCorpus() {
    List<CorpusTypedHeadersTest.Sample> samples = CorpusTypedHeadersTest.all().toList();
    Random random = new Random(3261);
    int framed = 0;
    int malformed = 0;
    for (int round = 0; round < 5_000; round++) {
      byte[] bytes = samples.get(random.nextInt(samples.size())).bytes().clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        bytes[random.nextInt(bytes.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      if (SipFraming.datagram(bytes) instanceof FramingResult.Framed f) {
        framed++;
        readEverything(f.message());
        malformed += (int) TypedHeader.ALL.stream()
            .filter(h -> f.message().get(h) instanceof HeaderValue.Malformed).count();
      }
    }
    assertThat(framed).isGreaterThan(1_000);
    assertThat(malformed).isPositive();
  }

  @Test
  @DisplayName("20,000 random short values for every typed header and for Uri.parse: a value or a typed error")
  void randomValues() {
    Random random = new Random(3966);
    for (int round = 0; round < 20_000; round++) {
      byte[] value = new byte[random.nextInt(40)];
      for (int i = 0; i < value.length; i++) {
        value[i] = ALPHABET[random.nextInt(ALPHABET.length - 2)];
      }
      String text = new String(value, StandardCharsets.US_ASCII).replace("\r", "").replace("\n", "");
      TypedHeader<?> header = TypedHeader.ALL.get(round % TypedHeader.ALL.size());
      Parsed<?> typed = header.parseValue(text);
      assertThat(typed.isOk() || typed.failure().isPresent()).isTrue();
      Parsed<Uri> uri = Uri.parse("sip:" + text);
      uri.toOptional().ifPresent(u -> assertThat(Uri.parse(u.toString()).toOptional())
          .as("a parsed URI's text parses to the same URI").contains(u));
      Parsed<NameAddress> address = NameAddress.parse(text);
      assertThat(address.isOk() || address.failure().isPresent()).isTrue();
    }
  }
}
