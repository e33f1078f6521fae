package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.sipstrata.syntax.internal.StartLines;
import org.sipstrata.syntax.internal.Ascii;

/**
 * A SIP request (RFC 3261 §7.1): {@code Request-Line = Method SP Request-URI SP SIP-Version CRLF},
 * header rows and a body.
 *
 * <p>The Request-URI is kept as text here; its typed form belongs to the grammar-backed layer above
 * framing.
 */
public final class SipRequest implements SipMessage {

  private final String method;
  private final String requestUri;
  private final String sipVersion;
  private final HeaderFields headers;
  /** The body is {@code body[bodyFrom, bodyFrom + bodyLength)}; a framed datagram shares one array. */
  private final byte[] body;
  private final int bodyFrom;
  private final int bodyLength;
  /** The framed Request-Line octets including CRLF, or null when the line was built, not framed. */
  private final byte[] rawStartLine;
  /** The start line is {@code rawStartLine[0, startLineLength)}. */
  private final int startLineLength;
  /** The Request-URI parsed, on first use (a benign race: same result). */
  private volatile Parsed<Uri> parsedRequestUri;

  private SipRequest(
      String method,
      String requestUri,
      String sipVersion,
      HeaderFields headers,
      byte[] body,
      byte[] rawStartLine) {
    this(method, requestUri, sipVersion, headers, body, 0, body.length, rawStartLine,
        rawStartLine == null ? 0 : rawStartLine.length);
  }

  private SipRequest(String method, String requestUri, String sipVersion, HeaderFields headers,
      byte[] body, int bodyFrom, int bodyLength, byte[] rawStartLine, int startLineLength) {
    this.method = method;
    this.requestUri = requestUri;
    this.sipVersion = sipVersion;
    this.headers = headers;
    this.body = body;
    this.bodyFrom = bodyFrom;
    this.bodyLength = bodyLength;
    this.rawStartLine = rawStartLine;
    this.startLineLength = startLineLength;
  }

  /**
   * A request built in code, with SIP-Version {@code SIP/2.0}.
   *
   * @throws IllegalArgumentException if the method is not a token or the Request-URI is empty or
   *     contains whitespace, CR or LF
   */
  public static SipRequest of(String method, String requestUri, HeaderFields headers, byte[] body) {
    return of(method, requestUri, "SIP/2.0", headers, body);
  }

  /**
   * A request built in code with the given SIP-Version; see {@link #of(String, String,
   * HeaderFields, byte[])}.
   */
  public static SipRequest of(
      String method, String requestUri, String sipVersion, HeaderFields headers, byte[] body) {
    if (!Ascii.isToken(method)) {
      throw new IllegalArgumentException("Method is not a token: \"" + method + "\"");
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
    //# The Request-URI MUST NOT contain unescaped spaces or control
    //# characters and MUST NOT be enclosed in "<>".
    if (requestUri.isEmpty() || requestUri.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("Request-URI is empty or contains spaces or control characters");
    }
    if (!StartLines.isSipVersion(sipVersion)) {
      throw new IllegalArgumentException("not a SIP-Version: \"" + sipVersion + "\"");
    }
    return new SipRequest(
        method, requestUri, sipVersion, Objects.requireNonNull(headers), body.clone(), null);
  }

  /**
   * A request as framed from the wire: the start line elements and the octets of the Request-Line.
   * Used by the framers, which check the line before calling; {@code rawStartLine} must end in CRLF.
   */
  public static SipRequest framed(
      String method,
      String requestUri,
      String sipVersion,
      byte[] rawStartLine,
      HeaderFields headers,
      byte[] body) {
    int n = rawStartLine.length;
    if (n < 2 || rawStartLine[n - 2] != '\r' || rawStartLine[n - 1] != '\n') {
      throw new IllegalArgumentException("a framed start line ends with CRLF");
    }
    return new SipRequest(
        method, requestUri, sipVersion, headers, body.clone(), rawStartLine.clone());
  }

  /**
   * {@link #framed} for a framer that hands over the datagram's octets, which it never writes
   * again: the start line is {@code message[0, startLineLength)} and the body {@code
   * message[bodyFrom, bodyFrom + bodyLength)}, neither copied.
   */
  static SipRequest framedShared(String method, String requestUri, String sipVersion,
      byte[] message, int startLineLength, HeaderFields headers, int bodyFrom, int bodyLength) {
    return new SipRequest(method, requestUri, sipVersion, headers, message, bodyFrom, bodyLength,
        message, startLineLength);
  }

  /** {@code Method}, case-sensitive as written (e.g. {@code "INVITE"}). */
  public String method() {
    return method;
  }

  /** {@code Request-URI} as written. */
  public String requestUri() {
    return requestUri;
  }

  /**
   * The Request-URI as a {@link Uri} ({@link Uri#parse}), parsed on first use and cached; a typed
   * error when it is not a {@code Request-URI} of §25.1 or over the URI length limit.
   */
  public Parsed<Uri> requestUriValue() {
    Parsed<Uri> result = parsedRequestUri;
    if (result == null) {
      result = Uri.parse(requestUri);
      parsedRequestUri = result;
    }
    return result;
  }

  @Override
  public String sipVersion() {
    return sipVersion;
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

  /** The framed octets of the Request-Line (with CRLF), or the canonical line when built in code. */
  public byte[] startLineBytes() {
    if (rawStartLine != null) {
      return Arrays.copyOf(rawStartLine, startLineLength);
    }
    return canonicalStartLine();
  }

  byte[] canonicalStartLine() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
    //# The SIP-Version string is case-insensitive,
    //# but implementations MUST send upper-case.
    String line = method + " " + requestUri + " " + sipVersion.toUpperCase(Locale.ROOT) + "\r\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** This request with another Request-URI (the Request-Line is then written canonically). */
  public SipRequest withRequestUri(String uri) {
    return of(method, uri, sipVersion, headers, body());
  }

  @Override
  public SipRequest withHeaders(HeaderFields newHeaders) {
    return new SipRequest(method, requestUri, sipVersion, Objects.requireNonNull(newHeaders), body,
        bodyFrom, bodyLength, rawStartLine, startLineLength);
  }

  @Override
  public SipRequest withBody(byte[] newBody) {
    byte[] copy = newBody.clone();
    return new SipRequest(method, requestUri, sipVersion, headers, copy, 0, copy.length,
        rawStartLine, startLineLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipRequest other
        && method.equals(other.method)
        && requestUri.equals(other.requestUri)
        && sipVersion.equalsIgnoreCase(other.sipVersion)
        && headers.equals(other.headers)
        && Arrays.equals(body, bodyFrom, bodyFrom + bodyLength,
            other.body, other.bodyFrom, other.bodyFrom + other.bodyLength);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, requestUri, sipVersion.toUpperCase(Locale.ROOT), headers)
        + 31 * hashOfOctets(body, bodyFrom, bodyLength);
  }

  /** {@link Arrays#hashCode(byte[])} of {@code octets[from, from + length)}. */
  static int hashOfOctets(byte[] octets, int from, int length) {
    int h = 1;
    for (int i = from; i < from + length; i++) {
      h = 31 * h + octets[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return method + " " + requestUri + " " + sipVersion + " " + headers + " body=" + bodyLength;
  }
}
