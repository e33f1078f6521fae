package org.sipstrata.spec;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One section of an RFC, as published in plain text.
 *
 * @param rfc the RFC number
 * @param id "17.1.1.2" for numbered sections, "A" or "B.1" for appendices
 * @param title the heading text after the number (continuation lines joined with one space)
 * @param lines the body lines below the heading, indentation kept, page furniture (form feeds,
 *     running headers and footers, and the blank lines a page break introduced) removed, leading
 *     and trailing blank lines trimmed
 * @param firstLine the 1-based line number, in the published file, of the first body line; later
 *     lines are further down the file by at least their index (page breaks add to the offset)
 */
public record RfcSection(int rfc, String id, String title, List<String> lines, int firstLine) {

  private static final String BASE_URL = "https://www.rfc-editor.org/rfc/rfc";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern HYPHEN_AT_LINE_END =
      Pattern.compile("(?<=[A-Za-z0-9])-[ \\t]*\\R[ \\t]*");

  public RfcSection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
  }

  /** True for appendices ("A", "B.1"), false for numbered sections. */
  public boolean isAppendix() {
    return !id.isEmpty() && Character.isLetter(id.charAt(0));
  }

  /** The rfc-editor.org URL fragment: "section-17.1.1.2" or "appendix-A". */
  public String anchor() {
    return (isAppendix() ? "appendix-" : "section-") + id;
  }

  /**
   * The duvet citation URL of this section, e.g.
   * "https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2".
   */
  public String url() {
    return BASE_URL + rfc + "#" + anchor();
  }

  /** The body lines joined with '\n'. */
  public String text() {
    return String.join("\n", lines);
  }

  /**
   * The body text as quotes are compared with it: see {@link #normalize(String)}. Art lines (ABNF,
   * figures) are included: a quote of an ABNF rule is checked like a quote of prose.
   */
  public String normalizedText() {
    return normalize(text());
  }

  /**
   * How quotes and RFC text are compared: a line that ends in a hyphen after a letter or digit
   * joins the next line without a space (RFCs do not hyphenate words at line ends; a hyphen there
   * belongs to a compound such as "non-INVITE" and stays), then every run of whitespace becomes one
   * space, and the result is trimmed. Quotes are normalised by the same rule, so a quote may break
   * its lines anywhere.
   */
  public static String normalize(String text) {
    String joined = HYPHEN_AT_LINE_END.matcher(text).replaceAll("-");
    return WHITESPACE.matcher(joined).replaceAll(" ").strip();
  }
}
