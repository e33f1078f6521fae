package org.sipstrata.syntax.internal;

import java.util.ArrayList;
import java.util.List;

/** Splitting a comma-separated header value into its elements (RFC 3261 §7.3, §7.3.1). */
public final class HeaderValues {

  private HeaderValues() {}

  /**
   * Splits at every comma that is outside a {@code quoted-string} (where a backslash escapes the
   * next character, the {@code quoted-pair} of §25.1) and outside {@code <...>} (a URI in a
   * {@code name-addr} may contain commas, §20). Each element is trimmed of SP/HTAB. Empty elements
   * are kept: they are what the octets say, and the grammar decides whether they are allowed.
   */
  public static List<String> splitAtCommas(String value) {
    List<String> parts = new ArrayList<>();
    boolean inQuotes = false;
    boolean inAngles = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (inQuotes) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inQuotes = false;
        }
      } else if (inAngles) {
        if (c == '>') {
          inAngles = false;
        }
      } else if (c == '"') {
        inQuotes = true;
      } else if (c == '<') {
        inAngles = true;
      } else if (c == ',') {
        parts.add(Ascii.trimLws(value.substring(start, i)));
        start = i + 1;
      }
    }
    parts.add(Ascii.trimLws(value.substring(start)));
    return List.copyOf(parts);
  }
}
