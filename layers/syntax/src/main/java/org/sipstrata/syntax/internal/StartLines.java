package org.sipstrata.syntax.internal;

/** Shapes of the start line elements that framing checks (RFC 3261 §7.1, §7.2, §25.1). */
public final class StartLines {

  private StartLines() {}

  /** {@code SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT}, "SIP" case-insensitive. */
  public static boolean isSipVersion(CharSequence s) {
    if (s.length() < 7 || !s.subSequence(0, 4).toString().equalsIgnoreCase("SIP/")) {
      return false;
    }
    int i = 4;
    int major = 0;
    while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
      i++;
      major++;
    }
    if (major == 0 || i >= s.length() || s.charAt(i) != '.') {
      return false;
    }
    i++;
    int minor = 0;
    while (i < s.length() && Ascii.isDigit(s.charAt(i))) {
      i++;
      minor++;
    }
    return minor > 0 && i == s.length();
  }
}
