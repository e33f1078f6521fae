package org.sipstrata.spec.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipstrata.spec.Level;
import org.sipstrata.spec.Requirement;
import org.sipstrata.spec.RfcSection;

/**
 * Extracts requirements from RFC sections by duvet's rule: every sentence that contains an RFC 2119
 * keyword in capitals is a requirement.
 *
 * <p>A section is split into blocks at blank lines. A block is art, not prose, when a line of it
 * defines an ABNF rule ({@code name = ...}), or when most of its lines are figure or table lines
 * (box drawing, arrows, columns separated by three or more spaces) or SIP message lines (header
 * fields, request and status lines). Art blocks yield no sentences. Prose blocks are joined and
 * split into sentences after '.', '!' or '?' (with closing quotes or brackets) followed by
 * whitespace and a capital letter, a digit or an opening quote or bracket — except after the
 * abbreviations "e.g.", "i.e.", "et al.", "cf.", "vs.", "Mr.", "Dr.", "St.", "No.", "Fig.", "Sec."
 * and after a single capital letter followed by one space (an initial). A number such as 17.1.1.2
 * never splits because its dots are not followed by whitespace. Keywords inside double quotes
 * ("MUST" in the terminology sections) do not count.
 */
public final class RequirementExtractor {

  private static final Pattern KEYWORD =
      Pattern.compile(
          "(?<![A-Za-z\"])(MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD"
              + "|NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)(?![A-Za-z\"])");
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
  private static final Pattern ABNF_RULE =
      Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9-]*\\s*=/?\\s*\\S.*$");
  private static final Pattern LIST_MARKER =
      Pattern.compile("^(?:o|-|\\*|\\d+\\.|\\(\\d+\\)|[a-z]\\.|\\([a-z]\\))\\s+");
  private static final Pattern DRAWING =
      Pattern.compile("\\||\\+-|-\\+|---|-->|<--|==|^[/\\\\v^]$|^[+|]");
  private static final Pattern COLUMN_GAP = Pattern.compile("\\S {3,}\\S");
  private static final Pattern MESSAGE_LINE =
      Pattern.compile(
          "^\\s*(?:[A-Za-z][A-Za-z0-9-]*:\\s*\\S.*|[A-Z]+ \\S+ SIP/2\\.0|SIP/2\\.0"
              + " \\d{3}.*|[a-z]=\\S.*)$");
  private static final Pattern BOUNDARY =
      Pattern.compile("[.!?][\"')\\]]*\\s+(?=[\"'(\\[]?[A-Z0-9])");
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "e.g", "i.e", "al", "cf", "vs", "Mr", "Dr", "St", "No", "Fig", "Sec", "resp", "approx");

  private RequirementExtractor() {}

  /** The requirements of one section, numbered from 1. */
  public static List<Requirement> extract(RfcSection section) {
    List<Requirement> out = new ArrayList<>();
    for (String sentence : sentences(section.lines())) {
      Level level = level(sentence);
      if (level != null) {
        out.add(new Requirement(section.rfc(), section.id(), out.size() + 1, level, sentence));
      }
    }
    return out;
  }

  /** The strongest keyword level of a sentence, or null when it has no keyword outside quotes. */
  public static Level level(String sentence) {
    Matcher m = KEYWORD.matcher(QUOTED.matcher(sentence).replaceAll("\"\""));
    Level level = null;
    while (m.find()) {
      Level l = Level.ofKeyword(m.group(1));
      level = level == null ? l : level.max(l);
    }
    return level;
  }

  /** The prose sentences of a section's lines, whitespace-normalised, art blocks left out. */
  public static List<String> sentences(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (List<String> block : blocks(lines)) {
      if (!isArt(block)) {
        out.addAll(split(String.join("\n", block)));
      }
    }
    return out;
  }

  /** Splits one paragraph into whitespace-normalised sentences. */
  public static List<String> split(String paragraph) {
    String text = LIST_MARKER.matcher(RfcSection.normalize(paragraph)).replaceFirst("");
    List<String> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(text);
    int start = 0;
    while (m.find()) {
      if (isAbbreviation(text, m.start())) {
        continue;
      }
      add(out, text.substring(start, m.end()));
      start = m.end();
    }
    add(out, text.substring(start));
    return out;
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }

  /**
   * Whether the period at {@code dot} ends an abbreviation or an initial rather than a sentence.
   */
  private static boolean isAbbreviation(String text, int dot) {
    if (text.charAt(dot) != '.') {
      return false;
    }
    int from = dot;
    while (from > 0
        && !Character.isWhitespace(text.charAt(from - 1))
        && text.charAt(from - 1) != '(') {
      from--;
    }
    String word = text.substring(from, dot);
    if (ABBREVIATIONS.contains(word)) {
      return true;
    }
    boolean oneSpace =
        dot + 2 < text.length() && text.charAt(dot + 1) == ' ' && text.charAt(dot + 2) != ' ';
    return word.length() == 1 && Character.isUpperCase(word.charAt(0)) && oneSpace;
  }

  /** The blocks of consecutive non-blank lines. */
  static List<List<String>> blocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  /** Whether a block of lines is ABNF, a figure, a table or a message rather than prose. */
  public static boolean isArt(List<String> block) {
    int art = 0;
    for (String line : block) {
      if (ABNF_RULE.matcher(line).matches() && !line.strip().endsWith(".")) {
        return true;
      }
      if (isArtLine(line)) {
        art++;
      }
    }
    return art * 2 > block.size();
  }

  /** Whether one line is a figure, table, ABNF or message line rather than prose. */
  public static boolean isArtLine(String line) {
    if (ABNF_RULE.matcher(line).matches() && !line.strip().endsWith(".")) {
      return true;
    }
    String s = LIST_MARKER.matcher(line.strip()).replaceFirst("");
    if (DRAWING.matcher(s).find() || (MESSAGE_LINE.matcher(s).matches() && !s.endsWith("."))) {
      return true;
    }
    // Prose puts at most two spaces after a sentence or a colon; wider gaps are table columns.
    return COLUMN_GAP.matcher(s).find();
  }
}
