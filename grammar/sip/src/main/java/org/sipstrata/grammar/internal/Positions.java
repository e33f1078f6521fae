package org.sipstrata.grammar.internal;

import java.nio.charset.StandardCharsets;
import org.sipstrata.grammar.GrammarError;

/** Line and column of an octet offset, and the "found" text of an error. */
public final class Positions {

  /** At most this many octets of the input are quoted in an error. */
  static final int FOUND_LIMIT = 40;

  private Positions() {}

  /** An error at {@code offset}; {@code found} runs to the end of the line or of {@code to}. */
  public static GrammarError error(
      byte[] input, int offset, int to, String abnfRule, String section, String expected) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < input.length; i++) {
      if (input[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new GrammarError(
        line, offset - lineStart + 1, abnfRule, section, expected, found(input, offset, to));
  }

  static String found(byte[] input, int offset, int to) {
    int end = offset;
    int limit = Math.min(Math.min(to, input.length), offset + FOUND_LIMIT);
    while (end < limit && input[end] != '\r' && input[end] != '\n') {
      end++;
    }
    if (end == offset && offset < input.length && (input[offset] == '\r' || input[offset] == '\n')) {
      // The failure is at a line break: show it.
      return input[offset] == '\r' ? "\\r\\n" : "\\n";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = offset; i < end; i++) {
      int b = input[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F) {
        sb.append((char) b);
      } else if (b >= 0x80) {
        // Decode UTF-8 runs as they are; show bytes that are not UTF-8 as %xNN.
        int j = i;
        while (j < end && (input[j] & 0xFF) >= 0x80) {
          j++;
        }
        String text = new String(input, i, j - i, StandardCharsets.UTF_8);
        sb.append(text.indexOf('\uFFFD') >= 0 ? hex(input, i, j) : text);
        i = j - 1;
      } else {
        sb.append(String.format("%%x%02X", b));
      }
    }
    if (end == limit && limit < Math.min(to, input.length) && input[limit] != '\r') {
      sb.append('…');
    }
    return sb.toString();
  }

  private static String hex(byte[] input, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(String.format("%%x%02X", input[i] & 0xFF));
    }
    return sb.toString();
  }
}
