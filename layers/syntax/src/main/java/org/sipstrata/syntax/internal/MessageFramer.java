package org.sipstrata.syntax.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.FramingState;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.HeaderFields;
import org.sipstrata.syntax.MessageFact;
import org.sipstrata.syntax.MessageFacts;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SyntaxError;
import org.sipstrata.syntax.SyntaxError.Kind;
import org.sipstrata.syntax.SyntaxLimits;

/**
 * The framing state machine shared by datagram and stream mode, in the shape of netty's
 * {@code HttpObjectDecoder}: an explicit {@link FramingState}, one octet at a time through the
 * start line and header section, the body copied in bulk, and a return whenever the input runs out. Nothing
 * is re-scanned, so feeding one octet at a time costs the same as feeding all at once, and the
 * result is the same at every split point.
 *
 * <p>Only the message being framed is buffered, and every limit of {@link SyntaxLimits} is checked
 * as octets arrive, so the buffer never holds more than the limits allow.
 *
 * <p>For datagrams, {@code SipFraming} first tries a one-pass framer of the common case and comes
 * here for everything it declines; this class is the reference that one pass is tested against.
 */
public final class MessageFramer {

  /** Message-oriented (one message per datagram) or stream-oriented transport (RFC 3261 §18.3). */
  public enum Mode {
    DATAGRAM,
    STREAM
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final Mode mode;
  private final SyntaxLimits limits;
  private final boolean assumeZeroContentLength;

  private FramingState state = FramingState.SKIP_CONTROL_CHARS;
  private SyntaxError failure;

  // The start line and header section of the current message, as received.
  private byte[] buf = new byte[512];
  private int len;
  private int skipped;
  private int lineStart;
  private int lineNo;
  private int rowStart;
  private int rowLine;
  private int rowCount;
  // Octets "," and "(" seen: cheap upper bounds that decide when ValueScan must count exactly.
  private int rowParens;
  private int messageCommas;
  /** Values per header key, counted exactly once the message could exceed the limit; else null. */
  private Map<String, Integer> valuesByKey;

  private byte[] startLine;
  private String method;
  private String requestUri;
  private String sipVersion;
  private int statusCode;
  private String reasonPhrase;
  private final List<HeaderField> rows = new ArrayList<>();
  private final List<MessageFact> facts = new ArrayList<>();
  private long contentLength;
  private int contentLengthRows;
  private final StringBuilder contentLengthValues = new StringBuilder();
  private boolean conflictingContentLength;

  private byte[] body;
  private int bodyFilled;

  /**
   * @param assumeZeroContentLength in stream mode, frame a message without Content-Length as having
   *     an empty body (reported as a fact) instead of failing
   */
  public MessageFramer(Mode mode, SyntaxLimits limits, boolean assumeZeroContentLength) {
    this.mode = mode;
    this.limits = limits;
    this.assumeZeroContentLength = assumeZeroContentLength;
    reset();
  }

  public FramingState state() {
    return state;
  }

  public Optional<SyntaxError> failure() {
    return Optional.ofNullable(failure);
  }

  private void reset() {
    state = FramingState.SKIP_CONTROL_CHARS;
    if (buf.length > 4096) {
      buf = new byte[512];
    }
    len = 0;
    skipped = 0;
    lineStart = 0;
    lineNo = 1;
    rowStart = -1;
    rowLine = 0;
    rowCount = 0;
    rowParens = 0;
    messageCommas = 0;
    valuesByKey = null;
    startLine = null;
    method = null;
    requestUri = null;
    sipVersion = null;
    statusCode = 0;
    reasonPhrase = null;
    rows.clear();
    facts.clear();
    contentLength = -1;
    contentLengthRows = 0;
    contentLengthValues.setLength(0);
    conflictingContentLength = false;
    body = null;
    bodyFilled = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Stream mode

  /**
   * Frames as much of {@code in[off, off+n)} as possible, passing every framed message and at most
   * one failure to {@code out}. Octets of an incomplete message are kept for the next call.
   */
  public void decode(byte[] in, int off, int n, Consumer<FramingResult> out) {
    int pos = off;
    int end = off + n;
    while (state != FramingState.BAD_MESSAGE) {
      if (state == FramingState.READ_BODY) {
        int take = Math.min(body.length - bodyFilled, end - pos);
        System.arraycopy(in, pos, body, bodyFilled, take);
        bodyFilled += take;
        pos += take;
        if (bodyFilled < body.length) {
          return;
        }
        out.accept(framed(skipped + len + body.length));
        reset();
      } else {
        if (pos >= end) {
          return;
        }
        pos = advanceHead(in, pos, end);
        if (state == FramingState.BAD_MESSAGE) {
          out.accept(new FramingResult.Failed(failure));
        } else if (state == FramingState.READ_BODY) {
          startStreamBody();
          if (state == FramingState.BAD_MESSAGE) {
            out.accept(new FramingResult.Failed(failure));
          }
        }
      }
    }
  }

  /** The stream has ended: a message in progress is truncated. */
  public Optional<SyntaxError> endOfStream() {
    return switch (state) {
      case SKIP_CONTROL_CHARS, BAD_MESSAGE -> Optional.empty();
      default -> {
        SyntaxError error =
            state == FramingState.READ_BODY
                ? new SyntaxError(Kind.TRUNCATED_MESSAGE, lineNo + 1, 1, "message-body", "20.14", "",
                    "Content-Length announced " + body.length + " octets and " + bodyFilled
                        + " arrived")
                : new SyntaxError(Kind.TRUNCATED_MESSAGE, lineNo, len - lineStart + 1, "CRLF", "7",
                    "", "the stream ended before the empty line ending the header section");
        fail(error);
        yield Optional.of(error);
      }
    };
  }

  private void startStreamBody() {
    //= https://www.rfc-editor.org/rfc/rfc4475#section-3.3.9
    //# If a request like this arrives over TCP, the
    //# framing error is not recoverable, and the connection should be
    //# closed.
    if (conflictingContentLength) {
      fail(new SyntaxError(Kind.CONFLICTING_CONTENT_LENGTH, lineNo, 1, "Content-Length", "20.14",
          contentLengthValues.toString(),
          "a stream needs one Content-Length to find the end of the message, and "
              + contentLengthRows + " rows disagree"));
      return;
    }
    if (contentLength < 0) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# The Content-
      //# Length header field MUST be used with stream oriented transports.
      if (!assumeZeroContentLength) {
        fail(new SyntaxError(Kind.MISSING_CONTENT_LENGTH, lineNo, 1, "Content-Length", "18.3",
            "\\r\\n",
            "a message on a stream-oriented transport must carry Content-Length"));
        return;
      }
      facts.add(new MessageFact(MessageFact.Kind.CONTENT_LENGTH_ABSENT, "Content-Length",
          "no Content-Length on a stream; the body was taken as empty (lenient policy)",
          "RFC 3261 §18.3"));
      contentLength = 0;
    }
    if (checkBodyLimits()) {
      body = new byte[(int) contentLength];
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Datagram mode

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.5
  //# Each such datagram carries one request or
  //# response.
  /** Frames one datagram as one message. */
  public FramingResult datagram(byte[] in, int off, int n) {
    int end = off + n;
    if (buf.length < n && n <= limits.maxMessageSize()) {
      // one datagram, one message: room for all of its head at once instead of growing
      buf = new byte[n];
    }
    int pos = advanceHead(in, off, end);
    if (state == FramingState.BAD_MESSAGE) {
      return new FramingResult.Failed(failure);
    }
    if (state != FramingState.READ_BODY) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-7
      //# Note that
      //# the empty line MUST be present even if the message-body is not.
      String detail =
          switch (state) {
            case SKIP_CONTROL_CHARS -> "the datagram holds no start line";
            case READ_START_LINE -> "the datagram ended inside the start line";
            default -> "the datagram ended before the empty line ending the header section";
          };
      fail(new SyntaxError(Kind.MISSING_EMPTY_LINE, lineNo, len - lineStart + 1,
          state == FramingState.SKIP_CONTROL_CHARS ? "start-line" : "CRLF", "7", "", detail));
      return new FramingResult.Failed(failure);
    }
    int available = end - pos;
    int bodyLength;
    if (contentLength < 0 || conflictingContentLength) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# If the message
      //# has no Content-Length header field, the message body is assumed to
      //# end at the end of the transport packet.
      //
      //= https://www.rfc-editor.org/rfc/rfc4475#section-3.3.9
      //= type=implication
      //# From a framing perspective, this situation is equivalent to an
      //# invalid Content-Length value (or no value at all).
      if (conflictingContentLength) {
        facts.add(new MessageFact(MessageFact.Kind.CONFLICTING_CONTENT_LENGTH, "Content-Length",
            contentLengthRows + " Content-Length rows disagree (" + contentLengthValues
                + "); the body was taken to the end of the datagram", "RFC 4475 §3.3.9"));
      } else {
        facts.add(new MessageFact(MessageFact.Kind.CONTENT_LENGTH_ABSENT, "Content-Length",
            "no Content-Length; the body was taken to the end of the datagram", "RFC 3261 §18.3"));
      }
      contentLength = available;
      if (!checkBodyLimits()) {
        return new FramingResult.Failed(failure);
      }
      bodyLength = available;
    } else {
      if (!checkBodyLimits()) {
        return new FramingResult.Failed(failure);
      }
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# If the transport packet ends before the end of the
      //# message body, this is considered an error.
      if (contentLength > available) {
        fail(new SyntaxError(Kind.TRUNCATED_BODY, lineNo + 1, 1, "message-body", "18.3",
            Ascii.excerpt(in, pos, end, 20),
            "Content-Length announced " + contentLength + " octets of body and the datagram holds "
                + available));
        return new FramingResult.Failed(failure);
      }
      bodyLength = (int) contentLength;
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# If there are additional bytes in
      //# the transport packet beyond the end of the body, they MUST be
      //# discarded.
      if (available > bodyLength) {
        facts.add(new MessageFact(MessageFact.Kind.TRAILING_OCTETS_DISCARDED, "",
            (available - bodyLength) + " octets after the body were discarded", "RFC 3261 §18.3"));
      }
    }
    body = Arrays.copyOfRange(in, pos, pos + bodyLength);
    bodyFilled = bodyLength;
    FramingResult result = framed(skipped + len + bodyLength);
    reset();
    return result;
  }

  private boolean checkBodyLimits() {
    if (contentLength > limits.maxBodySize()) {
      fail(new SyntaxError(Kind.BODY_TOO_LARGE, lineNo + 1, 1, "message-body", "20.14", "",
          "the body of " + contentLength + " octets exceeds the limit of " + limits.maxBodySize()));
      return false;
    }
    if (len + contentLength > limits.maxMessageSize()) {
      fail(new SyntaxError(Kind.MESSAGE_TOO_LARGE, lineNo + 1, 1, "message-body", "20.14", "",
          "the message of " + (len + contentLength) + " octets exceeds the limit of "
              + limits.maxMessageSize()));
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Start line and header section, octet by octet

  /** Consumes octets until the header section is complete, framing fails or the input ends. */
  private int advanceHead(byte[] in, int pos, int end) {
    while (pos < end) {
      byte b = in[pos];
      switch (state) {
        case SKIP_CONTROL_CHARS -> {
          //= https://www.rfc-editor.org/rfc/rfc3261#section-7.5
          //# Implementations processing SIP messages over stream-oriented
          //# transports MUST ignore any CRLF appearing before the start-line
          //# [H4.1].
          if (b == CR || b == LF) {
            skipped++;
            pos++;
            continue;
          }
          state = FramingState.READ_START_LINE;
        }
        case READ_START_LINE -> {
          if (b != CR && b != LF && (len == 0 || buf[len - 1] != CR)) {
            // Octets inside a line need no decision each: copy the run up to the next CR or LF,
            // stopping at the first octet over the limit so that it is reported where it is.
            int run = run(in, pos, end, limits.maxStartLineLength() + 1 - len, false);
            appendRun(in, pos, run);
            pos += run;
            if (len > limits.maxStartLineLength()) {
              fail(new SyntaxError(Kind.START_LINE_TOO_LONG, 1, limits.maxStartLineLength() + 1,
                  "start-line", "7", "", "the start line exceeds the limit of "
                      + limits.maxStartLineLength() + " octets"));
              return pos;
            }
            continue;
          }
          append(b);
          pos++;
          if (!checkLineEnd(b)) {
            return pos;
          }
          if (b == LF) {
            completeStartLine();
            if (state == FramingState.BAD_MESSAGE) {
              return pos;
            }
            state = FramingState.READ_HEADERS;
            lineStart = len;
            lineNo++;
          } else if (len > limits.maxStartLineLength()) {
            fail(new SyntaxError(Kind.START_LINE_TOO_LONG, 1, limits.maxStartLineLength() + 1,
                "start-line", "7", "", "the start line exceeds the limit of "
                    + limits.maxStartLineLength() + " octets"));
            return pos;
          }
        }
        case READ_HEADERS -> {
          if (len > lineStart && b != CR && b != LF && buf[len - 1] != CR) {
            // Inside a line: copy the run up to the next CR or LF in one go, stopping at the
            // first octet over a limit, then make the checks the last octet would have made.
            int room = limits.maxMessageSize() + 1 - len;
            if (rowStart >= 0) {
              room = Math.min(room, limits.maxHeaderLineLength() + 1 - (len - rowStart));
            }
            int run = run(in, pos, end, room, true);
            appendRun(in, pos, run);
            pos += run;
          } else {
            append(b);
            pos++;
            countSeparator(b);
            if (len - 1 == lineStart && !startOfLine(b)) {
              return pos;
            }
            if (!checkLineEnd(b)) {
              return pos;
            }
            if (b == LF) {
              if (len - lineStart == 2) {
                if (!finishRow()) {
                  return pos;
                }
                state = FramingState.READ_BODY;
                return pos;
              }
              lineStart = len;
              lineNo++;
            }
          }
          if (rowStart >= 0 && len - rowStart > limits.maxHeaderLineLength()) {
            fail(new SyntaxError(Kind.HEADER_LINE_TOO_LONG, rowLine, 1, "message-header", "7.3",
                Ascii.excerpt(buf, rowStart, len, 20), "the header row exceeds the limit of "
                    + limits.maxHeaderLineLength() + " octets"));
            return pos;
          }
          if (len > limits.maxMessageSize()) {
            fail(new SyntaxError(Kind.MESSAGE_TOO_LARGE, lineNo, len - lineStart, "SIP-message",
                "7", "", "the header section exceeds the message limit of "
                    + limits.maxMessageSize() + " octets"));
            return pos;
          }
        }
        default -> {
          return pos;
        }
      }
    }
    return pos;
  }

  /**
   * The first octet of a header-section line decides what the line is: CR may begin the empty line,
   * SP/HTAB continues the row above (§7.3.1 folding), anything else begins a new row and so ends the
   * row above.
   */
  private boolean startOfLine(byte b) {
    if (b == CR) {
      return true;
    }
    if (Ascii.isWsp(b)) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
      //# Header fields can be extended over multiple lines by preceding each
      //# extra line with at least one SP or horizontal tab (HT).
      if (rowStart < 0) {
        fail(new SyntaxError(Kind.MALFORMED_HEADER, lineNo, 1, "message-header", "7.3.1",
            Ascii.excerpt(buf, lineStart, len, 20),
            "a line starting with whitespace continues a header row, and there is none above"));
        return false;
      }
      return true;
    }
    if (!finishRow()) {
      return false;
    }
    rowCount++;
    if (rowCount > limits.maxHeaderCount()) {
      fail(new SyntaxError(Kind.TOO_MANY_HEADERS, lineNo, 1, "message-header", "7.3", "",
          "the message has more header rows than the limit of " + limits.maxHeaderCount()));
      return false;
    }
    rowStart = lineStart;
    rowLine = lineNo;
    return true;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7
  //# The start-line, each message-header line, and the empty line MUST be
  //# terminated by a carriage-return line-feed sequence (CRLF).
  /** A CR must be followed by LF and an LF preceded by CR; anything else is a framing error. */
  private boolean checkLineEnd(byte b) {
    boolean afterCr = len >= 2 && buf[len - 2] == CR;
    if (b == LF && !afterCr) {
      fail(new SyntaxError(Kind.BARE_CR_OR_LF, lineNo, len - lineStart, "CRLF", "7", "\\n",
          "a line ends with CR LF and LF appears nowhere else"));
      return false;
    }
    if (afterCr && b != LF) {
      fail(new SyntaxError(Kind.BARE_CR_OR_LF, lineNo, len - 1 - lineStart, "CRLF", "7",
          Ascii.excerpt(buf, len - 2, len, 20),
          "a line ends with CR LF and CR appears nowhere else"));
      return false;
    }
    return true;
  }

  /** Counts the octets that bound the values and the nesting of a row (see {@link ValueScan}). */
  private void countSeparator(byte b) {
    if (b == ',') {
      messageCommas++;
    } else if (b == '(') {
      rowParens++;
    }
  }

  /**
   * How many octets from {@code pos} (at least 1, at most {@code room}) precede a CR or LF; the
   * octets that bound values and nesting in a header row are counted on the way ({@link
   * #countSeparator}) when {@code header}.
   */
  private int run(byte[] in, int pos, int end, int room, boolean header) {
    int limit = Math.min(end, pos + Math.max(room, 1));
    int i = pos;
    do {
      if (header) {
        countSeparator(in[i]);
      }
      i++;
    } while (i < limit && in[i] != CR && in[i] != LF);
    return i - pos;
  }

  private void appendRun(byte[] in, int pos, int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
    System.arraycopy(in, pos, buf, len, n);
    len += n;
  }

  private void append(byte b) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = b;
  }

  private void fail(SyntaxError error) {
    failure = error;
    state = FramingState.BAD_MESSAGE;
    body = null;
    buf = new byte[0];
    len = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // The start line

  private void completeStartLine() {
    int lineEnd = len - 2;
    startLine = Arrays.copyOf(buf, len);
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
    //# SIP responses are distinguished from requests by having a Status-Line
    //# as their start-line.
    boolean response =
        lineEnd >= 4 && new String(buf, 0, 4, StandardCharsets.ISO_8859_1).equalsIgnoreCase("SIP/");
    if (response) {
      completeStatusLine(lineEnd);
    } else {
      completeRequestLine(lineEnd);
    }
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
  //# A Request-Line contains a method name, a Request-URI, and the
  //# protocol version separated by a single space (SP) character.
  //
  // Framing takes the Method up to the first SP and the SIP-Version after the last one, so extra
  // SPs (RFC 4475 lwsstart, trws) and an SP inside the Request-URI (lwsruri) are framed and
  // reported as a START_LINE_WHITESPACE fact; the grammar decides whether the line is valid.
  private void completeRequestLine(int lineEnd) {
    int sp1 = Ascii.indexOf(buf, (byte) ' ', 0, lineEnd);
    for (int i = 0; i < (sp1 < 0 ? lineEnd : sp1); i++) {
      if (!Ascii.isTokenChar(buf[i])) {
        fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, i + 1, "Method", "7.1",
            Ascii.excerpt(buf, i, lineEnd, 20), "a Method is a token"));
        return;
      }
    }
    if (sp1 <= 0) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, sp1 == 0 ? 1 : lineEnd + 1,
          "Request-Line", "7.1", sp1 == 0 ? Ascii.excerpt(buf, 0, lineEnd, 20) : "\\r\\n",
          sp1 == 0
              ? "a Request-Line starts with the Method"
              : "a Request-Line is Method SP Request-URI SP SIP-Version"));
      return;
    }
    int trimmedEnd = lineEnd;
    while (trimmedEnd > sp1 && Ascii.isWsp(buf[trimmedEnd - 1])) {
      trimmedEnd--;
    }
    int lastSp = trimmedEnd;
    while (lastSp > sp1 && buf[lastSp - 1] != ' ') {
      lastSp--;
    }
    lastSp--;
    if (lastSp <= sp1) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, trimmedEnd + 1, "Request-Line", "7.1",
          "\\r\\n", "a Request-Line is Method SP Request-URI SP SIP-Version"));
      return;
    }
    String version = new String(buf, lastSp + 1, trimmedEnd - lastSp - 1, StandardCharsets.UTF_8);
    if (!StartLines.isSipVersion(version)) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, lastSp + 2, "SIP-Version", "7.1",
          Ascii.excerpt(buf, lastSp + 1, lineEnd, 20),
          "SIP-Version is \"SIP/\" 1*DIGIT \".\" 1*DIGIT"));
      return;
    }
    int uriStart = sp1 + 1;
    int uriEnd = lastSp;
    while (uriStart < uriEnd && Ascii.isWsp(buf[uriStart])) {
      uriStart++;
    }
    while (uriEnd > uriStart && Ascii.isWsp(buf[uriEnd - 1])) {
      uriEnd--;
    }
    if (uriStart == uriEnd) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, uriStart + 1, "Request-URI", "7.1",
          Ascii.excerpt(buf, uriStart, lineEnd, 20), "the Request-URI is missing"));
      return;
    }
    method = new String(buf, 0, sp1, StandardCharsets.US_ASCII);
    requestUri = new String(buf, uriStart, uriEnd - uriStart, StandardCharsets.UTF_8);
    sipVersion = version;
    boolean singleSp =
        uriStart == sp1 + 1 && uriEnd == lastSp && trimmedEnd == lineEnd
            && Ascii.indexOf(buf, (byte) ' ', uriStart, uriEnd) < 0
            && Ascii.indexOf(buf, (byte) '\t', uriStart, uriEnd) < 0;
    if (!singleSp) {
      facts.add(new MessageFact(MessageFact.Kind.START_LINE_WHITESPACE, "",
          "the Request-Line elements are not separated by exactly one SP: \""
              + Ascii.excerpt(buf, 0, lineEnd, 120) + "\"", "RFC 3261 §7.1"));
    }
  }

  private void completeStatusLine(int lineEnd) {
    int sp1 = Ascii.indexOf(buf, (byte) ' ', 0, lineEnd);
    int versionEnd = sp1 < 0 ? lineEnd : sp1;
    String version = new String(buf, 0, versionEnd, StandardCharsets.ISO_8859_1);
    if (!StartLines.isSipVersion(version)) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, 1, "SIP-Version", "7.2",
          Ascii.excerpt(buf, 0, lineEnd, 20), "SIP-Version is \"SIP/\" 1*DIGIT \".\" 1*DIGIT"));
      return;
    }
    if (sp1 < 0) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, lineEnd + 1, "Status-Line", "7.2",
          "\\r\\n", "a Status-Line is SIP-Version SP Status-Code SP Reason-Phrase"));
      return;
    }
    int codeStart = sp1 + 1;
    while (codeStart < lineEnd && buf[codeStart] == ' ') {
      codeStart++;
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
    //# The Status-Code is a 3-digit integer result code that indicates the
    //# outcome of an attempt to understand and satisfy a request.
    boolean threeDigits =
        codeStart + 3 <= lineEnd
            && Ascii.isDigit(buf[codeStart])
            && Ascii.isDigit(buf[codeStart + 1])
            && Ascii.isDigit(buf[codeStart + 2])
            && buf[codeStart] != '0'
            && (codeStart + 3 == lineEnd || buf[codeStart + 3] == ' ');
    if (!threeDigits) {
      fail(new SyntaxError(Kind.MALFORMED_START_LINE, 1, codeStart + 1, "Status-Code", "7.2",
          Ascii.excerpt(buf, codeStart, lineEnd, 20), "the Status-Code is 3 digits"));
      return;
    }
    int codeEnd = codeStart + 3;
    sipVersion = version;
    statusCode =
        (buf[codeStart] - '0') * 100 + (buf[codeStart + 1] - '0') * 10 + (buf[codeStart + 2] - '0');
    int reasonStart = Math.min(codeEnd + 1, lineEnd);
    reasonPhrase = new String(buf, reasonStart, lineEnd - reasonStart, StandardCharsets.UTF_8);
    if (codeStart != sp1 + 1 || codeEnd == lineEnd) {
      facts.add(new MessageFact(MessageFact.Kind.START_LINE_WHITESPACE, "",
          "the Status-Line elements are not separated by exactly one SP: \""
              + Ascii.excerpt(buf, 0, lineEnd, 120) + "\"", "RFC 3261 §7.2"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Header rows

  /**
   * Checks the row that ends where the current line begins ({@code buf[rowStart, lineStart)}) and
   * adds it: {@code field-name *(SP / HTAB) ":" value}. Does nothing when there is no row.
   */
  /**
   * {@link SyntaxLimits#maxNestingDepth()} for this row and {@link SyntaxLimits#maxValuesPerHeader()}
   * for its header over all rows so far. The rows are scanned only when the counts of "(" and ","
   * octets say a limit could be exceeded, so ordinary messages pay two comparisons per octet.
   */
  private boolean withinValueLimits(HeaderField row, int rowEnd) {
    int parens = rowParens;
    rowParens = 0;
    if (parens > limits.maxNestingDepth()) {
      ValueScan.Counts counts = ValueScan.scan(buf, rowStart, rowEnd, limits.maxNestingDepth());
      if (counts.tooDeepAt() >= 0) {
        int[] at = position(counts.tooDeepAt());
        fail(new SyntaxError(Kind.NESTING_TOO_DEEP, at[0], at[1], "comment", "25.1",
            Ascii.excerpt(buf, counts.tooDeepAt(), rowEnd, 20), "comments nest deeper than the"
                + " limit of " + limits.maxNestingDepth()));
        return false;
      }
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
    //# Multiple header field rows with the same field-name MAY be present in
    //# a message if and only if the entire field-value for that header field
    //# is defined as a comma-separated list (that is, if follows the grammar
    //# defined in Section 7.3).
    //
    // So the values of a header are counted over all its rows. A header has at most
    // messageCommas + rowCount values; below the limit nothing needs counting.
    if (valuesByKey == null && messageCommas + rowCount <= limits.maxValuesPerHeader()) {
      return true;
    }
    if (valuesByKey == null) {
      valuesByKey = new HashMap<>();
      for (HeaderField earlier : rows.subList(0, rows.size() - 1)) {
        byte[] raw = earlier.raw();
        valuesByKey.merge(earlier.key(),
            ValueScan.scan(raw, 0, raw.length, limits.maxNestingDepth()).values(), Integer::sum);
      }
    }
    int values = valuesByKey.merge(row.key(),
        ValueScan.scan(buf, rowStart, rowEnd, limits.maxNestingDepth()).values(), Integer::sum);
    if (values > limits.maxValuesPerHeader()) {
      fail(new SyntaxError(Kind.TOO_MANY_VALUES, rowLine, 1, "message-header", "7.3.1",
          Ascii.excerpt(buf, rowStart, rowEnd, 20), "the header " + row.name() + " has " + values
              + " comma-separated values so far, over the limit of "
              + limits.maxValuesPerHeader()));
      return false;
    }
    return true;
  }

  private boolean finishRow() {
    if (rowStart < 0) {
      return true;
    }
    int rowEnd = lineStart;
    int i = rowStart;
    while (i < rowEnd && Ascii.isTokenChar(buf[i])) {
      i++;
    }
    int nameEnd = i;
    while (i < rowEnd && Ascii.isWsp(buf[i])) {
      i++;
    }
    if (nameEnd == rowStart || i >= rowEnd || buf[i] != ':') {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
      //# Each header field consists of a field
      //# name followed by a colon (":") and the field value.
      int bad = nameEnd == rowStart ? rowStart : i;
      int[] at = position(bad);
      String detail =
          nameEnd == rowStart
              ? "a header row starts with a field name (a token)"
              : "the field name is followed by a colon";
      fail(new SyntaxError(Kind.MALFORMED_HEADER, at[0], at[1], "message-header", "7.3",
          Ascii.excerpt(buf, bad, rowEnd, 20), detail));
      return false;
    }
    HeaderField row = HeaderField.fromWire(buf, rowStart, rowEnd);
    rows.add(row);
    if (!withinValueLimits(row, rowEnd)) {
      return false;
    }
    if (row.key().equals("content-length")) {
      int valueStart = i + 1;
      while (valueStart < rowEnd && Ascii.isWsp(buf[valueStart])) {
        valueStart++;
      }
      if (!noteContentLength(row, valueStart)) {
        return false;
      }
    }
    rowStart = -1;
    return true;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
  //# Any Content-Length greater than or equal to
  //# zero is a valid value.
  //
  //= https://www.rfc-editor.org/rfc/rfc4475#section-3.1.2.3
  //# Implementors should take extra precautions if the technique they
  //# choose for converting this ascii field into an integral form can
  //# return a negative value.
  private boolean noteContentLength(HeaderField row, int valueStart) {
    String value = row.value();
    boolean digits = !value.isEmpty() && value.chars().allMatch(Ascii::isDigit);
    if (!digits) {
      int[] at = position(valueStart);
      fail(new SyntaxError(Kind.INVALID_CONTENT_LENGTH, at[0], at[1], "Content-Length", "20.14",
          Ascii.excerpt(value.getBytes(StandardCharsets.UTF_8), 0, value.length(), 20),
          "Content-Length is 1*DIGIT"));
      return false;
    }
    // Saturate instead of overflowing: any value above the body limit is refused by that limit.
    long parsed = 0;
    for (int k = 0; k < value.length() && parsed <= Integer.MAX_VALUE; k++) {
      parsed = parsed * 10 + (value.charAt(k) - '0');
    }
    parsed = Math.min(parsed, (long) Integer.MAX_VALUE + 1);
    contentLengthRows++;
    contentLengthValues.append(contentLengthValues.isEmpty() ? "" : ", ").append(value);
    if (contentLength < 0) {
      contentLength = parsed;
    } else if (contentLength != parsed) {
      conflictingContentLength = true;
    }
    return true;
  }

  /** Line and column (1-based) of {@code buf[index]}. */
  private int[] position(int index) {
    int line = 1;
    int start = 0;
    for (int k = 0; k < index; k++) {
      if (buf[k] == LF) {
        line++;
        start = k + 1;
      }
    }
    return new int[] {line, index - start + 1};
  }

  // ---------------------------------------------------------------------------------------------
  // The framed message

  private FramingResult framed(int octets) {
    HeaderFields headers = HeaderFields.of(rows);
    byte[] bodyBytes = body;
    SipMessage message =
        method != null
            ? SipRequest.framed(method, requestUri, sipVersion, startLine, headers, bodyBytes)
            : SipResponse.framed(sipVersion, statusCode, reasonPhrase, startLine, headers, bodyBytes);
    List<MessageFact> all = new ArrayList<>(facts);
    if (contentLengthRows > 1 && !conflictingContentLength) {
      all.add(new MessageFact(MessageFact.Kind.DUPLICATE_CONTENT_LENGTH, "Content-Length",
          contentLengthRows + " Content-Length rows with the same value", "RFC 3261 §7.3.1"));
    }
    for (MessageFact fact : MessageFacts.of(message)) {
      boolean framingSaidIt =
          fact.kind() == MessageFact.Kind.CONTENT_LENGTH_MISMATCH
              && (conflictingContentLength || contentLengthRows == 0);
      if (!framingSaidIt) {
        all.add(fact);
      }
    }
    return new FramingResult.Framed(message, all, octets);
  }
}
