package org.sipstrata.benchmarks;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
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
import org.openjdk.jmh.infra.Blackhole;
import org.sipstrata.syntax.CSeq;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.Serialization;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.TypedHeader;

/**
 * The syntax layer against JAIN-SIP's parser ({@code gov.nist.javax.sip.parser.StringMsgParser},
 * {@code javax.sip:jain-sip-ri}) in the same run, on the same messages, doing the same accessor
 * work (issue 4, "Benchmarks"). One operation is one message; a set of several messages is cycled.
 *
 * <ul>
 *   <li>{@code transactionHeaders} (a): frame/parse, then the top Via branch, From tag, To tag,
 *       Call-ID, CSeq number and method — what a transaction layer reads from every message.
 *   <li>{@code fullParse} (b): frame/parse and every header as its typed value (Strata: the 44
 *       typed headers of §20 and the Request-URI; JAIN-SIP parses every header eagerly, the
 *       benchmark walks them and the Request-URI).
 *   <li>{@code serialize} (d): a message parsed in setup written out as octets. Strata writes the
 *       canonical form ({@code toCanonicalBytes(LONG)}: every row re-emitted); its preserving
 *       {@code toBytes()} of an unmodified message is a copy of the framed octets and would compare
 *       nothing. JAIN-SIP: {@code encodeAsBytes("UDP")} (its {@code encode()} plus the octets).
 * </ul>
 *
 * Strict validation (c) has no JAIN-SIP counterpart with the same meaning, and JMH cannot leave out
 * one method for one parameter value, so it is {@link StrictValidateBenchmark}, compared with
 * {@code fullParse} of JAIN-SIP.
 *
 * <p>Run: see benchmarks/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {

  @Param({"strata", "jainsip"})
  public String parser;

  @Param({"invite", "response", "rfc4475valid", "callflows"})
  public String set;

  private Peer peer;
  private byte[][] messages;
  private Object[] parsed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    peer = parser.equals("strata") ? new Strata() : new JainSip();
    List<MessageSets.Message> all = MessageSets.load(set);
    messages = all.stream().map(MessageSets.Message::octets).toArray(byte[][]::new);
    // Both parsers must read the same facts from every message, or the comparison is void.
    List<String> disagreements = new ArrayList<>();
    for (MessageSets.Message m : all) {
      List<Object> strata = new Strata().keys(m.octets());
      List<Object> jain = new JainSip().keys(m.octets());
      if (!strata.equals(jain)) {
        disagreements.add(m.name() + ": strata " + strata + ", jainsip " + jain);
      }
    }
    if (!disagreements.isEmpty()) {
      throw new IllegalStateException("the parsers disagree: " + disagreements);
    }
    parsed = new Object[messages.length];
    for (int i = 0; i < messages.length; i++) {
      parsed[i] = peer.parse(messages[i]);
    }
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == messages.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public void transactionHeaders(Blackhole bh) {
    peer.transactionHeaders(messages[nextIndex()], bh);
  }

  @Benchmark
  public void fullParse(Blackhole bh) {
    peer.fullParse(messages[nextIndex()], bh);
  }

  @Benchmark
  public byte[] serialize() {
    return peer.serialize(parsed[nextIndex()]);
  }

  /** One parser under test. */
  interface Peer {
    void transactionHeaders(byte[] octets, Blackhole bh);

    void fullParse(byte[] octets, Blackhole bh);

    /** Parses in setup (for serialize). */
    Object parse(byte[] octets);

    byte[] serialize(Object message);

    /** Top Via branch, From tag, To tag (or "" when absent), Call-ID, CSeq number and method. */
    List<Object> keys(byte[] octets);
  }

  /** The syntax layer: datagram framing, lazy typed values. */
  static final class Strata implements Peer {
    static SipMessage frame(byte[] octets) {
      if (SipFraming.datagram(octets) instanceof FramingResult.Framed framed) {
        return framed.message();
      }
      throw new IllegalStateException("not framed: " + SipFraming.datagram(octets));
    }

    @Override
    public void transactionHeaders(byte[] octets, Blackhole bh) {
      SipMessage message = frame(octets);
      bh.consume(message.topViaBranch());
      bh.consume(message.fromTag());
      bh.consume(message.toTag());
      bh.consume(message.callId());
      CSeq cseq = message.cseq().orElseThrow();
      bh.consume(cseq.sequenceNumber());
      bh.consume(cseq.method());
    }

    @Override
    public void fullParse(byte[] octets, Blackhole bh) {
      SipMessage message = frame(octets);
      if (message instanceof SipRequest request) {
        bh.consume(request.requestUriValue());
      }
      for (TypedHeader<?> header : TypedHeader.ALL) {
        bh.consume(message.get(header));
      }
    }

    @Override
    public Object parse(byte[] octets) {
      return frame(octets);
    }

    @Override
    public byte[] serialize(Object message) {
      return ((SipMessage) message).toCanonicalBytes(Serialization.NameForm.LONG);
    }

    @Override
    public List<Object> keys(byte[] octets) {
      SipMessage m = frame(octets);
      CSeq cseq = m.cseq().orElseThrow();
      return List.of(m.topViaBranch().orElse(""), m.fromTag().orElse(""), m.toTag().orElse(""),
          m.callId().orElse(""), cseq.sequenceNumber(), cseq.method());
    }
  }

  /** JAIN-SIP's reference implementation: {@code StringMsgParser} parses every header eagerly. */
  static final class JainSip implements Peer {
    private final StringMsgParser parser = new StringMsgParser();

    SIPMessage parseMessage(byte[] octets) {
      try {
        return parser.parseSIPMessage(octets, true, false, null);
      } catch (ParseException e) {
        throw new IllegalStateException("JAIN-SIP refused the message", e);
      }
    }

    @Override
    public void transactionHeaders(byte[] octets, Blackhole bh) {
      SIPMessage message = parseMessage(octets);
      bh.consume(message.getTopmostVia().getBranch());
      bh.consume(message.getFrom().getTag());
      bh.consume(message.getTo().getTag());
      bh.consume(message.getCallId().getCallId());
      CSeqHeader cseq = message.getCSeq();
      bh.consume(cseq.getSeqNumber());
      bh.consume(cseq.getMethod());
    }

    @Override
    public void fullParse(byte[] octets, Blackhole bh) {
      SIPMessage message = parseMessage(octets);
      if (message instanceof SIPRequest request) {
        bh.consume(request.getRequestURI());
      }
      for (Iterator<?> headers = message.getHeaders(); headers.hasNext(); ) {
        bh.consume(headers.next());
      }
    }

    @Override
    public Object parse(byte[] octets) {
      return parseMessage(octets);
    }

    @Override
    public byte[] serialize(Object message) {
      return ((SIPMessage) message).encodeAsBytes("UDP");
    }

    @Override
    public List<Object> keys(byte[] octets) {
      SIPMessage m = parseMessage(octets);
      return List.of(Objects.requireNonNullElse(m.getTopmostVia().getBranch(), ""),
          Objects.requireNonNullElse(m.getFrom().getTag(), ""),
          Objects.requireNonNullElse(m.getTo().getTag(), ""), m.getCallId().getCallId(),
          m.getCSeq().getSeqNumber(), m.getCSeq().getMethod());
    }
  }
}
