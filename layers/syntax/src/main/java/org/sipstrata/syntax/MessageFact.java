package org.sipstrata.syntax;

import java.util.Objects;

/**
 * Something framing noticed about a message that it could still frame: the facts RFC 4475 §3.2–3.4
 * asks an element to notice (missing mandatory headers, several Content-Length values, …). Higher
 * layers decide what to do (answer 400, drop, log); framing only reports.
 *
 * @param kind what was noticed
 * @param header the header field it concerns (canonical name), or empty
 * @param detail a short explanation with the values involved
 * @param rfcSection where the rule comes from, e.g. {@code "RFC 3261 §8.1.1"}
 */
public record MessageFact(Kind kind, String header, String detail, String rfcSection) {

  public MessageFact {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(header);
    Objects.requireNonNull(detail);
    Objects.requireNonNull(rfcSection);
  }

  public enum Kind {
    /** A request lacks one of To, From, CSeq, Call-ID, Max-Forwards, Via (RFC 3261 §8.1.1). */
    MISSING_MANDATORY_HEADER,
    /** A header whose grammar is not a comma list appears in several rows (RFC 3261 §7.3.1). */
    REPEATED_SINGLE_VALUE_HEADER,
    /** Several Content-Length rows disagree; over a datagram the body runs to its end (RFC 4475 §3.3.9). */
    CONFLICTING_CONTENT_LENGTH,
    /** Several Content-Length rows with the same value. */
    DUPLICATE_CONTENT_LENGTH,
    /** No Content-Length in a datagram: the body is the rest of the datagram (RFC 3261 §18.3). */
    CONTENT_LENGTH_ABSENT,
    /** The datagram held octets after the body, which were discarded (RFC 3261 §18.3). */
    TRAILING_OCTETS_DISCARDED,
    /** The Content-Length value differs from the number of body octets (RFC 3261 §20.14). */
    CONTENT_LENGTH_MISMATCH,
    /** Start line elements not separated by exactly one SP (RFC 3261 §7.1, §7.2). */
    START_LINE_WHITESPACE
  }

  @Override
  public String toString() {
    return kind + (header.isEmpty() ? "" : " " + header) + ": " + detail + " (" + rfcSection + ")";
  }
}
