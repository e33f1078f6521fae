package org.sipstrata.syntax;

import java.util.Objects;

/**
 * Why octets could not be framed as a SIP message: where (line and column of the message, both
 * counted from 1, the start line being line 1), which ABNF rule was expected, the RFC 3261 section
 * that defines it or the requirement broken, and what was found.
 *
 * @param kind the class of failure
 * @param line 1-based line of the message (leading CRLFs skipped before the start line are not counted)
 * @param column 1-based octet column within that line
 * @param rule the ABNF rule name of RFC 3261 §25, e.g. {@code "message-header"}, {@code "Request-Line"}
 * @param rfcSection the section of RFC 3261, e.g. {@code "7.3"}, {@code "18.3"}, {@code "20.14"}, or
 *     a full reference such as {@code "RFC 3261 §25.1"} when it comes from the grammar
 * @param found what was there instead, printable ASCII with other octets escaped; empty means the
 *     input ended
 * @param detail an optional clause explaining the rule broken (no trailing period), or empty
 */
public record SyntaxError(
    Kind kind, int line, int column, String rule, String rfcSection, String found, String detail) {

  public SyntaxError {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(rule);
    Objects.requireNonNull(rfcSection);
    Objects.requireNonNull(found);
    Objects.requireNonNull(detail);
  }

  /** The classes of framing failure. */
  public enum Kind {
    /** The start line is not a Request-Line or Status-Line that can be framed (§7.1, §7.2). */
    MALFORMED_START_LINE,
    /** A header row is not {@code field-name: field-value} (§7.3.1), or starts with whitespace. */
    MALFORMED_HEADER,
    /** A CR or LF octet outside a CRLF line end (§7). */
    BARE_CR_OR_LF,
    /** The datagram or stream ended before the empty line that ends the header section (§7). */
    MISSING_EMPTY_LINE,
    /** Content-Length is not {@code 1*DIGIT} (§20.14; RFC 4475 §3.1.2.3). */
    INVALID_CONTENT_LENGTH,
    /** Several Content-Length rows with different values on a stream (RFC 4475 §3.3.9). */
    CONFLICTING_CONTENT_LENGTH,
    /** No Content-Length on a stream-oriented transport (§18.3, §20.14). */
    MISSING_CONTENT_LENGTH,
    /** The datagram ends before the Content-Length octets of body (§18.3; RFC 4475 §3.1.2.2). */
    TRUNCATED_BODY,
    /** The stream ended in the middle of a message. */
    TRUNCATED_MESSAGE,
    /** {@link SyntaxLimits#maxStartLineLength()} exceeded. */
    START_LINE_TOO_LONG,
    /** {@link SyntaxLimits#maxHeaderLineLength()} exceeded. */
    HEADER_LINE_TOO_LONG,
    /** {@link SyntaxLimits#maxHeaderCount()} exceeded. */
    TOO_MANY_HEADERS,
    /** {@link SyntaxLimits#maxMessageSize()} exceeded. */
    MESSAGE_TOO_LARGE,
    /** {@link SyntaxLimits#maxBodySize()} exceeded. */
    BODY_TOO_LARGE,
    /** {@link SyntaxLimits#maxValuesPerHeader()} exceeded. */
    TOO_MANY_VALUES,
    /** {@link SyntaxLimits#maxNestingDepth()} exceeded. */
    NESTING_TOO_DEEP,
    /** ({@link SipMessage#validate()}) The start line does not match Request-Line / Status-Line (§25). */
    INVALID_START_LINE,
    /** ({@link SipMessage#validate()}) A header row does not match its rule of §25. */
    INVALID_HEADER_FIELD,
    /** ({@link SipMessage#validateStrict()}) The message does not match {@code SIP-message} (§25). */
    INVALID_MESSAGE,
    /** ({@link SipMessage#validate()}) A SIP-Version other than SIP/2.0 (§7.1; RFC 4475 §3.1.2.16). */
    UNSUPPORTED_SIP_VERSION,
    /** ({@link SipMessage#validate()}) The CSeq method differs from the request's (§8.1.1.5). */
    CSEQ_METHOD_MISMATCH,
    /** ({@link SipMessage#validate()}) A number outside the range its section allows (§8.1.1.5, §20.22). */
    VALUE_OUT_OF_RANGE,
    /** ({@link SipMessage#validate()}) A URI component Table 1 of §19.1.1 does not allow where it is. */
    DISALLOWED_URI_COMPONENT,
    /** ({@link Uri#parse}) The text is not a {@code Request-URI} of §25.1 (SIP-URI / SIPS-URI / absoluteURI). */
    INVALID_URI,
    /** ({@link Uri#parse}) The text is longer than the URI length limit. */
    URI_TOO_LONG;

    /** Whether this failure is a configured limit rather than a violation of the RFC. */
    public boolean isLimit() {
      return switch (this) {
        case START_LINE_TOO_LONG, HEADER_LINE_TOO_LONG, TOO_MANY_HEADERS, MESSAGE_TOO_LARGE,
            BODY_TOO_LARGE, TOO_MANY_VALUES, NESTING_TOO_DEEP, URI_TOO_LONG -> true;
        default -> false;
      };
    }
  }

  /**
   * One sentence, e.g. {@code line 3, column 1: expected message-header (RFC 3261 §7.3) but found
   * "Foo"}. A limit reads {@code line 259, column 1: the message has more header rows than the limit
   * of 256 (message-header, RFC 3261 §7.3)}.
   */
  public String message() {
    String section = rfcSection.startsWith("RFC ") ? rfcSection : "RFC 3261 §" + rfcSection;
    if (kind.isLimit()) {
      return "line " + line + ", column " + column + ": " + detail + " (" + rule + ", " + section
          + ")";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("line ").append(line).append(", column ").append(column).append(": expected ")
        .append(rule).append(" (").append(section).append(")");
    if (!detail.isEmpty()) {
      sb.append(", ").append(detail).append(',');
    }
    sb.append(found.isEmpty() ? " but found the end of the input" : " but found \"" + found + "\"");
    return sb.toString();
  }

  @Override
  public String toString() {
    return kind + ": " + message();
  }
}
