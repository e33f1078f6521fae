package org.sipstrata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseResult;
import org.sipstrata.grammar.SipGrammar;

/**
 * The generated parser on a typical INVITE (RFC 3665 §3.1, F1): strict validation of the whole
 * message against SIP-message, and the lazy path of the syntax layer, one header value at a time.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GrammarBenchmark -f 1 -wi 5 -i 5 -prof
 * gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GrammarBenchmark {

  /** RFC 3665 §3.1, message F1, with CRLF line ends. */
  static final String INVITE_F1 =
      String.join(
          "\r\n",
          "INVITE sip:bob@biloxi.example.com SIP/2.0",
          "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9",
          "Max-Forwards: 70",
          "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
          "To: Bob <sip:bob@biloxi.example.com>",
          "Call-ID: 3848276298220188511@atlanta.example.com",
          "CSeq: 1 INVITE",
          "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>",
          "Content-Type: application/sdp",
          "Content-Length: 151",
          "",
          "v=0",
          "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com",
          "s=-",
          "c=IN IP4 192.0.2.101",
          "t=0 0",
          "m=audio 49172 RTP/AVP 0",
          "a=rtpmap:0 PCMU/8000",
          "");

  private final byte[] invite = INVITE_F1.getBytes(StandardCharsets.UTF_8);
  private final SipGrammar strict = SipGrammar.strict();

  @Benchmark
  public ParseResult strictSipMessage() {
    return strict.parse(EntryRule.SIP_MESSAGE, invite);
  }

  @Benchmark
  public ParseResult viaValue() {
    return strict.parseHeaderValue(
        EntryRule.VIA, "SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9");
  }

  @Benchmark
  public ParseResult fromValue() {
    return strict.parseHeaderValue(
        EntryRule.FROM, "Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl");
  }

  @Benchmark
  public ParseResult cseqValue() {
    return strict.parseHeaderValue(EntryRule.CSEQ, "1 INVITE");
  }
}
