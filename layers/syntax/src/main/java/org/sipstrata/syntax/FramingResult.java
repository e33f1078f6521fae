package org.sipstrata.syntax;

import java.util.List;
import java.util.Objects;

/** What framing produced: a message, an error, or (on a stream) a request for more octets. */
public sealed interface FramingResult {

  /**
   * A framed message.
   *
   * @param message the message
   * @param facts what framing noticed about it ({@link MessageFact}); empty for a clean message
   * @param octets how many input octets the message took, leading CRLFs included (in datagram mode,
   *     trailing discarded octets are not included)
   */
  record Framed(SipMessage message, List<MessageFact> facts, int octets) implements FramingResult {
    public Framed {
      Objects.requireNonNull(message);
      facts = List.copyOf(facts);
    }

    /** Whether a fact of this kind was reported. */
    public boolean has(MessageFact.Kind kind) {
      return facts.stream().anyMatch(f -> f.kind() == kind);
    }
  }

  /**
   * Framing failed. On a stream the decoder stays failed: the connection is to be closed
   * (RFC 4475 §3.1.2.3: the framing error is not recoverable).
   */
  record Failed(SyntaxError error) implements FramingResult {
    public Failed {
      Objects.requireNonNull(error);
    }
  }

  /** The octets so far are a prefix of a message: feed more. */
  record NeedMore() implements FramingResult {}
}
