package org.sipstrata.abnf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Emits an ANTLR 4 parser grammar that accepts exactly what the ABNF accepts.
 *
 * <p>The contract with the code that runs the generated parser:
 * <ul>
 *   <li>The grammar is a {@code parser grammar} over one token per byte. Its {@code tokens} block
 *       declares {@code X00} … {@code XFF} in byte order, so the token type of byte {@code b}
 *       (0–255) is {@code b + 1} ({@link #tokenType(int)}); a token source turns each input byte
 *       into one token of that type. No lexer is involved, so no greedy multi-character token can
 *       change what the grammar accepts.
 *   <li>A quoted string (RFC 5234 §2.3) is case-insensitive: each letter becomes the set of its
 *       two cases. {@code %s"..."} (RFC 7405) and numeric values are case-sensitive. Value ranges and
 *       rules that denote a set of single bytes (ALPHA, DIGIT, …) are inlined as token sets; sets of
 *       more than 128 bytes are written as a complement {@code ~(…)}. Terminal values above 255
 *       match nothing at byte level (a warning).
 *   <li>Every ABNF rule becomes a parser rule named by {@link RuleNames}; each start rule {@code s}
 *       also gets {@code sEof : s EOF ;}. Rules listed for inlining are expanded at their
 *       references (they must not be recursive) but are still emitted as rules of their own.
 *   <li>{@code *x} → {@code x*}, {@code 1*x} → {@code x+}, {@code [x]} → {@code x?},
 *       {@code m*n x} → m copies then nested optionals ({@code 1*3x} → {@code x (x x?)?}).
 *       Minimums up to {@code maxExpansion} are expanded exactly (more is an error); a finite
 *       maximum above {@code maxExpansion} is emitted as unbounded, with a warning (the grammar
 *       then accepts more than the ABNF).
 *   <li>A repetition of an element that can match the empty string is rewritten to an equivalent
 *       one whose operand cannot ({@code m*n x} ≡ {@code *n x'} with x' = x without the empty
 *       string), because ANTLR rejects loops over empty alternatives.
 *   <li>Each rule is preceded by a comment with its ABNF text and a duvet citation line
 *       {@code //= <section url>}. The companion {@code .rules.tsv} lists, per line,
 *       {@code antlr-rule TAB abnf-rule TAB section-url}, after a header line.
 * </ul>
 */
public final class AntlrEmitter {

  private final RuleSet ruleSet;
  private final EmitterOptions options;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, String> names;
  private final Map<String, Optional<BitSet>> byteSets = new HashMap<>();
  private final Set<String> inline = new HashSet<>();
  private Set<String> nullableRules;
  private Rule current;
  private final List<EmittedRule> emitted = new ArrayList<>();

  private AntlrEmitter(RuleSet ruleSet, EmitterOptions options) {
    this.ruleSet = ruleSet;
    this.options = options;
    List<String> abnfNames = ruleSet.rules().stream().map(Rule::name).toList();
    this.names = RuleNames.assign(abnfNames, Set.of());
  }

  /** The token type of a byte: {@code b + 1}. */
  public static int tokenType(int b) {
    return b + 1;
  }

  /** The token name of a byte: {@code X00} … {@code XFF}. */
  public static String tokenName(int b) {
    return String.format("X%02X", b);
  }

  /** Checks the rule set for the start rules, then emits; errors leave the texts empty. */
  public static Emission emit(RuleSet ruleSet, EmitterOptions options) {
    AntlrEmitter e = new AntlrEmitter(ruleSet, options);
    e.diagnostics.addAll(ruleSet.check(options.startRules(), options.allowProse()));
    if (!options.grammarName().matches("[A-Z][A-Za-z0-9_]*")) {
      e.diagnostics.add(Diagnostic.error(Position.NONE, "grammar name '" + options.grammarName()
          + "' must be a Java class name starting with an upper-case letter"));
    }
    if (e.diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return new Emission("", "", e.diagnostics);
    }
    String[] texts = e.generate();
    boolean ok = e.diagnostics.stream().noneMatch(Diagnostic::isError);
    return new Emission(ok ? texts[0] : "", ok ? texts[1] : "", e.diagnostics,
        ok ? e.emitted : List.of());
  }

  /** The ANTLR name given to an ABNF rule by this emission's mapping (see {@link RuleNames}). */
  public static Map<String, String> ruleNames(RuleSet ruleSet) {
    return RuleNames.assign(ruleSet.rules().stream().map(Rule::name).toList(), Set.of());
  }

  private String[] generate() {
    for (String name : options.inlineRules()) {
      Optional<Rule> r = ruleSet.rule(name);
      if (r.isEmpty()) {
        diagnostics.add(Diagnostic.error(Position.NONE, "inline rule " + name + " is not defined"));
      } else {
        inline.add(r.get().key());
      }
    }
    checkInlineCycles();
    checkIndirectLeftRecursion();
    Set<String> taken = new HashSet<>(names.values());
    Map<String, String> entryNames = new java.util.LinkedHashMap<>();
    for (String start : options.startRules()) {
      String base = names.get(Rule.key(start)) + "Eof";
      String n = base;
      for (int i = 2; taken.contains(n); i++) {
        n = base + "_" + i;
      }
      taken.add(n);
      entryNames.put(Rule.key(start), n);
    }

    StringBuilder g = new StringBuilder();
    g.append("// Generated by org.sipstrata.abnf.AntlrEmitter from ABNF; do not edit.\n");
    g.append("// One token per input byte: token type = byte value + 1 (X00 = 1 ... XFF = 256).\n");
    g.append("parser grammar ").append(options.grammarName()).append(";\n\n");
    g.append("tokens {");
    for (int b = 0; b < 256; b++) {
      g.append(b % 16 == 0 ? "\n  " : " ").append(tokenName(b)).append(b < 255 ? "," : "");
    }
    g.append("\n}\n\n");

    StringBuilder tsv = new StringBuilder("antlr-rule\tabnf-rule\tsection\n");
    Map<String, EmittedRule.Entry> entries = new HashMap<>();
    for (Map.Entry<String, String> entry : entryNames.entrySet()) {
      Rule r = ruleSet.rule(entry.getKey()).orElseThrow();
      String text = entry.getValue() + "\n  : " + names.get(r.key()) + " EOF\n  ;\n";
      entries.put(r.key(), new EmittedRule.Entry(entry.getValue(), text));
      g.append("// Entry rule: the whole input is one ").append(r.name()).append(".\n");
      g.append(text).append('\n');
      tsv.append(entry.getValue()).append('\t').append(r.name()).append('\t').append(r.section()).append('\n');
    }
    for (Rule r : ruleSet.rules()) {
      current = r;
      // only the file name: the generated grammar must not depend on where the build runs
      Position at = r.position();
      String file = at.source().substring(Math.max(at.source().lastIndexOf('/'), at.source().lastIndexOf('\\')) + 1);
      g.append("// ABNF ").append(new Position(file, at.line(), at.column())).append(":\n");
      for (String line : r.text().split("\n")) {
        g.append("//   ").append(line).append('\n');
      }
      if (!r.section().isEmpty()) {
        g.append("//= ").append(r.section()).append('\n');
      }
      String text = names.get(r.key()) + "\n  : " + body(r.element()) + "\n  ;\n";
      g.append(text).append('\n');
      emitted.add(new EmittedRule(r.name(), names.get(r.key()), text,
          Optional.ofNullable(entries.get(r.key())), use(r)));
      tsv.append(names.get(r.key())).append('\t').append(r.name()).append('\t').append(r.section()).append('\n');
    }
    return new String[] {g.toString(), tsv.toString()};
  }

  /** How references to {@code r} are written (see {@link #emit(Element, int)}). */
  private EmittedRule.Use use(Rule r) {
    Optional<BitSet> set = bytes(new Element.RuleRef(r.name(), r.position()), new HashSet<>());
    if (set.isPresent() && !set.get().isEmpty()) {
      return EmittedRule.Use.TOKEN_SET;
    }
    return inline.contains(r.key()) ? EmittedRule.Use.EXPANDED : EmittedRule.Use.CALLED;
  }

  private void checkInlineCycles() {
    for (String key : inline) {
      Set<String> seen = new HashSet<>();
      java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>(List.of(key));
      while (!work.isEmpty()) {
        String k = work.poll();
        Rule r = ruleSet.ruleMap().get(k);
        if (r == null || !seen.add(k)) {
          continue;
        }
        boolean[] cycle = {false};
        Elements.walk(r.element(), e -> {
          if (e instanceof Element.RuleRef ref) {
            String t = Rule.key(ref.name());
            if (t.equals(key)) {
              cycle[0] = true;
            } else if (inline.contains(t)) {
              work.add(t);
            }
          }
        });
        if (cycle[0]) {
          Rule self = ruleSet.ruleMap().get(key);
          diagnostics.add(Diagnostic.error(self.position(), "rule " + self.name()
              + " cannot be inlined: it is recursive").inRule(self.name()));
          break;
        }
      }
    }
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      inline.clear();
    }
  }

  /**
   * ANTLR 4 rewrites direct left recursion ({@code a = a "x" / "y"}) but rejects indirect left
   * recursion ({@code a = b "x"}, {@code b = a "y"}); report that in ABNF terms, with the cycle.
   */
  private void checkIndirectLeftRecursion() {
    Map<String, Set<String>> left = new HashMap<>();
    for (Rule r : ruleSet.rules()) {
      Set<String> first = new LinkedHashSet<>();
      leftEdge(r.element(), first);
      first.remove(r.key());
      left.put(r.key(), first);
    }
    Set<String> reported = new HashSet<>();
    for (Rule r : ruleSet.rules()) {
      List<String> cycle = cycleFrom(r.key(), left);
      if (cycle != null && reported.add(new java.util.TreeSet<>(cycle).toString())) {
        List<String> spelled = cycle.stream().map(k -> ruleSet.ruleMap().get(k).name()).toList();
        diagnostics.add(Diagnostic.error(r.position(), "rules " + String.join(" -> ", spelled) + " -> "
            + r.name() + " are left-recursive through each other, which ANTLR 4 cannot parse")
            .inRule(r.name()));
      }
    }
  }

  /** A path of left edges from {@code start} back to it, or null. */
  private static List<String> cycleFrom(String start, Map<String, Set<String>> left) {
    java.util.ArrayDeque<List<String>> work = new java.util.ArrayDeque<>();
    work.add(List.of(start));
    Set<String> seen = new HashSet<>();
    while (!work.isEmpty()) {
      List<String> path = work.poll();
      for (String next : left.getOrDefault(path.get(path.size() - 1), Set.of())) {
        if (next.equals(start)) {
          return path;
        }
        if (seen.add(next)) {
          List<String> longer = new ArrayList<>(path);
          longer.add(next);
          work.add(longer);
        }
      }
    }
    return null;
  }

  /** Adds the rules that can be referenced before any byte is consumed; returns whether e is nullable. */
  private boolean leftEdge(Element e, Set<String> out) {
    switch (e) {
      case Element.RuleRef ref -> {
        if (ruleSet.ruleMap().containsKey(Rule.key(ref.name()))) {
          out.add(Rule.key(ref.name()));
        }
        return nullable(e, new HashSet<>());
      }
      case Element.Alternation a -> {
        boolean any = false;
        for (Element x : a.alternatives()) {
          any |= leftEdge(x, out);
        }
        return any;
      }
      case Element.Concatenation c -> {
        for (Element x : c.elements()) {
          if (!leftEdge(x, out)) {
            return false;
          }
        }
        return true;
      }
      case Element.Repetition r -> {
        if (r.max() == 0) {
          return true;
        }
        return leftEdge(r.element(), out) || r.min() == 0;
      }
      default -> {
        return nullable(e, new HashSet<>());
      }
    }
  }

  /**
   * A rule body: a top-level alternation that is not a byte set is written as the rule's own
   * alternatives, one per line, which is also the form in which ANTLR 4 rewrites direct left
   * recursion.
   */
  private String body(Element e) {
    if (e instanceof Element.Alternation a && bytes(e, new HashSet<>()).isEmpty()) {
      return String.join("\n  | ", alternatives(a, 0));
    }
    return emit(e, 0).text();
  }

  /** An emitted fragment; {@code atomic} when a postfix operator may follow it directly. */
  private record Frag(String text, boolean atomic) {
    static final Frag EMPTY = new Frag("", true);
    /** Matches nothing. Never the operand of a postfix operator: "{false}??" is not ANTLR. */
    static final Frag NEVER = new Frag("{false}?", false);

    boolean never() {
      return this.equals(NEVER);
    }

    boolean empty() {
      return text.isEmpty();
    }

    String operand() {
      return atomic ? text : "(" + text + ")";
    }
  }

  private Frag emit(Element e, int depth) {
    if (depth > 10 * AbnfReader.MAX_NESTING) {
      diagnostics.add(Diagnostic.error(current.position(), "inlining nests too deeply in " + current.name())
          .inRule(current.name()));
      return Frag.EMPTY;
    }
    Optional<BitSet> set = bytes(e, new HashSet<>());
    // A reference to a rule that matches no byte at all stays a reference, so that the warning is
    // given once, at that rule; every other byte set is written in place.
    boolean emptyRuleRef = e instanceof Element.RuleRef && set.isPresent() && set.get().isEmpty();
    if (set.isPresent() && !emptyRuleRef) {
      return setFrag(set.get());
    }
    return switch (e) {
      case Element.Alternation a -> alternation(a, depth);
      case Element.Concatenation c -> {
        List<String> parts = new ArrayList<>();
        Frag only = Frag.EMPTY;
        for (Element x : c.elements()) {
          Frag f = emit(x, depth + 1);
          if (f.never()) {
            yield f;
          }
          if (!f.empty()) {
            parts.add(f.text());
            only = f;
          }
        }
        yield parts.size() <= 1 ? only : new Frag(String.join(" ", parts), false);
      }
      case Element.Repetition r -> repetition(r, depth);
      case Element.RuleRef ref -> {
        String key = Rule.key(ref.name());
        Rule target = ruleSet.ruleMap().get(key);
        if (target == null) {
          yield never();
        }
        if (inline.contains(key)) {
          Frag f = emit(target.element(), depth + 1);
          yield f.empty() || f.never() ? f : new Frag(f.operand(), true);
        }
        yield new Frag(names.get(key), true);
      }
      case Element.CharVal cv -> {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cv.text().length(); i++) {
          parts.add(setFrag(cv.octetsAt(i)).text());
        }
        yield parts.isEmpty() ? Frag.EMPTY : new Frag(String.join(" ", parts), parts.size() == 1);
      }
      case Element.NumVal nv -> {
        List<String> parts = new ArrayList<>();
        for (int v : nv.values()) {
          if (v > 255) {
            yield never();
          }
          parts.add(tokenName(v));
        }
        yield new Frag(String.join(" ", parts), parts.size() == 1);
      }
      case Element.ValueRange vr -> never();
      case Element.ProseVal p -> never();
    };
  }

  /** A fragment that matches nothing: a prose-val, an undefined reference, an empty set. */
  private Frag never() {
    return Frag.NEVER;
  }

  private Frag alternation(Element.Alternation a, int depth) {
    List<String> alts = alternatives(a, depth);
    if (alts.size() == 1) {
      return alts.get(0).equals(Frag.NEVER.text()) ? Frag.NEVER : new Frag(alts.get(0), false);
    }
    return new Frag("(" + String.join(" | ", alts) + ")", true);
  }

  /** The alternatives, with those that are byte sets merged into one set where the first was. */
  private List<String> alternatives(Element.Alternation a, int depth) {
    List<String> alts = new ArrayList<>();
    BitSet merged = null;
    int setIndex = -1;
    for (Element x : a.alternatives()) {
      Optional<BitSet> s = bytes(x, new HashSet<>());
      if (s.isPresent()) {
        if (merged == null) {
          merged = new BitSet();
          setIndex = alts.size();
          alts.add("");
        }
        merged.or(s.get());
      } else {
        Frag f = emit(x, depth + 1);
        if (!f.never()) {
          alts.add(f.text());
        }
      }
    }
    if (merged != null) {
      Frag set = setFrag(merged);
      if (set.never()) {
        alts.remove(setIndex);
      } else {
        alts.set(setIndex, set.text());
      }
    }
    if (alts.isEmpty()) {
      // every alternative matches nothing
      alts.add(Frag.NEVER.text());
    }
    return alts;
  }

  private Frag repetition(Element.Repetition r, int depth) {
    int min = r.min();
    int max = r.max();
    Element operand = r.element();
    if (nullable(operand, new HashSet<>())) {
      Optional<Element> nonEmpty = nonEmpty(operand);
      if (nonEmpty.isEmpty()) {
        return Frag.EMPTY;
      }
      operand = nonEmpty.get();
      min = 0;
    }
    Frag x = emit(operand, depth + 1);
    if (x.empty() || max == 0) {
      return Frag.EMPTY;
    }
    if (x.never()) {
      return min == 0 ? Frag.EMPTY : Frag.NEVER;
    }
    String o = x.operand();
    if (min > options.maxExpansion()) {
      diagnostics.add(Diagnostic.error(current.position(), "repetition minimum " + min + " in "
          + current.name() + " is above the expansion limit " + options.maxExpansion())
          .inRule(current.name()));
      return Frag.EMPTY;
    }
    if (!r.unbounded() && max > options.maxExpansion()) {
      diagnostics.add(Diagnostic.warning(current.position(), "repetition maximum " + max + " in "
          + current.name() + " is above the expansion limit " + options.maxExpansion()
          + "; emitted as unbounded").inRule(current.name()));
      max = Element.Repetition.UNBOUNDED;
    }
    List<String> parts = new ArrayList<>();
    if (max == Element.Repetition.UNBOUNDED) {
      for (int i = 1; i < min; i++) {
        parts.add(o);
      }
      parts.add(o + (min == 0 ? "*" : "+"));
    } else {
      for (int i = 0; i < min; i++) {
        parts.add(o);
      }
      String optional = "";
      for (int i = 0; i < max - min; i++) {
        optional = optional.isEmpty() ? o + "?" : "(" + o + " " + optional + ")?";
      }
      if (!optional.isEmpty()) {
        parts.add(optional);
      }
    }
    // a postfix operator must never follow another one: "x+?" would be ANTLR's non-greedy loop
    return new Frag(String.join(" ", parts), parts.size() == 1 && parts.get(0).equals(o));
  }

  private Frag setFrag(BitSet set) {
    int n = set.cardinality();
    if (n == 0) {
      diagnostics.add(Diagnostic.warning(current.position(), "an element of " + current.name()
          + " matches no byte (terminal values above 255 cannot occur in byte input)").inRule(current.name()));
      return never();
    }
    if (n == 1) {
      return new Frag(tokenName(set.nextSetBit(0)), true);
    }
    if (n == 256) {
      // not the wildcard ".": ANTLR warns about every loop that contains one
      return new Frag("(X00 | ~X00)", true);
    }
    List<String> tokens = new ArrayList<>();
    boolean complement = n > 128;
    for (int b = 0; b < 256; b++) {
      if (set.get(b) != complement) {
        tokens.add(tokenName(b));
      }
    }
    String list = tokens.size() == 1 ? tokens.get(0) : "(" + String.join(" | ", tokens) + ")";
    return new Frag(complement ? "~" + list : list, true);
  }

  /** The bytes an element matches when it always matches exactly one byte; else empty. */
  private Optional<BitSet> bytes(Element e, Set<String> visiting) {
    return switch (e) {
      case Element.CharVal cv when cv.text().length() == 1 -> Optional.of(cv.octetsAt(0));
      case Element.NumVal nv when nv.values().size() == 1 -> {
        BitSet s = new BitSet();
        if (nv.values().get(0) <= 255) {
          s.set(nv.values().get(0));
        }
        yield Optional.of(s);
      }
      case Element.ValueRange vr -> {
        BitSet s = new BitSet();
        if (vr.low() <= 255) {
          s.set(vr.low(), Math.min(vr.high(), 255) + 1);
        }
        yield Optional.of(s);
      }
      case Element.Alternation a -> {
        BitSet s = new BitSet();
        for (Element x : a.alternatives()) {
          Optional<BitSet> xs = bytes(x, visiting);
          if (xs.isEmpty()) {
            yield Optional.empty();
          }
          s.or(xs.get());
        }
        yield Optional.of(s);
      }
      case Element.Repetition r when r.min() == 1 && r.max() == 1 -> bytes(r.element(), visiting);
      case Element.Concatenation c when c.elements().size() == 1 -> bytes(c.elements().get(0), visiting);
      case Element.RuleRef ref -> {
        String key = Rule.key(ref.name());
        Optional<BitSet> known = byteSets.get(key);
        if (known != null) {
          yield known;
        }
        Rule target = ruleSet.ruleMap().get(key);
        if (target == null || !visiting.add(key)) {
          yield Optional.empty();
        }
        Optional<BitSet> s = bytes(target.element(), visiting);
        visiting.remove(key);
        byteSets.put(key, s);
        yield s;
      }
      default -> Optional.empty();
    };
  }

  /** Whether the element can match the empty string, given which rules can. */
  private boolean nullable(Element e, Set<String> unused) {
    if (nullableRules == null) {
      // Least fixpoint over all rules: start from "none is nullable" and grow; recursion-safe.
      nullableRules = new HashSet<>();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Rule r : ruleSet.rules()) {
          if (!nullableRules.contains(r.key()) && nullableGiven(r.element())) {
            nullableRules.add(r.key());
            changed = true;
          }
        }
      }
    }
    return nullableGiven(e);
  }

  private boolean nullableGiven(Element e) {
    return switch (e) {
      case Element.Alternation a -> a.alternatives().stream().anyMatch(this::nullableGiven);
      case Element.Concatenation c -> c.elements().stream().allMatch(this::nullableGiven);
      case Element.Repetition r -> r.min() == 0 || r.max() == 0 || nullableGiven(r.element());
      case Element.CharVal cv -> cv.text().isEmpty();
      case Element.RuleRef ref -> nullableRules != null && nullableRules.contains(Rule.key(ref.name()));
      default -> false;
    };
  }

  /**
   * An element matching the same strings as {@code e} except the empty string, or empty when that
   * is no string at all. A nullable rule reference is expanded in place when the rule is not
   * recursive; a recursive one cannot be rewritten and is an error.
   */
  private Optional<Element> nonEmpty(Element e) {
    return nonEmpty(e, new LinkedHashSet<>());
  }

  private Optional<Element> nonEmpty(Element e, Set<String> expanding) {
    if (!nullable(e, new HashSet<>())) {
      return Optional.of(e);
    }
    switch (e) {
      case Element.Alternation a -> {
        List<Element> alts = new ArrayList<>();
        for (Element x : a.alternatives()) {
          nonEmpty(x, expanding).ifPresent(alts::add);
        }
        return alts.isEmpty() ? Optional.empty()
            : Optional.of(alts.size() == 1 ? alts.get(0) : new Element.Alternation(alts));
      }
      case Element.Concatenation c -> {
        // every part is nullable: some part is the first non-empty one, the rest anything
        List<Element> alts = new ArrayList<>();
        List<Element> parts = c.elements();
        for (int i = 0; i < parts.size(); i++) {
          Optional<Element> first = nonEmpty(parts.get(i), expanding);
          if (first.isEmpty()) {
            continue;
          }
          List<Element> seq = new ArrayList<>();
          seq.add(first.get());
          seq.addAll(parts.subList(i + 1, parts.size()));
          alts.add(seq.size() == 1 ? seq.get(0) : new Element.Concatenation(seq));
        }
        return alts.isEmpty() ? Optional.empty()
            : Optional.of(alts.size() == 1 ? alts.get(0) : new Element.Alternation(alts));
      }
      case Element.Repetition r -> {
        if (r.max() == 0) {
          return Optional.empty();
        }
        Optional<Element> x = nonEmpty(r.element(), expanding);
        if (x.isEmpty()) {
          return Optional.empty();
        }
        // at least one non-empty copy; empty copies are free, so the rest are non-empty too
        return Optional.of(new Element.Repetition(1, r.max(), x.get()));
      }
      case Element.RuleRef ref -> {
        String key = Rule.key(ref.name());
        Rule target = ruleSet.ruleMap().get(key);
        if (target == null || !expanding.add(key)) {
          diagnostics.add(Diagnostic.error(current.position(), "rule " + ref.name()
              + " can match the empty string and is repeated in " + current.name()
              + ", but is recursive and cannot be rewritten for ANTLR").inRule(current.name()));
          return Optional.empty();
        }
        Optional<Element> x = nonEmpty(target.element(), expanding);
        expanding.remove(key);
        return x;
      }
      case Element.CharVal cv -> {
        return Optional.empty();
      }
      default -> {
        return Optional.of(e);
      }
    }
  }
}
