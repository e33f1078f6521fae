package org.sipstrata.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipstrata.syntax.internal.Ascii;

/**
 * Datagram framing of the common case in one pass over one copy of the datagram, which the start
 * line and every header row then share as views.
 *
 * <p>It frames only what it can frame exactly as {@link
 * org.sipstrata.syntax.internal.MessageFramer} would: a message whose lines all end in CRLF, a
 * start line with single SPs and SIP-Version {@code SIP/2.0}, at most one Content-Length (not
 * folded), and nowhere near a limit of {@link SyntaxLimits}. Anything else — every error
 * included — it declines ({@code null}), and the state machine frames it: the result, error or
 * message, is then the state machine's by construction. {@code DatagramFramingDifferentialTest}
 * checks that both agree wherever this class does frame.
 */
final class DatagramFraming {

  private DatagramFraming() {}

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  /** The octets a header value is scanned for; every other octet needs no decision. */
  private static final byte[] SPECIAL = new byte[256];

  private static final byte LINE_END = 1;
  private static final byte COMMA = 2;
  private static final byte LPAREN = 3;

  static {
    SPECIAL[CR] = LINE_END;
    SPECIAL[LF] = LINE_END;
    SPECIAL[','] = COMMA;
    SPECIAL['('] = LPAREN;
  }

  private static final String SIP_2_0 = "SIP/2.0";
  private static final byte[] SIP_2_0_OCTETS = SIP_2_0.getBytes(StandardCharsets.US_ASCII);

  /** The methods of RFC 3261 and its extensions, shared instead of decoded per message. */
  private static final String[] METHODS = {
    "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
    "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"
  };

  private static final byte[][] METHOD_OCTETS =
      Arrays.stream(METHODS).map(m -> m.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

  private static final int CONTENT_LENGTH = HeaderName.knownId("content-length");

  /** The datagram {@code in[off, off+n)} framed, or null when the state machine must frame it. */
  static FramingResult.Framed frame(byte[] in, int off, int n, SyntaxLimits limits) {
    int end = off + n;
    int start = off;
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.5
    //# Implementations processing SIP messages over stream-oriented
    //# transports MUST ignore any CRLF appearing before the start-line
    //# [H4.1].
    while (start < end && (in[start] == CR || in[start] == LF)) {
      start++;
    }
    int len = end - start;
    if (len == 0 || len > limits.maxMessageSize()) {
      return null;
    }
    byte[] m = Arrays.copyOfRange(in, start, end);

    //= https://www.rfc-editor.org/rfc/rfc3261#section-7
    //# The start-line, each message-header line, and the empty line MUST be
    //# terminated by a carriage-return line-feed sequence (CRLF).
    int lineEnd = indexOfEither(m, 0, len, CR, LF);
    if (lineEnd + 1 >= len || m[lineEnd] != CR || m[lineEnd + 1] != LF
        || lineEnd >= limits.maxStartLineLength()) {
      return null;
    }
    int p = lineEnd + 2;

    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
    //# SIP responses are distinguished from requests by having a Status-Line
    //# as their start-line.
    boolean response = lineEnd >= 4 && (m[0] | 0x20) == 's' && (m[1] | 0x20) == 'i'
        && (m[2] | 0x20) == 'p' && m[3] == '/';
    String method = null;
    String requestUri = null;
    int statusCode = 0;
    String reasonPhrase = null;
    if (response) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-7.2
      //# Status-Line  =  SIP-Version SP Status-Code SP Reason-Phrase CRLF
      if (lineEnd < 12 || !startsWithSip20(m, 0) || m[7] != ' ' || !Ascii.isDigit(m[8])
          || m[8] == '0' || !Ascii.isDigit(m[9]) || !Ascii.isDigit(m[10]) || m[11] != ' ') {
        return null;
      }
      statusCode = (m[8] - '0') * 100 + (m[9] - '0') * 10 + (m[10] - '0');
      reasonPhrase = new String(m, 12, lineEnd - 12, StandardCharsets.UTF_8);
    } else {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
      //# A Request-Line contains a method name, a Request-URI, and the
      //# protocol version separated by a single space (SP) character.
      int sp1 = 0;
      while (sp1 < lineEnd && Ascii.isTokenChar(m[sp1])) {
        sp1++;
      }
      int sp2 = lineEnd - 8;
      if (sp1 == 0 || sp1 + 1 >= sp2 || m[sp1] != ' ' || m[sp2] != ' '
          || !startsWithSip20(m, sp2 + 1)) {
        return null;
      }
      if (indexOfEither(m, sp1 + 1, sp2, (byte) ' ', (byte) '\t') < sp2) {
        return null;
      }
      method = method(m, sp1);
      requestUri = new String(m, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.UTF_8);
    }

    // The header rows: name, colon and value scanned once; each row a view of m.
    HeaderField[] rows = new HeaderField[16];
    int rowCount = 0;
    long present = 0;
    long repeated = 0;
    int commas = 0;
    long contentLength = -1;
    while (true) {
      if (p >= len) {
        return null;
      }
      if (m[p] == CR) {
        if (p + 1 < len && m[p + 1] == LF) {
          p += 2;
          break;
        }
        return null;
      }
      // a line starting with SP or HTAB here, with no row above to continue, is an error
      int i = p;
      int hash = 0;
      while (i < len && Ascii.isTokenChar(m[i])) {
        hash = 31 * hash + m[i];
        i++;
      }
      int nameEnd = i;
      while (i < len && Ascii.isWsp(m[i])) {
        i++;
      }
      if (nameEnd == p || i >= len || m[i] != ':') {
        return null;
      }
      int colon = i;
      int parens = 0;
      boolean folded = false;
      i = colon + 1;
      while (true) {
        // Eight octets at a time while none of them is CR, LF, "," or "(": a value is mostly those.
        while (i + Long.BYTES <= len && !anySpecial((long) LONGS.get(m, i))) {
          i += Long.BYTES;
        }
        for (; i < len; i++) {
          byte special = SPECIAL[m[i] & 0xff];
          if (special != 0) {
            if (special == LINE_END) {
              break;
            }
            if (special == COMMA) {
              commas++;
            } else {
              parens++;
            }
            // past a comma or parenthesis, eight at a time again
            while (i + 1 + Long.BYTES <= len && !anySpecial((long) LONGS.get(m, i + 1))) {
              i += Long.BYTES;
            }
          }
        }
        if (i + 1 >= len || m[i] != CR || m[i + 1] != LF) {
          return null;
        }
        //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
        //# Header fields can be extended over multiple lines by preceding each
        //# extra line with at least one SP or horizontal tab (HT).
        if (i + 2 < len && Ascii.isWsp(m[i + 2])) {
          folded = true;
          i += 3;
          continue;
        }
        break;
      }
      int rowEnd = i + 2;
      // The state machine measures a row through the CR of a following empty line; one octet of
      // margin keeps this side of every limit it could reach.
      if (rowEnd - p + 1 > limits.maxHeaderLineLength() || parens > limits.maxNestingDepth()
          || ++rowCount > limits.maxHeaderCount()) {
        return null;
      }
      HeaderField row = HeaderField.framed(m, p, nameEnd, colon, rowEnd,
          HeaderName.spelling(m, p, nameEnd, hash));
      if (rowCount > rows.length) {
        rows = Arrays.copyOf(rows, rows.length * 2);
      }
      rows[rowCount - 1] = row;
      int id = row.knownId();
      if (id >= 0) {
        long bit = 1L << id;
        repeated |= present & bit;
        present |= bit;
        if (id == CONTENT_LENGTH) {
          if (contentLength >= 0 || folded) {
            return null;
          }
          contentLength = contentLength(m, colon + 1, i);
          if (contentLength < 0) {
            return null;
          }
        }
      }
      p = rowEnd;
    }
    int headEnd = p;
    //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
    //# Multiple header field rows with the same field-name MAY be present in
    //# a message if and only if the entire field-value for that header field
    //# is defined as a comma-separated list (that is, if follows the grammar
    //# defined in Section 7.3).
    //
    // A header has at most as many values as the message has commas plus rows, so below the limit
    // no header can exceed it.
    if (commas + rowCount > limits.maxValuesPerHeader()) {
      return null;
    }

    int available = len - headEnd;
    boolean absent = contentLength < 0;
    long bodyLength = absent ? available : contentLength;
    //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
    //# If the transport packet ends before the end of the
    //# message body, this is considered an error.
    if (bodyLength > available || bodyLength > limits.maxBodySize()
        || headEnd + bodyLength > limits.maxMessageSize()) {
      return null;
    }
    MessageFact framingFact = null;
    if (absent) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# If the message
      //# has no Content-Length header field, the message body is assumed to
      //# end at the end of the transport packet.
      framingFact = new MessageFact(MessageFact.Kind.CONTENT_LENGTH_ABSENT, "Content-Length",
          "no Content-Length; the body was taken to the end of the datagram", "RFC 3261 §18.3");
    } else if (available > bodyLength) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-18.3
      //# If there are additional bytes in
      //# the transport packet beyond the end of the body, they MUST be
      //# discarded.
      framingFact = new MessageFact(MessageFact.Kind.TRAILING_OCTETS_DISCARDED, "",
          (available - bodyLength) + " octets after the body were discarded", "RFC 3261 §18.3");
    }
    HeaderFields headers = HeaderFields.framed(rows, rowCount);
    int startLineLength = lineEnd + 2;
    SipMessage message =
        response
            ? SipResponse.framedShared(SIP_2_0, statusCode, reasonPhrase, m, startLineLength,
                headers, headEnd, (int) bodyLength)
            : SipRequest.framedShared(method, requestUri, SIP_2_0, m, startLineLength, headers,
                headEnd, (int) bodyLength);
    // With one Content-Length equal to the body length (checked above), there is no mismatch.
    List<MessageFact> facts =
        MessageFacts.of(!response, headers.all(), present, repeated, (int) bodyLength, !absent);
    if (framingFact != null) {
      List<MessageFact> all = new ArrayList<>(facts.size() + 1);
      all.add(framingFact);
      all.addAll(facts);
      facts = all;
    }
    return new FramingResult.Framed(message, facts, start - off + headEnd + (int) bodyLength);
  }

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
      .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether one of the eight octets of {@code word} is CR, LF, "," or "(" (SWAR zero-byte test). */
  private static boolean anySpecial(long word) {
    return (zeroByte(word ^ (CR * ONES)) | zeroByte(word ^ (LF * ONES))
        | zeroByte(word ^ (',' * ONES)) | zeroByte(word ^ ('(' * ONES))) != 0;
  }

  /** Non-zero exactly when some octet of {@code x} is zero. */
  private static long zeroByte(long x) {
    return (x - ONES) & ~x & HIGHS;
  }

  /** The first index in {@code [from, to)} holding {@code a} or {@code b}, else {@code to}. */
  private static int indexOfEither(byte[] m, int from, int to, byte a, byte b) {
    long as = (a & 0xff) * ONES;
    long bs = (b & 0xff) * ONES;
    int i = from;
    while (i + Long.BYTES <= to) {
      long word = (long) LONGS.get(m, i);
      if ((zeroByte(word ^ as) | zeroByte(word ^ bs)) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    while (i < to && m[i] != a && m[i] != b) {
      i++;
    }
    return i;
  }

  private static boolean startsWithSip20(byte[] m, int at) {
    for (int k = 0; k < SIP_2_0_OCTETS.length; k++) {
      if (m[at + k] != SIP_2_0_OCTETS[k]) {
        return false;
      }
    }
    return true;
  }

  /** {@code Method = m[0, end)}: a shared constant for the methods of {@link #METHODS}. */
  private static String method(byte[] m, int end) {
    for (int k = 0; k < METHOD_OCTETS.length; k++) {
      byte[] known = METHOD_OCTETS[k];
      if (known.length == end && Arrays.equals(known, 0, end, m, 0, end)) {
        return METHODS[k];
      }
    }
    return new String(m, 0, end, StandardCharsets.US_ASCII);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-20.14
  //# Any Content-Length greater than or equal to
  //# zero is a valid value.
  /**
   * The Content-Length value {@code m[from, to)} (SP/HTAB around it), saturated above {@link
   * Integer#MAX_VALUE} as the state machine does; -1 when it is not {@code 1*DIGIT}.
   */
  private static long contentLength(byte[] m, int from, int to) {
    while (from < to && Ascii.isWsp(m[from])) {
      from++;
    }
    while (to > from && Ascii.isWsp(m[to - 1])) {
      to--;
    }
    if (from == to) {
      return -1;
    }
    long parsed = 0;
    for (int k = from; k < to; k++) {
      if (!Ascii.isDigit(m[k])) {
        return -1;
      }
      if (parsed <= Integer.MAX_VALUE) {
        parsed = parsed * 10 + (m[k] - '0');
      }
    }
    return Math.min(parsed, (long) Integer.MAX_VALUE + 1);
  }
}
