package org.sipstrata.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.AtnDfa;
import org.sipstrata.grammar.internal.Engine;

/**
 * The grammar's two backends on the same input, each building the same tree (the differential
 * test in grammar/sip checks that they do): the ANTLR parser ({@code Engine}, SLL then LL) and the
 * DFA over its ATN ({@code AtnDfa}). RFC 3665 §3.1 F1: the whole message as {@code SIP-message},
 * and three of its header rows with their own rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BackendBenchmark {

  @Param({"dfa", "antlr"})
  public String backend;

  @Param({"message", "via", "from", "contact"})
  public String input;

  private EntryRule rule;
  private byte[] octets;

  @Setup
  public void setUp() {
    String text = switch (input) {
      case "message" -> GrammarBenchmark.INVITE_F1;
      case "via" -> "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9";
      case "from" -> "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl";
      case "contact" -> "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>";
      default -> throw new IllegalArgumentException(input);
    };
    rule = switch (input) {
      case "message" -> EntryRule.SIP_MESSAGE;
      case "via" -> EntryRule.VIA;
      case "from" -> EntryRule.FROM;
      default -> EntryRule.CONTACT;
    };
    octets = text.getBytes(StandardCharsets.UTF_8);
    Node dfa = AtnDfa.of(rule).run(octets, 0, octets.length, true).root();
    Node antlr = ((Engine.Outcome.Matched) Engine.run(rule, octets, 0, octets.length, true)).root();
    if (dfa == null || !dfa.equals(antlr)) {
      throw new IllegalStateException("the backends disagree on " + input);
    }
  }

  @Benchmark
  public Node tree() {
    return backend.equals("dfa")
        ? AtnDfa.of(rule).run(octets, 0, octets.length, true).root()
        : ((Engine.Outcome.Matched) Engine.run(rule, octets, 0, octets.length, true)).root();
  }
}
