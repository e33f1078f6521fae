package org.sipstrata.syntax;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SIP message: a request or a response (RFC 3261 §7).
 *
 * <p>{@code generic-message = start-line *message-header CRLF [ message-body ]}. Messages are
 * immutable. A message framed from octets remembers the octets of its start line and of each
 * header row, so {@link #toBytes()} of an unmodified message gives back exactly what was framed;
 * the {@code with...} methods keep the octets of everything they do not change.
 *
 * <p>Equality is by content: start line elements (the SIP-Version case-insensitively, §7.1),
 * header rows in order ({@link HeaderField#equals}) and body octets. How the octets were laid out
 * (folding, spaces around the colon, compact or long names) does not count.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

  /** {@code SIP-Version} as written, e.g. {@code "SIP/2.0"}. */
  String sipVersion();

  /** The header field rows, in order. */
  HeaderFields headers();

  /** The message body (a copy); empty when there is none. */
  byte[] body();

  /** The number of octets in the body. */
  int bodyLength();

  /** This message with other header rows; the start line and body are kept. */
  SipMessage withHeaders(HeaderFields headers);

  /** This message with another body; the header rows are kept as they are (no Content-Length update). */
  SipMessage withBody(byte[] body);

  /** The first row of the named header field (any spelling, compact forms included). */
  default Optional<HeaderField> header(String name) {
    return headers().first(name);
  }

  /** Every value of the named header field over all its rows ({@link HeaderFields#values}). */
  default List<String> values(String name) {
    return headers().values(name);
  }

  // --- through the generated grammar (lazy: a row is parsed when first needed, then cached) ----

  /**
   * Checks the message against the grammar of RFC 3261 §25, one part at a time: the start line with
   * Request-Line or Status-Line, every header row with its own rule (extension-header for headers
   * RFC 3261 does not define); then the checks a syntax layer can make beyond the ABNF: SIP-Version
   * 2.0 (§7.1), CSeq range and method (§8.1.1.5), Max-Forwards range (§20.22), no headers in the
   * Request-URI (§19.1.1). Every problem is reported, in message order, with its line and column.
   */
  default List<SyntaxError> validate() {
    return MessageChecks.validate(this);
  }

  /** Parses the whole message (its preserving form) with the {@code SIP-message} rule. */
  default Optional<SyntaxError> validateStrict() {
    return MessageChecks.validateStrict(this);
  }

  /** The Call-ID, when the first Call-ID row is present and well-formed. */
  default Optional<String> callId() {
    return MessageChecks.callId(this);
  }

  /** The CSeq, when the first CSeq row is present, well-formed, and its number fits 32 bits. */
  default Optional<CSeq> cseq() {
    return MessageChecks.cseq(this);
  }

  /** Max-Forwards, when the first row is present, well-formed and 0-255 (§20.22). */
  default OptionalInt maxForwards() {
    return MessageChecks.maxForwards(this);
  }

  /** The branch parameter of the topmost Via value, when present and well-formed (§8.1.1.7). */
  default Optional<String> topViaBranch() {
    return MessageChecks.topViaBranch(this);
  }

  /** The tag parameter of the From header field, when present and well-formed (§19.3). */
  default Optional<String> fromTag() {
    return MessageChecks.fromTag(this);
  }

  /** The tag parameter of the To header field, when present and well-formed (§19.3). */
  default Optional<String> toTag() {
    return MessageChecks.toTag(this);
  }

  // --- typed header values (RFC 3261 §20), built from the grammar's tree, cached per row -------

  /**
   * The typed value of a header field: {@link HeaderValue.Absent}, {@link HeaderValue.Valid} or
   * {@link HeaderValue.Malformed} (with the line and column in this message). Never throws.
   */
  default <T> HeaderValue<T> get(TypedHeader<T> header) {
    return header.in(this);
  }

  /** Every Via value, top first (§20.42). */
  default HeaderValue<List<Via>> via() {
    return get(TypedHeader.VIA);
  }

  /** The From address and its tag (§20.20). */
  default HeaderValue<NameAddress> from() {
    return get(TypedHeader.FROM);
  }

  /** The To address and its tag (§20.39). */
  default HeaderValue<NameAddress> to() {
    return get(TypedHeader.TO);
  }

  /** The Contact values of every row, or the wildcard (§20.10). */
  default HeaderValue<Contact> contact() {
    return get(TypedHeader.CONTACT);
  }

  /** Every Route value, in order (§20.34). */
  default HeaderValue<List<NameAddress>> route() {
    return get(TypedHeader.ROUTE);
  }

  /** Every Record-Route value, in order (§20.30). */
  default HeaderValue<List<NameAddress>> recordRoute() {
    return get(TypedHeader.RECORD_ROUTE);
  }

  /** The Content-Type (§20.15). */
  default HeaderValue<MediaType> contentType() {
    return get(TypedHeader.CONTENT_TYPE);
  }

  /** The preserving form: the framed octets of every part not changed since framing. */
  default byte[] toBytes() {
    return Serialization.preserving(this);
  }

  /** The canonical form of §7 with header names as {@code form} says. */
  default byte[] toCanonicalBytes(Serialization.NameForm form) {
    return Serialization.canonical(this, form);
  }
}
