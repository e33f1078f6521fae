package org.sipstrata.abnf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipstrata.spec.Catalog;
import org.sipstrata.spec.RfcSection;

/**
 * An AsciiDoc page that shows every ABNF rule beside the ANTLR rule the emitter makes of it: in
 * source order, grouped by the RFC section each rule is cited from, with where it is written,
 * whether an overlay replaced or extended it (and the overlay's comment saying why), and how the
 * emitter uses it. The ANTLR text is the emitter's own ({@link Emission#rules()}), so the page
 * cannot drift from the generated grammar when both are built from the same arguments.
 *
 * <p>Everything taken from the sources is escaped for AsciiDoc: ABNF and ANTLR text goes into
 * listing blocks (whose {@code |} is escaped inside table cells), prose into {@code pass:c[]}.
 */
public final class GrammarPage {

  private static final Pattern SECTION_URL =
      Pattern.compile("https://www\\.rfc-editor\\.org/rfc/rfc(\\d+)#(section|appendix)-([A-Za-z0-9.]+)");
  private static final Pattern SEPARATOR = Pattern.compile("[-=_*~#]{4,}");

  private GrammarPage() {}

  /** An ABNF source: its name (shown on the page without its directory) and its text. */
  public record Source(String name, String text) {

    public static Source read(Path file) throws AbnfException {
      try {
        return new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AbnfException("cannot read " + file + ": " + e, List.of());
      }
    }

    String fileName() {
      return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }
  }

  /**
   * The comment before an overlay definition: the prose of the change it belongs to (since the
   * last separator line such as {@code ; ----}) and the {@code //=} citations right before it.
   */
  record Reason(List<String> prose, List<Citation> citations) {}

  /** A {@code ; //= url} comment with the {@code ; //#} quote lines after it. */
  record Citation(String url, List<String> quote) {}

  /** One definition of a rule in one source. */
  private record Definition(Rule rule, boolean incremental, Source source, boolean overlay,
      Optional<Reason> reason) {}

  /** A rule of the page: all its definitions, base ones first. */
  private record Entry(String key, List<Definition> definitions) {

    List<Definition> base() {
      return definitions.stream().filter(d -> !d.overlay()).toList();
    }

    List<Definition> overlay() {
      return definitions.stream().filter(Definition::overlay).toList();
    }

    String section() {
      return definitions.get(0).rule().section();
    }

    String name() {
      return definitions.get(0).rule().name();
    }
  }

  /** The page and the emission it shows (whose {@code .g4} text can be compared with a build's). */
  public record Page(String asciidoc, Emission emission) {}

  /**
   * Emits the grammar with {@code options} and renders the page.
   *
   * @param sectionTitles the title of a section given its citation URL, if known
   * @throws AbnfException if the grammar cannot be emitted (the diagnostics are listed)
   */
  public static Page render(String title, List<Source> bases, List<Source> overlays,
      EmitterOptions options, Function<String, Optional<String>> sectionTitles) throws AbnfException {
    List<AbnfDocument> baseDocs = bases.stream().map(s -> AbnfReader.read(s.name(), s.text())).toList();
    List<AbnfDocument> overlayDocs = overlays.stream().map(s -> AbnfReader.read(s.name(), s.text())).toList();
    Emission emission = AntlrEmitter.emit(RuleSet.combine(baseDocs, overlayDocs), options);
    if (!emission.ok()) {
      throw new AbnfException("cannot emit grammar " + options.grammarName() + ": "
          + emission.errors().size() + " error(s)", emission.errors());
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < bases.size(); i++) {
      for (AbnfDocument.Definition d : baseDocs.get(i).definitions()) {
        entries.computeIfAbsent(d.rule().key(), k -> new Entry(k, new ArrayList<>())).definitions()
            .add(new Definition(d.rule(), d.incremental(), bases.get(i), false, Optional.empty()));
      }
    }
    for (int i = 0; i < overlays.size(); i++) {
      Map<Integer, Reason> reasons = reasons(overlays.get(i).text());
      for (AbnfDocument.Definition d : overlayDocs.get(i).definitions()) {
        entries.computeIfAbsent(d.rule().key(), k -> new Entry(k, new ArrayList<>())).definitions()
            .add(new Definition(d.rule(), d.incremental(), overlays.get(i), true,
                Optional.ofNullable(reasons.get(d.rule().position().line()))));
      }
    }
    return new Page(new Writer(title, options, emission, sectionTitles).write(entries.values()), emission);
  }

  /** Section titles from the project's RFC catalog. */
  public static Function<String, Optional<String>> catalogTitles() {
    Catalog catalog = Catalog.load();
    return url -> {
      Matcher m = SECTION_URL.matcher(url);
      if (!m.matches()) {
        return Optional.empty();
      }
      return catalog.rfc(Integer.parseInt(m.group(1)))
          .flatMap(rfc -> rfc.section(m.group(3)))
          .map(RfcSection::title);
    };
  }

  /** The reason comment of each definition in an overlay text, by the line its rule starts on. */
  static Map<Integer, Reason> reasons(String text) {
    Map<Integer, Reason> out = new HashMap<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    List<String> prose = new ArrayList<>();
    List<Citation> citations = new ArrayList<>();
    boolean inRule = false;
    boolean newBlock = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        if (inRule) {
          newBlock = true;
        }
        inRule = false;
        continue;
      }
      if (!stripped.startsWith(";")) {
        if (!Character.isWhitespace(line.charAt(0)) && startsRule(line)) {
          if (!prose.isEmpty() || !citations.isEmpty()) {
            out.put(i + 1, new Reason(trim(prose), citations.stream()
                .map(c -> new Citation(c.url(), List.copyOf(c.quote()))).toList()));
          }
        }
        inRule = true;
        continue;
      }
      if (inRule && Character.isWhitespace(line.charAt(0))) {
        continue; // an indented comment right under a rule belongs to the rule
      }
      if (inRule) {
        newBlock = true;
        inRule = false;
      }
      String content = stripped.substring(1).strip();
      if (newBlock) {
        citations = new ArrayList<>();
      }
      if (SEPARATOR.matcher(content).matches()) {
        prose = new ArrayList<>();
        citations = new ArrayList<>();
        newBlock = false;
      } else if (content.startsWith("//=")) {
        String value = content.substring(3).strip();
        if (value.startsWith("http")) {
          citations.add(new Citation(value, new ArrayList<>()));
        }
        newBlock = false;
      } else if (content.startsWith("//#")) {
        if (!citations.isEmpty()) {
          String quote = content.substring(3);
          citations.get(citations.size() - 1).quote().add(quote.startsWith(" ") ? quote.substring(1) : quote);
        }
        newBlock = false;
      } else {
        if (newBlock) {
          prose = new ArrayList<>();
          newBlock = false;
        }
        prose.add(content);
      }
    }
    return out;
  }

  private static boolean startsRule(String line) {
    return line.matches("^[A-Za-z][A-Za-z0-9-]*[ \\t]*=.*");
  }

  private static List<String> trim(List<String> prose) {
    int from = 0;
    int to = prose.size();
    while (from < to && prose.get(from).isEmpty()) {
      from++;
    }
    while (to > from && prose.get(to - 1).isEmpty()) {
      to--;
    }
    return List.copyOf(prose.subList(from, to));
  }

  /** "RFC 3261 §25.1" or "RFC 5234 Appendix B.1" for a citation URL; the URL itself otherwise. */
  static String sectionLabel(String url) {
    Matcher m = SECTION_URL.matcher(url);
    if (!m.matches()) {
      return url;
    }
    return "RFC " + m.group(1) + (m.group(2).equals("appendix") ? " Appendix " : " §") + m.group(3);
  }

  /** Text for a table cell's listing block: a {@code |} would end the cell. */
  static String cellListing(String text) {
    return text.replace("|", "\\|");
  }

  /** Inline text shown as written: {@code pass:c[...]} escapes &lt;, &gt; and &amp;. */
  static String plain(String text) {
    return "pass:c[" + text.replace("]", "\\]") + "]";
  }

  /** Inline code: monospace, shown as written. */
  static String code(String text) {
    return "`" + plain(text) + "`";
  }

  private static final class Writer {
    private final StringBuilder out = new StringBuilder();
    private final String title;
    private final EmitterOptions options;
    private final Emission emission;
    private final Function<String, Optional<String>> sectionTitles;
    private final Map<Reason, String> reasonShownAt = new HashMap<>();

    Writer(String title, EmitterOptions options, Emission emission,
        Function<String, Optional<String>> sectionTitles) {
      this.title = title;
      this.options = options;
      this.emission = emission;
      this.sectionTitles = sectionTitles;
    }

    String write(Collection<Entry> entries) {
      Map<String, List<Entry>> bySection = new LinkedHashMap<>();
      for (Entry e : entries) {
        bySection.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e);
      }
      intro(entries);
      for (Map.Entry<String, List<Entry>> section : bySection.entrySet()) {
        section(section.getKey(), section.getValue());
      }
      mapping(entries);
      return out.toString();
    }

    private void intro(Collection<Entry> entries) {
      long replaced = entries.stream().filter(e -> !e.base().isEmpty()
          && e.overlay().stream().anyMatch(d -> !d.incremental())).count();
      long extended = entries.stream().filter(e -> !e.base().isEmpty()
          && e.overlay().stream().allMatch(Definition::incremental) && !e.overlay().isEmpty()).count();
      long added = entries.stream().filter(e -> e.base().isEmpty()).count();
      long tokenSets = emission.rules().stream().filter(r -> r.use() == EmittedRule.Use.TOKEN_SET).count();
      long expanded = emission.rules().stream().filter(r -> r.use() == EmittedRule.Use.EXPANDED).count();
      out.append("= ").append(plain(title)).append("\n\n");
      out.append("// Generated by org.sipstrata.abnf.GrammarPage; do not edit.\n\n");
      out.append("Every ABNF rule of the grammar beside the ANTLR 4 rule that ")
          .append(code("AntlrEmitter")).append(" emitted for it into ")
          .append(code(options.grammarName() + ".g4")).append(", in source order and grouped by ")
          .append("the RFC section the rule is cited from. The page is generated by the build from ")
          .append("the same files and options as the grammar, so the ANTLR text here is the ")
          .append("generated text.\n\n");
      out.append("* ").append(entries.size()).append(" rules: ")
          .append(entries.size() - added).append(" from the RFC texts, ")
          .append(replaced).append(" of them replaced and ").append(extended)
          .append(" extended by the overlay, ").append(added).append(" added by the overlay.\n");
      links(entries, e -> !e.base().isEmpty() && !e.overlay().isEmpty(), "Changed by the overlay");
      links(entries, e -> e.base().isEmpty(), "Added by the overlay");
      out.append("* ").append(options.startRules().size()).append(" start rules, each with an entry rule ")
          .append(code("<name>Eof : <name> EOF ;")).append(".\n");
      out.append("* ").append(tokenSets).append(" rules match exactly one byte from a set; every reference ")
          .append("to them is written as that token set. ").append(expanded)
          .append(" more are expanded at every reference (").append(code("--inline"))
          .append("). Both are still emitted as rules of their own.\n\n");
      out.append("How to read the ANTLR side: the parser reads one token per byte, named ")
          .append(code("X00")).append(" to ").append(code("XFF")).append(" after the byte's ")
          .append("hexadecimal value (").append(code("X41")).append(" is `A`). A quoted ABNF string ")
          .append("is case-insensitive (RFC 5234 §2.3), so ").append(code("\"a\""))
          .append(" becomes ").append(code("(X41 | X61)")).append("; a set of more than 128 ")
          .append("bytes is written as its complement ").append(code("~(...)")).append(".\n\n");
    }

    private void links(Collection<Entry> entries, Predicate<Entry> which,
        String label) {
      List<String> links = entries.stream().filter(which)
          .map(e -> "<<abnf-" + e.key() + "," + e.name() + ">>").toList();
      if (!links.isEmpty()) {
        out.append("** ").append(label).append(": ").append(String.join(", ", links)).append(".\n");
      }
    }

    private void section(String url, List<Entry> entries) {
      out.append("[#").append(anchor(url)).append("]\n");
      if (url.isEmpty()) {
        out.append("== Rules without a section citation\n\n");
      } else {
        out.append("== ").append(plain(sectionLabel(url)));
        sectionTitles.apply(url).ifPresent(t -> out.append(' ').append(plain(t)));
        out.append("\n\n").append(entries.size()).append(entries.size() == 1 ? " rule" : " rules")
            .append(" cited from ").append(url).append("[").append(plain(sectionLabel(url))).append("].\n\n");
      }
      for (Entry e : entries) {
        rule(e);
      }
    }

    private static String anchor(String url) {
      Matcher m = SECTION_URL.matcher(url);
      return m.matches() ? "rfc" + m.group(1) + "-" + m.group(2) + "-" + m.group(3) : "no-section";
    }

    private void rule(Entry e) {
      EmittedRule emitted = emission.rule(e.name()).orElseThrow();
      out.append("[#abnf-").append(e.key()).append("]\n");
      out.append("=== ").append(e.name()).append("\n\n");
      Definition first = e.definitions().get(0);
      out.append(e.base().isEmpty() ? "Added by the overlay in " : "Defined in ")
          .append(code(first.source().fileName())).append(" line ").append(first.rule().position().line())
          .append(". ANTLR rule ").append(code(emitted.antlrName()));
      emitted.entryRule().ifPresent(x -> out.append(", entry rule ").append(code(x.name())));
      out.append('.');
      switch (emitted.use()) {
        case TOKEN_SET -> out.append(" Inlined as a token set: every reference is written as the set ")
            .append("of bytes it matches.");
        case EXPANDED -> out.append(" Expanded at every reference (").append(code("--inline")).append(").");
        case CALLED -> { }
      }
      out.append(" +\n");
      List<Definition> overlay = e.overlay();
      if (!e.base().isEmpty() && overlay.stream().anyMatch(d -> !d.incremental())) {
        out.append("*Replaced by the overlay.*");
      } else if (!e.base().isEmpty() && !overlay.isEmpty()) {
        out.append("*Extended by the overlay* (").append(code("=/")).append(" adds alternatives).");
      } else if (e.base().isEmpty()) {
        out.append("*New rule from the overlay.*");
      } else {
        out.append("As written in the RFC.");
      }
      out.append("\n\n");

      out.append("[cols=\"1,1\",options=\"header\"]\n|===\n|ABNF |ANTLR 4\n\n");
      out.append("a|\n");
      boolean several = e.definitions().size() > 1;
      for (Definition d : e.definitions()) {
        if (several) {
          out.append('.').append(plain(d.source().fileName() + " line " + d.rule().position().line()
              + (!d.overlay() ? "" : d.incremental() ? ", overlay, adds alternatives"
                  : e.base().isEmpty() ? ", overlay" : ", overlay, replaces it"))).append('\n');
        }
        listing("abnf", d.rule().text());
      }
      out.append("a|\n");
      listing("antlr", emitted.text() + emitted.entryRule().map(x -> "\n" + x.text()).orElse(""));
      out.append("|===\n\n");

      for (Definition d : overlay) {
        d.reason().ifPresent(r -> reason(e, r));
      }
    }

    private void listing(String language, String text) {
      String body = cellListing(text.stripTrailing());
      String fence = "----";
      while (body.contains(fence)) {
        fence += "-";
      }
      out.append("[source,").append(language).append(",subs=\"specialchars\"]\n")
          .append(fence).append('\n').append(body).append('\n').append(fence).append("\n\n");
    }

    private void reason(Entry e, Reason r) {
      String shownAt = reasonShownAt.putIfAbsent(r, e.key());
      if (shownAt != null) {
        out.append("Why the overlay changes it: see <<abnf-").append(shownAt).append(">>.\n\n");
        return;
      }
      out.append("[NOTE]\n.Why the overlay changes it\n====\n");
      StringBuilder paragraph = new StringBuilder();
      for (String line : r.prose()) {
        if (line.isEmpty()) {
          flush(paragraph);
        } else {
          paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
        }
      }
      flush(paragraph);
      for (Citation c : r.citations()) {
        out.append("Cites ").append(c.url()).append('[').append(plain(sectionLabel(c.url())))
            .append(c.quote().isEmpty() ? "].\n\n" : "]:\n\n");
        if (!c.quote().isEmpty()) {
          String body = String.join("\n", c.quote());
          String fence = "....";
          while (body.contains(fence)) {
            fence += ".";
          }
          out.append(fence).append('\n').append(body).append('\n').append(fence).append("\n\n");
        }
      }
      out.append("====\n\n");
    }

    private void flush(StringBuilder paragraph) {
      if (!paragraph.isEmpty()) {
        out.append(plain(paragraph.toString())).append("\n\n");
        paragraph.setLength(0);
      }
    }

    private void mapping(Collection<Entry> entries) {
      out.append("[#name-mapping]\n== Name mapping\n\n");
      out.append("ABNF rule names become ANTLR rule names mechanically (")
          .append(code("RuleNames")).append("): split at hyphens, lower-case the leading capitals ")
          .append("of the first part, capitalise the other parts (").append(code("Request-Line"))
          .append(" becomes ").append(code("requestLine")).append(").\n\n");
      out.append("[cols=\"2,2,2\",options=\"header\"]\n|===\n|ABNF rule |ANTLR rule |References\n\n");
      for (Entry e : entries) {
        EmittedRule r = emission.rule(e.name()).orElseThrow();
        out.append("|<<abnf-").append(e.key()).append(',').append(e.name()).append(">> |")
            .append(code(r.antlrName()));
        r.entryRule().ifPresent(x -> out.append(", ").append(code(x.name())));
        out.append(" |").append(switch (r.use()) {
          case CALLED -> "call the rule";
          case TOKEN_SET -> "token set";
          case EXPANDED -> "expanded";
        }).append('\n');
      }
      out.append("|===\n");
    }
  }
}
