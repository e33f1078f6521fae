package org.sipstrata.transport.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.sipstrata.syntax.FramingResult;
import org.sipstrata.syntax.SipFraming;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SyntaxLimits;

/**
 * The header section of octets that failed to frame, read again on its own so that the request can
 * still be answered with a 400 (RFC 3261 §18.3): the header rows up to the empty line, without the
 * Content-Length rows (whose value or absence is what usually failed), framed by the syntax layer
 * as a message without body.
 */
public final class HeaderSection {

  private HeaderSection() {}

  /**
   * The request that {@code octets[from, to)} begin with; empty if its header section is not
   * complete, is not a request, or does not frame even without Content-Length.
   */
  public static Optional<SipRequest> request(byte[] octets, int from, int to, SyntaxLimits limits) {
    // CRLFs before a message are keep-alives, not part of it (§7.5).
    while (from + 1 < to && octets[from] == '\r' && octets[from + 1] == '\n') {
      from += 2;
    }
    byte[] message = Arrays.copyOfRange(octets, from, to);
    int headerEnd = indexOf(message, 0, new byte[] {'\r', '\n', '\r', '\n'});
    if (headerEnd < 0) {
      return Optional.empty();
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    int lineStart = 0;
    while (lineStart < headerEnd + 2) {
      int lineEnd = indexOf(message, lineStart, new byte[] {'\r', '\n'}) + 2;
      if (!isContentLengthRow(message, lineStart, lineEnd)) {
        kept.write(message, lineStart, lineEnd - lineStart);
      }
      lineStart = lineEnd;
    }
    kept.write('\r');
    kept.write('\n');
    byte[] header = kept.toByteArray();
    FramingResult result = SipFraming.datagram(header, 0, header.length, limits);
    return result instanceof FramingResult.Framed framed && framed.message() instanceof SipRequest r
        ? Optional.of(r)
        : Optional.empty();
  }

  private static boolean isContentLengthRow(byte[] octets, int from, int to) {
    String line = new String(octets, from, to - from, StandardCharsets.ISO_8859_1);
    int colon = line.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String name = line.substring(0, colon).strip();
    return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l");
  }

  private static int indexOf(byte[] haystack, int from, byte[] needle) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
