package org.sipstrata.abnf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipstrata.spec.RfcDocument;
import org.sipstrata.spec.RfcSection;

/**
 * Pulls the ABNF rules out of an RFC section and its subsections, dropping the prose between them.
 *
 * <p>RFCs indent their ABNF (RFC 3261 §25 by 0, 3 or 6 spaces, interleaved with prose paragraphs
 * indented by 3). A line that starts with {@code rulename =} or {@code rulename =/} starts a rule;
 * the following lines indented deeper than that rule's first line continue it. After a blank line
 * (or a page break) a deeper line continues the rule only while the rule is visibly unfinished (an
 * unclosed bracket, a trailing {@code /}) or the line starts with {@code /}. Anything else is prose.
 * Comments stay with their rule. The output has one {@code ; //= <section url>} line before the
 * rules of each section, and every rule starts at column 1 with its continuation lines indented.
 *
 * <p>The extractor does not judge the ABNF: a rule that is wrong in the RFC (e.g. a comment that
 * wraps onto a continuation line) is extracted as written, and the reader reports it.
 */
public final class AbnfExtractor {

  private static final Pattern RULE_START = Pattern.compile("^([ \\t]*)[A-Za-z][A-Za-z0-9-]*[ \\t]*=/?");

  /** The extracted text and the number of rules in it. */
  public record Extraction(String abnf, int ruleCount, List<String> ruleNames) {
    public Extraction {
      ruleNames = List.copyOf(ruleNames);
    }
  }

  private AbnfExtractor() {}

  /**
   * Extracts the ABNF of section {@code sectionId} (e.g. {@code 25} or {@code B.1}) and its
   * subsections from an RFC text file. An unknown section is an {@link AbnfException}.
   */
  public static Extraction extract(Path rfcText, String sectionId) throws AbnfException {
    RfcDocument doc;
    try {
      doc = RfcDocument.read(rfcText);
    } catch (RuntimeException e) {
      throw new AbnfException("cannot read " + rfcText + ": " + e.getMessage(),
          List.of(Diagnostic.error(new Position(rfcText.toString(), 0, 0), "cannot read the RFC: " + e)));
    }
    List<RfcSection> sections = doc.sections().stream()
        .filter(s -> s.id().equals(sectionId) || s.id().startsWith(sectionId + "."))
        .toList();
    if (sections.isEmpty()) {
      throw new AbnfException("RFC " + doc.rfc() + " has no section " + sectionId,
          List.of(Diagnostic.error(new Position(rfcText.toString(), 0, 0),
              "RFC " + doc.rfc() + " has no section " + sectionId)));
    }
    StringBuilder out = new StringBuilder();
    out.append("; ABNF of RFC ").append(doc.rfc()).append(sectionId.matches("[A-Z].*") ? " appendix " : " section ")
        .append(sectionId).append(", extracted from the RFC text by org.sipstrata.abnf.AbnfExtractor.\n")
        .append("; Do not edit: corrections belong in an overlay file.\n");
    List<String> names = new ArrayList<>();
    for (RfcSection s : sections) {
      List<List<String>> rules = rulesIn(s.lines());
      if (rules.isEmpty()) {
        continue;
      }
      out.append('\n').append("; //= ").append(s.url()).append('\n');
      for (List<String> rule : rules) {
        Matcher m = Pattern.compile("^[ \\t]*([A-Za-z][A-Za-z0-9-]*)").matcher(rule.get(0));
        names.add(m.find() ? m.group(1) : rule.get(0).strip());
        for (String line : rule) {
          out.append(line).append('\n');
        }
      }
    }
    return new Extraction(out.toString(), names.size(), names);
  }

  /** The rules in a section's lines, each as its lines with the first line's indentation removed. */
  public static List<List<String>> rulesIn(List<String> lines) {
    List<List<String>> rules = new ArrayList<>();
    List<String> current = null;
    int indent = 0;
    boolean blank = false;
    for (String raw : lines) {
      String line = raw.replace("\t", "        ").stripTrailing();
      if (line.isBlank()) {
        blank = true;
        continue;
      }
      int lineIndent = indentOf(line);
      Matcher start = RULE_START.matcher(line);
      if (start.find()) {
        current = new ArrayList<>();
        rules.add(current);
        indent = lineIndent;
        current.add(line.substring(indent));
      } else if (current != null && lineIndent > indent
          && (!blank || unfinished(current) || line.strip().startsWith("/"))) {
        current.add(" ".repeat(Math.max(1, lineIndent - indent)) + line.substring(lineIndent));
      } else {
        current = null;
      }
      blank = false;
    }
    return rules;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Whether a rule's text so far cannot be complete: unclosed brackets or a trailing {@code /}. */
  private static boolean unfinished(List<String> rule) {
    int open = 0;
    String last = "";
    for (String line : rule) {
      String code = line.substring(0, AbnfReader.commentStart(line));
      boolean quoted = false;
      for (char c : code.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '(' || c == '[')) {
          open++;
        } else if (!quoted && (c == ')' || c == ']')) {
          open--;
        }
      }
      if (!code.isBlank()) {
        last = code.strip();
      }
    }
    return open > 0 || last.endsWith("/") || last.endsWith("=");
  }
}
