package org.sipstrata.abnf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line entry point, also run from Maven with {@code exec:java} (so it never calls
 * {@code System.exit}; on failure it throws an {@link AbnfException} whose message lists the
 * diagnostics as {@code file:line:column: severity: message}).
 *
 * <pre>
 * extract --rfc rfc3261.txt --section 25 --out rfc3261.abnf
 *     writes the ABNF of the section and its subsections; prints the rule count
 * emit --abnf a.abnf [--abnf b.abnf ...] [--overlay o.abnf ...] --start rule [--start ...]
 *      [--inline rule ...] [--allow-prose] [--max-expansion 64] --grammar Name --out dir
 *     writes dir/Name.g4 and dir/Name.rules.tsv
 * page (the options of emit) --title "Title" [--expect-grammar file.g4|classpath:path.g4] --out page.adoc
 *     writes an AsciiDoc page with every ABNF rule beside its emitted ANTLR rule (GrammarPage);
 *     with --expect-grammar, fails unless the grammar it shows is exactly that .g4 (so the page
 *     cannot silently show other options than the build used)
 * </pre>
 */
public final class AbnfTool {

  private static final Set<String> FLAGS = Set.of("--allow-prose");

  private AbnfTool() {}

  public static void main(String[] args) throws AbnfException {
    run(args, System.out, System.err);
  }

  /** Runs one command; output goes to {@code out}, warnings to {@code err}. */
  public static void run(String[] args, PrintStream out, PrintStream err) throws AbnfException {
    if (args.length == 0) {
      throw usage("no command given");
    }
    Map<String, List<String>> opts = options(args);
    switch (args[0]) {
      case "extract" -> extract(opts, out);
      case "emit" -> emit(opts, out, err);
      case "page" -> page(opts, out);
      default -> throw usage("unknown command '" + args[0] + "'");
    }
  }

  private static void extract(Map<String, List<String>> opts, PrintStream out) throws AbnfException {
    Path rfc = Path.of(one(opts, "--rfc"));
    String section = one(opts, "--section");
    Path target = Path.of(one(opts, "--out"));
    AbnfExtractor.Extraction x = AbnfExtractor.extract(rfc, section);
    write(target, x.abnf());
    out.println(x.ruleCount());
  }

  private static void emit(Map<String, List<String>> opts, PrintStream out, PrintStream err) throws AbnfException {
    List<String> abnf = all(opts, "--abnf", true);
    List<String> overlays = all(opts, "--overlay", false);
    EmitterOptions options = emitterOptions(opts);
    String grammar = options.grammarName();
    Path dir = Path.of(one(opts, "--out"));
    RuleSet rules = RuleSet.combine(abnf.stream().map(f -> AbnfReader.read(Path.of(f))).toList(),
        overlays.stream().map(f -> AbnfReader.read(Path.of(f))).toList());
    Emission emission = AntlrEmitter.emit(rules, options);
    for (Diagnostic d : emission.diagnostics()) {
      if (!d.isError() && d.severity() == Diagnostic.Severity.WARNING) {
        err.println(d);
      }
    }
    if (!emission.ok()) {
      throw new AbnfException("cannot emit grammar " + grammar + ": " + emission.errors().size() + " error(s)",
          emission.errors());
    }
    write(dir.resolve(grammar + ".g4"), emission.grammar());
    write(dir.resolve(grammar + ".rules.tsv"), emission.rulesTsv());
    out.println("wrote " + dir.resolve(grammar + ".g4") + " (" + rules.rules().size() + " rules)");
  }

  private static void page(Map<String, List<String>> opts, PrintStream out) throws AbnfException {
    List<GrammarPage.Source> bases = new ArrayList<>();
    for (String f : all(opts, "--abnf", true)) {
      bases.add(GrammarPage.Source.read(Path.of(f)));
    }
    List<GrammarPage.Source> overlays = new ArrayList<>();
    for (String f : all(opts, "--overlay", false)) {
      overlays.add(GrammarPage.Source.read(Path.of(f)));
    }
    EmitterOptions options = emitterOptions(opts);
    Path target = Path.of(one(opts, "--out"));
    GrammarPage.Page page = GrammarPage.render(one(opts, "--title"), bases, overlays, options,
        GrammarPage.catalogTitles());
    if (opts.containsKey("--expect-grammar")) {
      String where = one(opts, "--expect-grammar");
      String expected = readGrammar(where);
      if (!expected.equals(page.emission().grammar())) {
        throw new AbnfException("the grammar shown on the page differs from " + where + " at line "
            + firstDifference(expected, page.emission().grammar())
            + ": give page the --abnf, --overlay, --start and --inline arguments that built it",
            List.of());
      }
    }
    write(target, page.asciidoc());
    out.println("wrote " + target);
  }

  /** A file, or with the prefix {@code classpath:} a resource of the context class loader. */
  private static String readGrammar(String where) throws AbnfException {
    String resource = where.startsWith("classpath:") ? where.substring("classpath:".length()) : null;
    try {
      if (resource == null) {
        return Files.readString(Path.of(where), StandardCharsets.UTF_8);
      }
      try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new AbnfException("no resource " + resource + " on the class path", List.of());
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new AbnfException("cannot read " + where + ": " + e, List.of());
    }
  }

  private static int firstDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    int i = 0;
    while (i < x.length && i < y.length && x[i].equals(y[i])) {
      i++;
    }
    return i + 1;
  }

  private static EmitterOptions emitterOptions(Map<String, List<String>> opts) throws AbnfException {
    int maxExpansion = EmitterOptions.DEFAULT_MAX_EXPANSION;
    if (opts.containsKey("--max-expansion")) {
      try {
        maxExpansion = Integer.parseInt(one(opts, "--max-expansion"));
      } catch (NumberFormatException e) {
        throw usage("--max-expansion needs a number");
      }
    }
    return new EmitterOptions(one(opts, "--grammar"), all(opts, "--start", true),
        all(opts, "--inline", false), opts.containsKey("--allow-prose"), maxExpansion);
  }

  private static void write(Path file, String text) throws AbnfException {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AbnfException("cannot write " + file + ": " + e, List.of());
    }
  }

  private static Map<String, List<String>> options(String[] args) throws AbnfException {
    Map<String, List<String>> opts = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw usage("unexpected argument '" + a + "'");
      }
      if (FLAGS.contains(a)) {
        opts.computeIfAbsent(a, k -> new ArrayList<>());
        continue;
      }
      if (i + 1 >= args.length) {
        throw usage(a + " needs a value");
      }
      opts.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
    }
    return opts;
  }

  private static String one(Map<String, List<String>> opts, String name) throws AbnfException {
    List<String> v = opts.get(name);
    if (v == null || v.size() != 1) {
      throw usage(name + " must be given exactly once");
    }
    return v.get(0);
  }

  private static List<String> all(Map<String, List<String>> opts, String name, boolean required)
      throws AbnfException {
    List<String> v = opts.getOrDefault(name, List.of());
    if (required && v.isEmpty()) {
      throw usage(name + " is required");
    }
    return v;
  }

  private static AbnfException usage(String problem) {
    return new AbnfException(problem + "\nusage:\n"
        + "  extract --rfc <rfcNNNN.txt> --section <id> --out <file.abnf>\n"
        + "  emit --abnf <file> [--abnf <file>...] [--overlay <file>...] --start <rule> [--start <rule>...]\n"
        + "       [--inline <rule>...] [--allow-prose] [--max-expansion <n>] --grammar <Name> --out <dir>\n"
        + "  page (the options of emit) --title <title> [--expect-grammar <file.g4>|classpath:<path>]"
        + " --out <file.adoc>",
        List.of());
  }
}
