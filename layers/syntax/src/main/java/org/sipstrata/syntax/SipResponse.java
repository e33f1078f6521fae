package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.sipstrata.syntax.internal.StartLines;

/**
 * A SIP response (RFC 3261 §7.2):
 * {@code Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF}, header rows and a body.
 */
public final class SipResponse implements SipMessage {

  private final String sipVersion;
  private final int statusCode;
  private final String reasonPhrase;
  private final HeaderFields headers;
  /** The body is {@code body[bodyFrom, bodyFrom + bodyLength)}; a framed datagram shares one array. */
  private final byte[] body;
  private final int bodyFrom;
  private final int bodyLength;
  /** The framed Status-Line octets including CRLF, or null when the line was built, not framed. */
  private final byte[] rawStartLine;
  /** The start line is {@code rawStartLine[0, startLineLength)}. */
  private final int startLineLength;

  private SipResponse(
      String sipVersion,
      int statusCode,
      String reasonPhrase,
      HeaderFields headers,
      byte[] body,
      byte[] rawStartLine) {
    this(sipVersion, statusCode, reasonPhrase, headers, body, 0, body.length, rawStartLine,
        rawStartLine == null ? 0 : rawStartLine.length);
  }

  private SipResponse(String sipVersion, int statusCode, String reasonPhrase, HeaderFields headers,
      byte[] body, int bodyFrom, int bodyLength, byte[] rawStartLine, int startLineLength) {
    this.sipVersion = sipVersion;
    this.statusCode = statusCode;
    this.reasonPhrase = reasonPhrase;
    this.headers = headers;
    this.body = body;
    this.bodyFrom = bodyFrom;
    this.bodyLength = bodyLength;
    this.rawStartLine = rawStartLine;
    this.startLineLength = startLineLength;
  }

  /**
   * A response built in code, with SIP-Version {@code SIP/2.0}.
   *
   * @throws IllegalArgumentException if the code is not three digits (100..999) or the
   *     Reason-Phrase contains CR or LF
   */
  public static SipResponse of(
      int statusCode, String reasonPhrase, HeaderFields headers, byte[] body) {
    return of("SIP/2.0", statusCode, reasonPhrase, headers, body);
  }

  /**
   * A response built in code with the given SIP-Version; see {@link #of(int, String, HeaderFields,
   * byte[])}.
   */
  public static SipResponse of(
      String sipVersion, int statusCode, String reasonPhrase, HeaderFields headers, byte[] body) {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
    //# The Status-Code is a 3-digit integer result code that indicates the
    //# outcome of an attempt to understand and satisfy a request.
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("Status-Code is not 3 digits: " + statusCode);
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
    //# No CR or LF is allowed except in the final CRLF sequence.
    if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("Reason-Phrase contains CR or LF");
    }
    if (!StartLines.isSipVersion(sipVersion)) {
      throw new IllegalArgumentException("not a SIP-Version: \"" + sipVersion + "\"");
    }
    return new SipResponse(
        sipVersion, statusCode, reasonPhrase, Objects.requireNonNull(headers), body.clone(), null);
  }

  /**
   * A response as framed from the wire. Used by the framers, which check the line before calling;
   * {@code rawStartLine} must end in CRLF.
   */
  public static SipResponse framed(
      String sipVersion,
      int statusCode,
      String reasonPhrase,
      byte[] rawStartLine,
      HeaderFields headers,
      byte[] body) {
    int n = rawStartLine.length;
    if (n < 2 || rawStartLine[n - 2] != '\r' || rawStartLine[n - 1] != '\n') {
      throw new IllegalArgumentException("a framed start line ends with CRLF");
    }
    return new SipResponse(
        sipVersion, statusCode, reasonPhrase, headers, body.clone(), rawStartLine.clone());
  }

  /**
   * {@link #framed} for a framer that hands over the datagram's octets, which it never writes
   * again: the start line is {@code message[0, startLineLength)} and the body {@code
   * message[bodyFrom, bodyFrom + bodyLength)}, neither copied.
   */
  static SipResponse framedShared(String sipVersion, int statusCode, String reasonPhrase,
      byte[] message, int startLineLength, HeaderFields headers, int bodyFrom, int bodyLength) {
    return new SipResponse(sipVersion, statusCode, reasonPhrase, headers, message, bodyFrom,
        bodyLength, message, startLineLength);
  }

  @Override
  public String sipVersion() {
    return sipVersion;
  }

  /** {@code Status-Code}, 100..999. */
  public int statusCode() {
    return statusCode;
  }

  /** {@code Reason-Phrase} as written; may be empty. */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  @Override
  public HeaderFields headers() {
    return headers;
  }

  @Override
  public byte[] body() {
    return Arrays.copyOfRange(body, bodyFrom, bodyFrom + bodyLength);
  }

  @Override
  public int bodyLength() {
    return bodyLength;
  }

  /** The body; the array itself unless the body is a view of a framed datagram. */
  byte[] bodyNoCopy() {
    return bodyFrom == 0 && bodyLength == body.length ? body : body();
  }

  /** The framed octets of the Status-Line (with CRLF), or the canonical line when built in code. */
  public byte[] startLineBytes() {
    if (rawStartLine != null) {
      return Arrays.copyOf(rawStartLine, startLineLength);
    }
    return canonicalStartLine();
  }

  byte[] canonicalStartLine() {
    String line =
        sipVersion.toUpperCase(Locale.ROOT) + " " + statusCode + " " + reasonPhrase + "\r\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public SipResponse withHeaders(HeaderFields newHeaders) {
    return new SipResponse(sipVersion, statusCode, reasonPhrase,
        Objects.requireNonNull(newHeaders), body, bodyFrom, bodyLength, rawStartLine,
        startLineLength);
  }

  @Override
  public SipResponse withBody(byte[] newBody) {
    byte[] copy = newBody.clone();
    return new SipResponse(sipVersion, statusCode, reasonPhrase, headers, copy, 0, copy.length,
        rawStartLine, startLineLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipResponse other
        && statusCode == other.statusCode
        && reasonPhrase.equals(other.reasonPhrase)
        && sipVersion.equalsIgnoreCase(other.sipVersion)
        && headers.equals(other.headers)
        && Arrays.equals(body, bodyFrom, bodyFrom + bodyLength,
            other.body, other.bodyFrom, other.bodyFrom + other.bodyLength);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statusCode, reasonPhrase, sipVersion.toUpperCase(Locale.ROOT), headers)
        + 31 * SipRequest.hashOfOctets(body, bodyFrom, bodyLength);
  }

  @Override
  public String toString() {
    return sipVersion + " " + statusCode + " " + reasonPhrase + " " + headers + " body=" + bodyLength;
  }
}
