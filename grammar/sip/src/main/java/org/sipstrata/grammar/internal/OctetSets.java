package org.sipstrata.grammar.internal;

import java.util.ArrayList;
import java.util.List;

/** Writes a set of octets the way ABNF would: core rule names, quoted characters, ranges. */
final class OctetSets {

  private OctetSets() {}

  private record Named(String name, boolean[] set) {}

  /** The RFC 5234 Appendix B.1 core rules and §25's alphanum, largest first. */
  private static final List<Named> NAMED =
      List.of(
          new Named("alphanum", set("0-9", "A-Z", "a-z")),
          new Named("HEXDIG", set("0-9", "A-F", "a-f")),
          new Named("ALPHA", set("A-Z", "a-z")),
          new Named("DIGIT", set("0-9")));

  static String describe(boolean[] octets) {
    boolean[] rest = octets.clone();
    List<String> parts = new ArrayList<>();
    for (Named named : NAMED) {
      if (containsAll(rest, named.set)) {
        parts.add(named.name);
        for (int b = 0; b < 256; b++) {
          if (named.set[b]) {
            rest[b] = false;
          }
        }
      }
    }
    for (int b = 0; b < 256; b++) {
      if (!rest[b]) {
        continue;
      }
      int e = b;
      while (e + 1 < 256 && rest[e + 1]) {
        e++;
      }
      if (e == b) {
        // A letter whose other case is also expected is one case-insensitive ABNF char-val.
        int other = Character.isUpperCase(b) ? Character.toLowerCase(b) : -1;
        if (other > 0 && rest[other]) {
          rest[other] = false;
        }
        parts.add(single(b));
      } else if (e - b >= 2 || !printable(b) || !printable(e)) {
        parts.add(String.format("%%x%02X-%02X", b, e));
      } else {
        parts.add(single(b));
        parts.add(single(e));
      }
      for (int i = b; i <= e; i++) {
        rest[i] = false;
      }
      b = e;
    }
    if (parts.size() > 12) {
      return String.join(" / ", parts.subList(0, 12)) + " / …";
    }
    return String.join(" / ", parts);
  }

  private static String single(int b) {
    return switch (b) {
      case ' ' -> "SP";
      case '\t' -> "HTAB";
      case '\r' -> "CR";
      case '\n' -> "LF";
      case '"' -> "DQUOTE";
      default -> printable(b) ? "\"" + (char) b + "\"" : String.format("%%x%02X", b);
    };
  }

  private static boolean printable(int b) {
    return b > 0x20 && b < 0x7F;
  }

  private static boolean containsAll(boolean[] set, boolean[] subset) {
    for (int b = 0; b < 256; b++) {
      if (subset[b] && !set[b]) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] set(String... ranges) {
    boolean[] set = new boolean[256];
    for (String r : ranges) {
      for (int c = r.charAt(0); c <= r.charAt(2); c++) {
        set[c] = true;
      }
    }
    return set;
  }
}
