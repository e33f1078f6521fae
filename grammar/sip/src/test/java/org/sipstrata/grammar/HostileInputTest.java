package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input gets a typed error (line, column, rule, section), never an exception. */
@DisplayName("hostile input")
class HostileInputTest {

  private final SipGrammar grammar = SipGrammar.strict();

  private GrammarError failed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).error();
  }

  @Test
  @DisplayName("empty input: expected Request or Response at line 1, column 1")
  void emptyInput() {
    GrammarError error = failed(grammar.parse(EntryRule.SIP_MESSAGE, new byte[0]));
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(1);
    assertThat(error.found()).isEmpty();
    assertThat(error.message()).endsWith("but found end of input");
  }

  @Test
  @DisplayName("every truncation of a valid message is rejected without an exception")
  void everyPrefixOfAMessage() {
    byte[] message = Corpus.bytes("corpus/rfc4475/lwsdisp.dat");
    // lwsdisp ends with "l: 0" and the empty line; every shorter prefix lacks that empty line.
    for (int n = 0; n < message.length; n++) {
      byte[] prefix = Arrays.copyOf(message, n);
      ParseResult result = grammar.parse(EntryRule.SIP_MESSAGE, prefix);
      assertThat(result.isOk()).as("prefix of %d octets", n).isFalse();
    }
  }

  @Test
  @DisplayName("1,000,000 random octets: an error, quickly")
  void megabyteOfGarbage() {
    byte[] garbage = new byte[1_000_000];
    new Random(3261).nextBytes(garbage);
    long start = System.nanoTime();
    GrammarError error = failed(grammar.parse(EntryRule.SIP_MESSAGE, garbage));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(error.line()).isPositive();
  }

  @Test
  @DisplayName("1 MB of one header value: an error or a match, without a stack overflow")
  void megabyteLongHeaderValue() {
    String value = "x".repeat(1_000_000);
    ParseResult result = grammar.parse(EntryRule.SUBJECT, "Subject: " + value);
    assertThat(result.isOk()).isTrue();
  }

  @Test
  @DisplayName("more than MAX_INPUT_OCTETS is refused as a limit")
  void inputOverTheLimit() {
    byte[] big = new byte[SipGrammar.MAX_INPUT_OCTETS + 1];
    Arrays.fill(big, (byte) 'a');
    GrammarError error = failed(grammar.parse(EntryRule.SIP_MESSAGE, big));
    assertThat(error.expected()).contains("at most " + SipGrammar.MAX_INPUT_OCTETS + " octets");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //= type=test
  //# comment  =  LPAREN *(ctext / quoted-pair / comment) RPAREN
  @Test
  @DisplayName("10,000 nested '(' in a Server comment on a small stack: a typed error, no StackOverflowError")
  void deeplyNestedComment() throws InterruptedException {
    String value = "Server: x (" + "(".repeat(10_000) + ")".repeat(10_001);
    ParseResult[] result = new ParseResult[1];
    Throwable[] escaped = new Throwable[1];
    // A 256 KiB stack cannot hold 10,000 levels of the generated recursive descent.
    Thread small =
        new Thread(null, () -> result[0] = grammar.parse(EntryRule.SERVER, value), "small", 256 << 10);
    small.setUncaughtExceptionHandler((t, e) -> escaped[0] = e);
    small.start();
    small.join();
    assertThat(escaped[0]).isNull();
    assertThat(result[0]).isInstanceOf(ParseResult.Failed.class);
    GrammarError error = ((ParseResult.Failed) result[0]).error();
    assertThat(error.expected()).contains("nesting");
    assertThat(error.abnfRule()).isEqualTo("Server");
    assertThat(error.column()).isGreaterThan(12);
  }

  @Test
  @DisplayName("nested comments of reasonable depth match")
  void nestedCommentsOfReasonableDepth() {
    String value = "Server: x (" + "(".repeat(50) + "y" + ")".repeat(51);
    assertThat(grammar.parse(EntryRule.SERVER, value).isOk()).isTrue();
  }

  @Test
  @DisplayName("random damage to every RFC 4475 message: a result, never an exception")
  void damagedTortureMessages() {
    Random random = new Random(4475);
    int rejected = 0;
    for (Corpus.Message message : Corpus.index("rfc4475", ".dat")) {
      for (int i = 0; i < 20; i++) {
        byte[] damaged = message.octets().clone();
        for (int hits = 1 + random.nextInt(3); hits > 0; hits--) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        ParseResult result = grammar.parse(EntryRule.SIP_MESSAGE, damaged);
        if (result instanceof ParseResult.Failed f) {
          rejected++;
          assertThat(f.error().line()).isPositive();
          assertThat(f.error().column()).isPositive();
          assertThat(f.error().abnfRule()).isNotBlank();
          assertThat(f.error().rfcSection()).startsWith("RFC ");
        }
      }
    }
    assertThat(rejected).isPositive();
  }

  @Test
  @DisplayName("octets that are not UTF-8 are shown as %xNN in the error")
  void invalidUtf8IsShownAsHex() {
    byte[] input = "INVITE sip:a@b SIP/2.0\r\nTo: \u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    GrammarError error = failed(grammar.parse(EntryRule.SIP_MESSAGE, input));
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.found()).contains("%xFF");
  }
}
