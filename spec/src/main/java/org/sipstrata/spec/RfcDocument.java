package org.sipstrata.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipstrata.spec.internal.PageLayout;
import org.sipstrata.spec.internal.PageLayout.Line;

/**
 * A plain-text RFC split into its sections.
 *
 * <p>The body starts at the first heading "1" written at column 0 without dot leaders, which skips
 * the front matter and the table of contents (whose entries are indented and end in page numbers).
 * A heading is a line at column 0 that starts with a section number ("17.1.1.2", "7.2.1.",
 * "15.Normative References") or an appendix letter ("A Table of Timer Values", "Appendix A.
 * Collected ABNF", "B.1. Core Rules"), and whose number follows the previous heading's (next
 * sibling, first child, or next sibling of an ancestor). That check keeps column-0 figure lines
 * such as SIP messages, C code or table rows inside their section. The unnumbered back matter
 * (Acknowledgments, Authors' Addresses, Full Copyright Statement, Intellectual Property, Index)
 * ends the section before it and belongs to no section.
 */
public final class RfcDocument {

  private static final Pattern NUMBERED =
      Pattern.compile("^(\\d+(?:\\.\\d+)*)(?:\\.\\s*|\\s+)(\\S.*)$");
  private static final Pattern APPENDIX =
      Pattern.compile("^(?:Appendix\\s+)?([A-Z](?:\\.\\d+)*)(?:\\.\\s*|\\s+)(\\S.*)$");
  private static final Pattern DOT_LEADERS = Pattern.compile("\\.\\s?\\.\\s?\\.");
  private static final Pattern BACK_MATTER =
      Pattern.compile(
          "^(Acknowledge?ments?|Authors?'? ?s?'? Address(es)?|Editors?'? Address(es)?|Full"
              + " Copyright Statement|Intellectual Property( Statement)?|Index|Contributors)\\s*$");
  private static final Pattern FILE_NAME = Pattern.compile("rfc(\\d+)\\.txt");

  private final int rfc;
  private final String title;
  private final List<RfcSection> sections;
  private final Map<String, RfcSection> byId;

  private RfcDocument(int rfc, String title, List<RfcSection> sections) {
    this.rfc = rfc;
    this.title = title;
    this.sections = List.copyOf(sections);
    Map<String, RfcSection> map = new LinkedHashMap<>();
    for (RfcSection s : sections) {
      map.putIfAbsent(s.id(), s);
    }
    this.byId = map;
  }

  /** A document from already split sections, e.g. as stored in the catalog. */
  public static RfcDocument of(int rfc, String title, List<RfcSection> sections) {
    return new RfcDocument(rfc, title, sections);
  }

  /** Reads {@code rfcNNNN.txt}; the RFC number is taken from the file name. */
  public static RfcDocument read(Path file) {
    Matcher m = FILE_NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an rfcNNNN.txt file name: " + file);
    }
    try {
      return parse(Integer.parseInt(m.group(1)), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits the text of RFC {@code rfc}, as published in plain text, into sections. */
  public static RfcDocument parse(int rfc, String text) {
    List<Line> lines = PageLayout.clean(text);
    String title = documentTitle(lines);
    int start = bodyStart(lines);
    List<RfcSection> sections = new ArrayList<>();
    String currentId = null;
    String currentTitle = null;
    List<Line> body = new ArrayList<>();
    String previousId = null;
    for (int i = start; i < lines.size(); i++) {
      String text0 = lines.get(i).text();
      if (text0.isEmpty() || Character.isWhitespace(text0.charAt(0))) {
        if (currentId != null) {
          body.add(lines.get(i));
        }
        continue;
      }
      Heading heading = heading(text0, previousId);
      if (heading == null && !BACK_MATTER.matcher(text0).matches()) {
        if (currentId != null) {
          body.add(lines.get(i));
        }
        continue;
      }
      if (currentId != null) {
        sections.add(section(rfc, currentId, currentTitle, body));
      }
      body.clear();
      if (heading == null) {
        currentId = null;
        continue;
      }
      // A long title continues on the following lines, indented under its first word.
      StringBuilder fullTitle = new StringBuilder(heading.title());
      while (i + 1 < lines.size()
          && !lines.get(i + 1).isBlank()
          && leadingSpaces(lines.get(i + 1).text()) >= 3
          && leadingSpaces(lines.get(i + 1).text()) == text0.indexOf(heading.title())) {
        i++;
        fullTitle.append(' ').append(lines.get(i).text().strip());
      }
      currentId = heading.id();
      currentTitle = fullTitle.toString();
      previousId = currentId;
    }
    if (currentId != null) {
      sections.add(section(rfc, currentId, currentTitle, body));
    }
    return new RfcDocument(rfc, title, sections);
  }

  public int rfc() {
    return rfc;
  }

  /** The document title from the first page, e.g. "SIP: Session Initiation Protocol". */
  public String title() {
    return title;
  }

  /** The sections in document order; heading lines are not part of any section's lines. */
  public List<RfcSection> sections() {
    return sections;
  }

  /** The section with this id ("17.1.1.2", "A", "B.1"). */
  public Optional<RfcSection> section(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private record Heading(String id, String title) {}

  private static Heading heading(String line, String previousId) {
    if (DOT_LEADERS.matcher(line).find()) {
      return null;
    }
    Matcher m = NUMBERED.matcher(line);
    if (!m.matches()) {
      m = APPENDIX.matcher(line);
      if (!m.matches()) {
        return null;
      }
    }
    String id = m.group(1);
    return follows(previousId, id) ? new Heading(id, m.group(2).strip()) : null;
  }

  /** Whether section {@code id} can come right after {@code previous} in an RFC's outline. */
  static boolean follows(String previous, String id) {
    String[] next = id.split("\\.");
    if (previous == null) {
      return id.equals("1");
    }
    String[] prev = previous.split("\\.");
    boolean nextIsAppendix = Character.isLetter(next[0].charAt(0));
    boolean prevIsAppendix = Character.isLetter(prev[0].charAt(0));
    if (nextIsAppendix && !prevIsAppendix) {
      return id.equals("A");
    }
    if (nextIsAppendix != prevIsAppendix) {
      return false;
    }
    if (next.length == prev.length + 1) {
      return startsWith(next, prev, prev.length) && next[next.length - 1].equals("1");
    }
    if (next.length > prev.length) {
      return false;
    }
    int last = next.length - 1;
    return startsWith(next, prev, last) && successor(prev[last]).equals(next[last]);
  }

  private static boolean startsWith(String[] a, String[] b, int n) {
    for (int k = 0; k < n; k++) {
      if (!a[k].equals(b[k])) {
        return false;
      }
    }
    return true;
  }

  private static String successor(String part) {
    if (Character.isLetter(part.charAt(0))) {
      return String.valueOf((char) (part.charAt(0) + 1));
    }
    return String.valueOf(Integer.parseInt(part) + 1);
  }

  private static RfcSection section(int rfc, String id, String title, List<Line> body) {
    int from = 0;
    int to = body.size();
    while (from < to && body.get(from).isBlank()) {
      from++;
    }
    while (to > from && body.get(to - 1).isBlank()) {
      to--;
    }
    List<String> text = new ArrayList<>(to - from);
    for (Line l : body.subList(from, to)) {
      text.add(l.text());
    }
    int firstLine = from < to ? body.get(from).number() : 0;
    return new RfcSection(rfc, id, title, text, firstLine);
  }

  private static int bodyStart(List<Line> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).text();
      if (NUMBERED.matcher(t).matches() && t.startsWith("1") && heading(t, null) != null) {
        return i;
      }
    }
    return lines.size();
  }

  private static String documentTitle(List<Line> lines) {
    int i = 0;
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    while (i < lines.size() && !lines.get(i).isBlank()) {
      i++;
    }
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    StringBuilder title = new StringBuilder();
    while (i < lines.size() && !lines.get(i).isBlank()) {
      if (!title.isEmpty()) {
        title.append(' ');
      }
      title.append(lines.get(i).text().strip());
      i++;
    }
    return title.toString();
  }

  private static int leadingSpaces(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
