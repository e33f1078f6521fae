package org.sipstrata.syntax.internal;

import java.nio.charset.StandardCharsets;

/**
 * {@code escaped = "%" HEXDIG HEXDIG} (RFC 3261 §25.1) for URI comparison (§19.1.4): characters
 * other than those in the {@code reserved} set of RFC 2396 are equivalent to their escape.
 *
 * <p>The comparison form of a component is a sequence of units: every octet that is not an escape
 * of a reserved character, decoded (so {@code %61} and {@code a} are the same unit), and every
 * escape of a reserved character kept as a distinct unit (so {@code %40} stays different from
 * {@code @}, and {@code %253A} — the text {@code %3A} — stays different from {@code %3A}).
 */
public final class Escapes {

  private Escapes() {}

  /** Above every octet: marks an escape of a reserved character in the comparison form. */
  private static final char KEPT_ESCAPE = 0x100;

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
  //# reserved    =  ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+"
  //# / "$" / ","
  private static boolean isReserved(int octet) {
    return switch (octet) {
      case ';', '/', '?', ':', '@', '&', '=', '+', '$', ',' -> true;
      default -> false;
    };
  }

  /** The comparison form of {@code text} (see the class comment). */
  public static String comparisonForm(String text) {
    byte[] octets = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(octets.length);
    for (int i = 0; i < octets.length; i++) {
      int octet = octets[i] & 0xFF;
      if (octet == '%' && i + 2 < octets.length
          && hex(octets[i + 1]) >= 0
          && hex(octets[i + 2]) >= 0) {
        int decoded = hex(octets[i + 1]) * 16 + hex(octets[i + 2]);
        out.append(isReserved(decoded) ? (char) (KEPT_ESCAPE + decoded) : (char) decoded);
        i += 2;
      } else {
        out.append((char) octet);
      }
    }
    return out.toString();
  }

  /** Case-sensitive equality of the comparison forms. */
  public static boolean equal(String a, String b) {
    return comparisonForm(a).equals(comparisonForm(b));
  }

  /** Equality of the comparison forms with ASCII letters compared case-insensitively. */
  public static boolean equalIgnoringCase(String a, String b) {
    String x = comparisonForm(a);
    String y = comparisonForm(b);
    if (x.length() != y.length()) {
      return false;
    }
    for (int i = 0; i < x.length(); i++) {
      if (lower(x.charAt(i)) != lower(y.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static int hex(byte b) {
    int c = b & 0xFF;
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  /** The text with every escape decoded (UTF-8), for display; not used for comparison. */
  public static String decode(String text) {
    byte[] octets = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[octets.length];
    int n = 0;
    for (int i = 0; i < octets.length; i++) {
      if (octets[i] == '%' && i + 2 < octets.length && hex(octets[i + 1]) >= 0
          && hex(octets[i + 2]) >= 0) {
        out[n++] = (byte) (hex(octets[i + 1]) * 16 + hex(octets[i + 2]));
        i += 2;
      } else {
        out[n++] = octets[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
