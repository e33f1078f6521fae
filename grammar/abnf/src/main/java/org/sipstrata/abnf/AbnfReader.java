package org.sipstrata.abnf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ABNF as defined by RFC 5234 §4, with RFC 7405's {@code %s} and {@code %i} strings.
 *
 * <p>It is tolerant of the layout RFCs actually use, where rules are indented and the {@code =} is
 * aligned with spaces: a line whose text starts with {@code rulename =} or {@code rulename =/}
 * (after any indentation) starts a rule; any other non-blank line continues the current rule (RFC
 * 5234 §3.1 requires continuation lines to start with white space; a line at column 1 that starts
 * no rule is an error). Comments ({@code ;} to the end of the line) are dropped, except that a
 * comment of the form {@code ; //= <url>} sets the section of the rules that follow. CRLF, LF and CR
 * line ends are all accepted.
 *
 * <p>Bad input never throws: every problem is a {@link Diagnostic} with line and column, and the
 * rule it occurs in is left out of the document.
 */
public final class AbnfReader {

  /** Deeper nesting of groups and options than this is reported instead of risking the stack. */
  public static final int MAX_NESTING = 200;

  private static final Pattern RULE_START =
      Pattern.compile("^([ \\t]*)([A-Za-z][A-Za-z0-9-]*)[ \\t]*(=/?)");
  private static final Pattern CITATION = Pattern.compile("^;\\s*//=\\s*(https?://\\S+)\\s*$");

  private AbnfReader() {}

  /** Reads a file; an unreadable file is an error diagnostic, not an exception. */
  public static AbnfDocument read(Path file) {
    try {
      return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return new AbnfDocument(file.toString(), List.of(),
          List.of(Diagnostic.error(new Position(file.toString(), 0, 0), "cannot read ABNF: " + e)));
    }
  }

  /** Reads ABNF text; {@code source} names it in positions. */
  public static AbnfDocument read(String source, String text) {
    List<AbnfDocument.Definition> definitions = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    String section = "";
    Chunk chunk = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNo = i + 1;
      int commentAt = commentStart(line);
      String code = line.substring(0, commentAt);
      if (code.isBlank()) {
        Matcher cite = CITATION.matcher(line.substring(commentAt).strip());
        if (commentAt < line.length() && cite.matches()) {
          section = cite.group(1);
        }
        if (chunk != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
          chunk.appendText(line);
        }
        continue;
      }
      Matcher start = RULE_START.matcher(code);
      if (start.find()) {
        if (chunk != null) {
          chunk.finish(definitions, diagnostics);
        }
        chunk = new Chunk(source, start.group(2), start.group(3).equals("=/"), section,
            new Position(source, lineNo, start.start(2) + 1), start.group(1).length());
        chunk.appendText(line);
        chunk.add(code.substring(start.end()), lineNo, start.end() + 1);
      } else if (chunk != null && Character.isWhitespace(code.charAt(0))) {
        chunk.appendText(line);
        chunk.add(code, lineNo, 1);
      } else {
        int col = firstNonBlank(code) + 1;
        diagnostics.add(Diagnostic.error(new Position(source, lineNo, col),
            chunk == null
                ? "expected a rule definition (rulename = elements), found '" + excerpt(code.strip()) + "'"
                : "a continuation line must start with white space, and a rule with 'rulename ='; found '"
                    + excerpt(code.strip()) + "'"));
        if (chunk != null) {
          chunk.finish(definitions, diagnostics);
          chunk = null;
        }
      }
    }
    if (chunk != null) {
      chunk.finish(definitions, diagnostics);
    }
    return new AbnfDocument(source, definitions, diagnostics);
  }

  /** Index of the {@code ;} that starts a comment, outside quoted strings and prose; or the length. */
  static int commentStart(String line) {
    char close = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (close != 0) {
        if (c == close) {
          close = 0;
        }
      } else if (c == '"') {
        close = '"';
      } else if (c == '<') {
        close = '>';
      } else if (c == ';') {
        return i;
      }
    }
    return line.length();
  }

  private static int firstNonBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String excerpt(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The text of one rule (after its {@code =}), with the position of every character. */
  private static final class Chunk {
    final String source;
    final String name;
    final boolean incremental;
    final String section;
    final Position position;
    final StringBuilder chars = new StringBuilder();
    final List<int[]> at = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    final int indent;

    Chunk(String source, String name, boolean incremental, String section, Position position, int indent) {
      this.indent = indent;
      this.source = source;
      this.name = name;
      this.incremental = incremental;
      this.section = section;
      this.position = position;
    }

    /** Keeps the source line for comments, without the indentation of the rule's first line. */
    void appendText(String line) {
      int cut = 0;
      while (cut < indent && cut < line.length() && Character.isWhitespace(line.charAt(cut))) {
        cut++;
      }
      text.append(line.substring(cut).stripTrailing()).append('\n');
    }

    void add(String code, int line, int firstColumn) {
      for (int i = 0; i < code.length(); i++) {
        chars.append(code.charAt(i));
        at.add(new int[] {line, firstColumn + i});
      }
      chars.append('\n');
      at.add(new int[] {line, firstColumn + code.length()});
    }

    void finish(List<AbnfDocument.Definition> definitions, List<Diagnostic> diagnostics) {
      Parser p = new Parser(this);
      try {
        Element element = p.rule();
        String ruleText = text.toString().stripTrailing();
        definitions.add(new AbnfDocument.Definition(
            new Rule(name, element, position, section, ruleText), incremental));
      } catch (SyntaxError e) {
        diagnostics.add(Diagnostic.error(p.positionAt(e.offset), e.getMessage() + " in rule " + name)
            .inRule(name));
      }
    }
  }

  private static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    SyntaxError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  /** Recursive descent over RFC 5234 §4 {@code elements}, depth-limited. */
  private static final class Parser {
    private final Chunk chunk;
    private final String s;
    private int p;
    private int depth;

    Parser(Chunk chunk) {
      this.chunk = chunk;
      this.s = chunk.chars.toString();
    }

    Position positionAt(int offset) {
      if (chunk.at.isEmpty()) {
        return chunk.position;
      }
      int[] lc = chunk.at.get(Math.min(Math.max(offset, 0), chunk.at.size() - 1));
      return new Position(chunk.source, lc[0], lc[1]);
    }

    Element rule() throws SyntaxError {
      skipSpace();
      if (p >= s.length()) {
        throw new SyntaxError(p, "expected elements after '" + (chunk.incremental ? "=/" : "=") + "'");
      }
      Element e = alternation();
      skipSpace();
      if (p < s.length()) {
        throw new SyntaxError(p, "unexpected '" + s.charAt(p) + "'");
      }
      return e;
    }

    private void skipSpace() {
      while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\n')) {
        p++;
      }
    }

    private Element alternation() throws SyntaxError {
      if (++depth > MAX_NESTING) {
        throw new SyntaxError(p, "groups and options nested deeper than " + MAX_NESTING);
      }
      List<Element> alternatives = new ArrayList<>();
      alternatives.add(concatenation());
      skipSpace();
      while (p < s.length() && s.charAt(p) == '/') {
        p++;
        alternatives.add(concatenation());
        skipSpace();
      }
      depth--;
      return alternatives.size() == 1 ? alternatives.get(0) : new Element.Alternation(alternatives);
    }

    private Element concatenation() throws SyntaxError {
      List<Element> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (p >= s.length() || "/)]".indexOf(s.charAt(p)) >= 0) {
          break;
        }
        items.add(repetition());
      }
      if (items.isEmpty()) {
        throw new SyntaxError(p, p < s.length() ? "expected an element before '" + s.charAt(p) + "'"
            : "expected an element at the end of the rule");
      }
      return items.size() == 1 ? items.get(0) : new Element.Concatenation(items);
    }

    private Element repetition() throws SyntaxError {
      int start = p;
      int min = -1;
      int max = -1;
      if (Character.isDigit(s.charAt(p))) {
        min = number(10, "repetition count");
      }
      if (p < s.length() && s.charAt(p) == '*') {
        p++;
        if (min < 0) {
          min = 0;
        }
        max = p < s.length() && Character.isDigit(s.charAt(p)) ? number(10, "repetition count")
            : Element.Repetition.UNBOUNDED;
      } else if (min >= 0) {
        //= https://www.rfc-editor.org/rfc/rfc5234#section-3.7
        //# That is, exactly <n> occurrences of <element>.
        max = min;
      }
      if (min >= 0 && (p >= s.length() || " \t\n/)]".indexOf(s.charAt(p)) >= 0)) {
        throw new SyntaxError(start, "repetition '" + s.substring(start, p) + "' without an element");
      }
      Element element = element();
      if (min < 0) {
        return element;
      }
      //= https://www.rfc-editor.org/rfc/rfc5234#section-3.6
      //# where <a> and <b> are optional decimal values, indicating at least
      //# <a> and at most <b> occurrences of the element.
      //#
      //# Default values are 0 and infinity so that *<element> allows any
      //# number, including zero; 1*<element> requires at least one;
      //# 3*3<element> allows exactly 3; and 1*2<element> allows one or two.
      if (min > max) {
        throw new SyntaxError(start, "repetition " + min + "*" + max + " has a minimum above its maximum");
      }
      return new Element.Repetition(min, max, element);
    }

    private Element element() throws SyntaxError {
      char c = s.charAt(p);
      if (isAlpha(c)) {
        int start = p;
        while (p < s.length() && (isAlpha(s.charAt(p)) || Character.isDigit(s.charAt(p)) && s.charAt(p) < 128
            || s.charAt(p) == '-')) {
          p++;
        }
        return new Element.RuleRef(s.substring(start, p), positionAt(start));
      }
      switch (c) {
        case '(' -> {
          int open = p++;
          Element inner = alternation();
          skipSpace();
          expectClose(')', open);
          return inner;
        }
        case '[' -> {
          int open = p++;
          Element inner = alternation();
          skipSpace();
          expectClose(']', open);
          //= https://www.rfc-editor.org/rfc/rfc5234#section-3.8
          //# Square brackets enclose an optional element sequence:
          return new Element.Repetition(0, 1, inner);
        }
        case '"' -> {
          //= https://www.rfc-editor.org/rfc/rfc7405#section-2.1
          //# To be consistent with prior implementations of ABNF, having no prefix
          //# means that the string is case insensitive and is equivalent to having
          //# the "%i" prefix.
          return quoted(false);
        }
        case '%' -> {
          return percent();
        }
        case '<' -> {
          int start = p++;
          StringBuilder text = new StringBuilder();
          while (p < s.length() && s.charAt(p) != '>') {
            char x = s.charAt(p);
            if (x == '\n' || x < 0x20 || x > 0x7E) {
              throw new SyntaxError(x == '\n' ? start : p, x == '\n' ? "unterminated prose-val (missing '>')"
                  : String.format("character U+%04X is not allowed in a prose-val", (int) x));
            }
            text.append(x);
            p++;
          }
          if (p >= s.length()) {
            throw new SyntaxError(start, "unterminated prose-val (missing '>')");
          }
          p++;
          return new Element.ProseVal(text.toString(), positionAt(start));
        }
        default -> throw new SyntaxError(p, "unexpected '" + printable(c) + "'");
      }
    }

    private void expectClose(char close, int open) throws SyntaxError {
      if (p >= s.length()) {
        throw new SyntaxError(open, "'" + s.charAt(open) + "' is never closed");
      }
      if (s.charAt(p) != close) {
        throw new SyntaxError(p, "expected '" + close + "' to close '" + s.charAt(open) + "', found '"
            + printable(s.charAt(p)) + "'");
      }
      p++;
    }

    private Element.CharVal quoted(boolean caseSensitive) throws SyntaxError {
      int start = p++;
      StringBuilder text = new StringBuilder();
      while (p < s.length() && s.charAt(p) != '"') {
        char x = s.charAt(p);
        if (x == '\n') {
          throw new SyntaxError(start, "unterminated quoted string (a char-val ends on its line)");
        }
        if (x < 0x20 || x > 0x7E) {
          throw new SyntaxError(p, String.format("character U+%04X is not allowed in a quoted string", (int) x));
        }
        text.append(x);
        p++;
      }
      if (p >= s.length()) {
        throw new SyntaxError(start, "unterminated quoted string");
      }
      p++;
      return new Element.CharVal(text.toString(), caseSensitive);
    }

    private Element percent() throws SyntaxError {
      int start = p++;
      if (p >= s.length()) {
        throw new SyntaxError(start, "'%' must be followed by b, d, x, s or i");
      }
      char kind = Character.toLowerCase(s.charAt(p));
      if (kind == 's' || kind == 'i') {
        p++;
        if (p >= s.length() || s.charAt(p) != '"') {
          throw new SyntaxError(start, "%" + kind + " must be followed by a quoted string (RFC 7405)");
        }
        //= https://www.rfc-editor.org/rfc/rfc7405#section-2.1
        //# %s          =  case-sensitive
        //# %i          =  case-insensitive
        return quoted(kind == 's');
      }
      //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
      //# b           =  binary
      //#
      //# d           =  decimal
      //#
      //# x           =  hexadecimal
      int radix = switch (kind) {
        case 'b' -> 2;
        case 'd' -> 10;
        case 'x' -> 16;
        default -> throw new SyntaxError(p, "'%' must be followed by b, d, x, s or i, found '"
            + printable(s.charAt(p)) + "'");
      };
      p++;
      int first = number(radix, "value");
      if (p < s.length() && s.charAt(p) == '-') {
        p++;
        int high = number(radix, "value");
        if (high < first) {
          throw new SyntaxError(start, "value range " + s.substring(start, p) + " is empty (low above high)");
        }
        return new Element.ValueRange(kind, first, high);
      }
      //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
      //# A concatenated string of such values is specified compactly, using a
      //# period (".") to indicate a separation of characters within that
      //# value.
      List<Integer> values = new ArrayList<>();
      values.add(first);
      while (p < s.length() && s.charAt(p) == '.') {
        p++;
        values.add(number(radix, "value"));
      }
      return new Element.NumVal(kind, values);
    }

    private int number(int radix, String what) throws SyntaxError {
      int start = p;
      long value = 0;
      while (p < s.length() && Character.digit(s.charAt(p), radix) >= 0 && s.charAt(p) < 128) {
        value = value * radix + Character.digit(s.charAt(p), radix);
        if (value > Integer.MAX_VALUE - 1) {
          throw new SyntaxError(start, what + " is too large");
        }
        p++;
      }
      if (p == start) {
        String digits = radix == 2 ? "binary" : radix == 10 ? "decimal" : "hexadecimal";
        throw new SyntaxError(p, "expected " + digits + " digits"
            + (p < s.length() ? ", found '" + printable(s.charAt(p)) + "'" : ""));
      }
      return (int) value;
    }

    private static boolean isAlpha(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static String printable(char c) {
      return c == '\n' ? "end of line" : c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }
  }
}
