package org.sipstrata.syntax.internal;

/** Octet classes of RFC 3261 §25.1 and RFC 5234 Appendix B.1 that framing needs. */
public final class Ascii {

  private Ascii() {}

  /** {@code token} characters: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
  private static final boolean[] TOKEN_CHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN_CHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN_CHAR[c] = true;
      TOKEN_CHAR[Character.toUpperCase(c)] = true;
    }
    for (char c : "-.!%*_+`'~".toCharArray()) {
      TOKEN_CHAR[c] = true;
    }
  }

  public static boolean isTokenChar(int c) {
    return c >= 0 && c < 128 && TOKEN_CHAR[c];
  }

  /** {@code token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")}. */
  public static boolean isToken(CharSequence s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code WSP = SP / HTAB}. */
  public static boolean isWsp(int c) {
    return c == ' ' || c == '\t';
  }

  public static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** The string without leading and trailing SP / HTAB. */
  public static String trimLws(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isWsp(s.charAt(from))) {
      from++;
    }
    while (to > from && isWsp(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  public static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Up to {@code max} octets from {@code from} shown for an error message: printable ASCII as is,
   * everything else as {@code \xNN}, CR and LF as {@code \r} {@code \n}.
   */
  public static String excerpt(byte[] bytes, int from, int to, int max) {
    StringBuilder sb = new StringBuilder();
    int end = Math.min(to, from + max);
    for (int i = from; i < end; i++) {
      int c = bytes[i] & 0xff;
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02X", c));
      }
    }
    if (end < to) {
      sb.append("...");
    }
    return sb.toString();
  }
}
