package org.sipstrata.spec.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipstrata.spec.Citation;
import org.sipstrata.spec.CitationType;
import org.sipstrata.spec.Finding;
import org.sipstrata.spec.RfcSection;

/**
 * Finds duvet citation blocks in the sources under a reactor root.
 *
 * <p>Scanned: every file ending in .java, .g4 or .abnf whose path has a {@code src/main/} or {@code
 * src/test/} folder, outside {@code target/} and hidden folders. A block is a {@code //=} URL line,
 * optional {@code //= key=value} lines, then optional {@code //#} quote lines, each after leading
 * whitespace (and, in .abnf files, after an ABNF comment mark {@code ;}). The block applies to the
 * next non-blank line that is not part of a citation. A {@code //=} line is a URL line when its
 * value is one word (checked against the one URL form), an attribute when it reads {@code
 * key=value}, and otherwise prose that happens to start with "//=" and is not a citation.
 */
public final class CitationScanner {

  /** The one URL form a citation may use. */
  public static final Pattern URL =
      Pattern.compile(
          "https://www\\.rfc-editor\\.org/rfc/rfc([1-9]\\d*)#(?:section-(\\d+(?:\\.\\d+)*)|appendix-([A-Z](?:\\.\\d+)*))");

  private static final Set<String> EXTENSIONS = Set.of(".java", ".g4", ".abnf");
  private static final Pattern LINE = Pattern.compile("^\\s*//([=#])(.*)$");
  private static final Pattern ABNF_LINE = Pattern.compile("^\\s*(?:;\\s*)?//([=#])(.*)$");
  private static final Pattern ROW_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern ATTRIBUTE = Pattern.compile("^([A-Za-z][A-Za-z-]*)=(.*)$");
  private static final Set<String> KEYS = Set.of("type", "reason", "tracking-issue", "row");

  /** The citations found and the problems in their form. */
  public record Result(List<Citation> citations, List<Finding> findings) {}

  private CitationScanner() {}

  /** Scans every source file under {@code root}, in path order. */
  public static Result scan(Path root) {
    root = root.toAbsolutePath().normalize();
    List<Citation> citations = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Path file : sourceFiles(root)) {
      String relative = root.relativize(file).toString().replace('\\', '/');
      try {
        Result r = scan(relative, Files.readString(file, StandardCharsets.UTF_8));
        citations.addAll(r.citations());
        findings.addAll(r.findings());
      } catch (IOException e) {
        findings.add(Finding.error(relative, 1, "cannot read: " + e.getMessage()));
      }
    }
    return new Result(citations, findings);
  }

  /** The scanned source files under {@code root}, sorted. */
  public static List<Path> sourceFiles(Path root) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip =
                  !dir.equals(root)
                      && (name.equals("target")
                          || name.startsWith(".")
                          || name.equals("node_modules"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = "/" + root.relativize(file).toString().replace('\\', '/');
              String name = file.getFileName().toString();
              int dot = name.lastIndexOf('.');
              if (dot > 0
                  && EXTENSIONS.contains(name.substring(dot))
                  && (rel.contains("/src/main/") || rel.contains("/src/test/"))) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(null);
    return files;
  }

  /** Scans the text of one file; {@code file} is the name used in citations and findings. */
  public static Result scan(String file, String text) {
    Pattern linePattern = file.endsWith(".abnf") ? ABNF_LINE : LINE;
    String[] lines = text.split("\\R", -1);
    List<Citation> citations = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Block> pending = new ArrayList<>();
    Block block = null;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      Matcher m = linePattern.matcher(lines[i]);
      if (!m.matches()) {
        if (!lines[i].isBlank()) {
          if (block != null) {
            pending.add(block);
            block = null;
          }
          for (Block b : pending) {
            citations.add(b.toCitation(file, lineNo, findings));
          }
          pending.clear();
        }
        continue;
      }
      String value = m.group(2).strip();
      if (m.group(1).equals("#")) {
        if (block == null) {
          findings.add(
              Finding.error(file, lineNo, "//# quote line without a //= citation URL above it"));
        } else {
          block.quote.add(m.group(2));
        }
        continue;
      }
      Matcher attribute = ATTRIBUTE.matcher(value);
      if (attribute.matches()) {
        if (block == null) {
          findings.add(
              Finding.error(file, lineNo, "//= " + value + " without a //= citation URL above it"));
        } else if (!block.quote.isEmpty()) {
          findings.add(
              Finding.error(
                  file, lineNo, "//= " + value + " after the //# quote lines; put it before them"));
        } else {
          block.attribute(attribute.group(1), attribute.group(2).strip(), lineNo, file, findings);
        }
        continue;
      }
      if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
        // Prose that happens to start with "//=" (a wrapped comment): not a citation.
        continue;
      }
      if (block != null) {
        pending.add(block);
      }
      block = new Block(lineNo, value);
    }
    if (block != null) {
      pending.add(block);
    }
    for (Block b : pending) {
      citations.add(b.toCitation(file, 0, findings));
    }
    return new Result(citations, findings);
  }

  /** A citation block being read. */
  private static final class Block {
    final int line;
    final String url;
    String type = null;
    String reason = "";
    String trackingIssue = "";
    final List<String> rows = new ArrayList<>();
    final List<String> quote = new ArrayList<>();

    Block(int line, String url) {
      this.line = line;
      this.url = url;
    }

    void attribute(String key, String value, int lineNo, String file, List<Finding> findings) {
      switch (key) {
        case "type" -> type = value;
        case "reason" -> reason = value;
        case "tracking-issue" -> trackingIssue = value;
        case "row" -> {
          if (ROW_NAME.matcher(value).matches()) {
            rows.add(value);
          } else {
            findings.add(
                Finding.error(file, lineNo, "malformed row name \"" + value + "\" in //= row="));
          }
        }
        default ->
            findings.add(
                Finding.error(
                    file,
                    lineNo,
                    "unknown citation key \""
                        + key
                        + "\" (expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList())
                        + ")"));
      }
    }

    Citation toCitation(String file, int codeLine, List<Finding> findings) {
      int rfc = 0;
      String section = "";
      Matcher m = URL.matcher(url);
      if (m.matches()) {
        rfc = Integer.parseInt(m.group(1));
        section = m.group(2) != null ? m.group(2) : m.group(3);
      } else {
        findings.add(
            Finding.error(
                file,
                line,
                "malformed citation URL \""
                    + url
                    + "\": expected https://www.rfc-editor.org/rfc/rfcNNNN#section-N.N or"
                    + " #appendix-X"));
      }
      CitationType citationType = CitationType.IMPLEMENTATION;
      if (type != null) {
        citationType = CitationType.of(type).orElse(null);
        if (citationType == null) {
          findings.add(
              Finding.error(
                  file,
                  line,
                  "unknown citation type \""
                      + type
                      + "\" (expected implementation, test, implication, exception or todo)"));
          citationType = CitationType.IMPLEMENTATION;
        }
      }
      if (citationType == CitationType.EXCEPTION && reason.isBlank()) {
        findings.add(Finding.error(file, line, "type=exception needs a //= reason=... line"));
      }
      if (!rows.isEmpty() && citationType != CitationType.TEST) {
        // A row name says "the test below walks this row": only a test can say that.
        findings.add(Finding.error(file, line, "//= row=... belongs to a type=test citation"));
      }
      String text = RfcSection.normalize(String.join("\n", quote));
      return new Citation(
          file, line, url, rfc, section, citationType, reason, trackingIssue, text, codeLine, rows);
    }
  }
}
