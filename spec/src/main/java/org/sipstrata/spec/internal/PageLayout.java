package org.sipstrata.spec.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes the page furniture of a plain-text RFC (RFC 7322 layout): form feeds, the footer line
 * ending in "[Page N]", the running header starting "RFC NNNN", and the blank lines that pad the
 * page around them.
 *
 * <p>A page break can fall between paragraphs or in the middle of one; the text does not say which.
 * The rule used here: after a break, one blank line is kept when the last line before it ends a
 * sentence or introduces a block (ends with '.', ':' or '?'), or when it is a figure, table or
 * message line and the next line is indented less (prose resumes after an example); otherwise the
 * lines are joined with nothing between them, so a sentence or an ABNF rule broken across pages is
 * contiguous again.
 */
public final class PageLayout {

  /**
   * One line of the cleaned text and its 1-based line number in the published file (0 if
   * synthetic).
   */
  public record Line(String text, int number) {
    public boolean isBlank() {
      return text.isBlank();
    }
  }

  private static final Pattern FOOTER = Pattern.compile("^\\S.*\\[Page \\d+\\]\\s*$");
  private static final Pattern HEADER = Pattern.compile("^RFC \\d+\\s.*\\S\\s*$");

  private PageLayout() {}

  /**
   * The lines of {@code text} without page furniture. Trailing whitespace is stripped from every
   * line.
   */
  public static List<Line> clean(String text) {
    String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<Line> kept = new ArrayList<>(raw.length);
    boolean afterBreak = false;
    String beforeBreak = "";
    int i = 0;
    while (i < raw.length) {
      String line = raw[i];
      if (line.indexOf('\f') >= 0) {
        beforeBreak = dropFooter(kept);
        afterBreak = true;
        String rest = line.replace("\f", "");
        i++;
        if (rest.isBlank()) {
          // The header is on the line after the form feed, possibly after blank lines.
          int j = i;
          while (j < raw.length && raw[j].isBlank()) {
            j++;
          }
          if (j < raw.length && HEADER.matcher(raw[j]).matches()) {
            i = j + 1;
          }
        } else if (!HEADER.matcher(rest).matches()) {
          i--;
          raw[i] = rest;
          continue;
        }
        while (i < raw.length && raw[i].isBlank()) {
          i++;
        }
        continue;
      }
      String stripped = line.stripTrailing();
      if (afterBreak && !stripped.isEmpty()) {
        afterBreak = false;
        if (endsBlock(beforeBreak) || endsFigure(beforeBreak, stripped)) {
          kept.add(new Line("", 0));
        }
      }
      kept.add(new Line(stripped, i + 1));
      i++;
    }
    // The last page has a footer but no form feed after it.
    dropFooter(kept);
    return kept;
  }

  /**
   * Removes trailing blank lines, a footer, and the blank lines above it; returns the last line
   * left.
   */
  private static String dropFooter(List<Line> kept) {
    int end = kept.size();
    while (end > 0 && kept.get(end - 1).isBlank()) {
      end--;
    }
    if (end > 0 && FOOTER.matcher(kept.get(end - 1).text()).matches()) {
      end--;
      while (end > 0 && kept.get(end - 1).isBlank()) {
        end--;
      }
      kept.subList(end, kept.size()).clear();
    }
    return end == 0 ? "" : kept.get(end - 1).text();
  }

  /** A figure or message line followed by a line indented less: prose resumes after the art. */
  private static boolean endsFigure(String before, String after) {
    return indent(after) < indent(before) && RequirementExtractor.isArtLine(before);
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static boolean endsBlock(String line) {
    String s = line.strip();
    return s.endsWith(".") || s.endsWith(":") || s.endsWith("?");
  }
}
