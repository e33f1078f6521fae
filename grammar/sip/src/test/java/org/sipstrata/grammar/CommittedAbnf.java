package org.sipstrata.grammar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.RuleSet;

/** The committed ABNF the parser is generated from, read as the abnf module's oracle reads it. */
final class CommittedAbnf {

  private CommittedAbnf() {}

  /** RFC 5234's core rules, RFC 3261's §25, and the overlay on top. */
  static RuleSet rules() {
    Path dir = Path.of(System.getProperty("strata.root", "../.."), "grammar/sip/src/main/abnf");
    return RuleSet.combine(
        List.of(
            AbnfReader.read(dir.resolve("rfc5234-core.abnf")),
            AbnfReader.read(dir.resolve("rfc3261.abnf"))),
        List.of(AbnfReader.read(dir.resolve("rfc3261-overlay.abnf"))));
  }

  /** An input for a failure message: printable ASCII as is, other octets as %xNN, at most 300. */
  static String show(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    StringBuilder sb = new StringBuilder("\"");
    int shown = 0;
    for (char c : text.toCharArray()) {
      if (shown++ > 300) {
        sb.append("…");
        break;
      }
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("%%x%02X", (int) c));
    }
    return sb.append('"').toString();
  }
}
