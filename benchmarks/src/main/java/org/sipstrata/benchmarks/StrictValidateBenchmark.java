package org.sipstrata.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sipstrata.syntax.SyntaxError;

/**
 * Strict validation (issue 4, operation c), Strata only: JAIN-SIP has no operation with this
 * meaning, and JMH cannot leave out one method of {@link ParserBenchmark} for {@code
 * parser=jainsip}. The goal ("within 3×") compares it with {@code ParserBenchmark.fullParse} of
 * JAIN-SIP on the same set, in the same run.
 *
 * <ul>
 *   <li>{@code strictValidate}: frame, then {@code validateStrict()}: the whole message against
 *       the {@code SIP-message} rule of RFC 3261 §25;
 *   <li>{@code validate}: frame, then {@code validate()}: the start line and every row with its
 *       own rule, plus the checks beyond the ABNF (SIP-Version, CSeq, Max-Forwards, Table 1).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StrictValidateBenchmark {

  @Param({"invite", "response", "rfc4475valid", "callflows"})
  public String set;

  private byte[][] messages;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    messages = MessageSets.load(set).stream().map(MessageSets.Message::octets)
        .toArray(byte[][]::new);
    for (byte[] m : messages) {
      Optional<SyntaxError> error = ParserBenchmark.Strata.frame(m).validateStrict();
      if (error.isPresent()) {
        throw new IllegalStateException("not valid: " + error.get());
      }
    }
  }

  private byte[] nextMessage() {
    byte[] m = messages[next];
    next = next + 1 == messages.length ? 0 : next + 1;
    return m;
  }

  @Benchmark
  public Optional<SyntaxError> strictValidate() {
    return ParserBenchmark.Strata.frame(nextMessage()).validateStrict();
  }

  @Benchmark
  public List<SyntaxError> validate() {
    return ParserBenchmark.Strata.frame(nextMessage()).validate();
  }
}
