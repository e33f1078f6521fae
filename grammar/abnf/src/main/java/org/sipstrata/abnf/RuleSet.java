package org.sipstrata.abnf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of rules looked up by case-insensitive name (RFC 5234 §2.1), in definition order, with the
 * diagnostics found while reading and combining its sources.
 *
 * <p>Base documents are combined first: {@code =} defines a rule (defining it twice is an error),
 * {@code =/} adds alternatives to a rule defined in any base document (RFC 5234 §3.3). Overlay
 * documents are applied next, in order: an overlay's {@code =} replaces the base rule of the same
 * name (or adds a new rule), its {@code =/} adds alternatives. Errors the base had in a rule an
 * overlay replaces become notes.
 */
public record RuleSet(Map<String, Rule> ruleMap, List<Diagnostic> diagnostics) {

  public RuleSet {
    ruleMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ruleMap));
    diagnostics = List.copyOf(diagnostics);
  }

  /** The rules of the base documents. */
  public static RuleSet of(AbnfDocument... base) {
    return combine(List.of(base), List.of());
  }

  /** The rules of the base documents with the overlays applied in order. */
  public static RuleSet combine(List<AbnfDocument> bases, List<AbnfDocument> overlays) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<AbnfDocument.Definition> increments = new ArrayList<>();
    for (AbnfDocument doc : bases) {
      diagnostics.addAll(doc.diagnostics());
      for (AbnfDocument.Definition d : doc.definitions()) {
        if (d.incremental()) {
          increments.add(d);
          continue;
        }
        Rule previous = rules.putIfAbsent(d.rule().key(), d.rule());
        if (previous != null) {
          diagnostics.add(Diagnostic.error(d.rule().position(),
              "rule " + d.rule().name() + " is already defined at " + previous.position()
                  + " (use =/ to add alternatives)").inRule(d.rule().name()));
        }
      }
    }
    for (AbnfDocument.Definition d : increments) {
      //= https://www.rfc-editor.org/rfc/rfc5234#section-3.3
      //# That is, an initial rule may match one or more
      //# alternatives, with later rule definitions adding to the set of
      //# alternatives.
      addAlternatives(rules, d.rule(), diagnostics);
    }
    for (AbnfDocument overlay : overlays) {
      List<AbnfDocument.Definition> overlayIncrements = new ArrayList<>();
      Set<String> replaced = new LinkedHashSet<>();
      for (AbnfDocument.Definition d : overlay.definitions()) {
        if (d.incremental()) {
          overlayIncrements.add(d);
        } else {
          rules.put(d.rule().key(), d.rule());
          replaced.add(d.rule().key());
        }
      }
      for (int i = 0; i < diagnostics.size(); i++) {
        Diagnostic x = diagnostics.get(i);
        if (x.isError() && x.rule().isPresent() && replaced.contains(Rule.key(x.rule().get()))) {
          Rule by = rules.get(Rule.key(x.rule().get()));
          diagnostics.set(i, new Diagnostic(Diagnostic.Severity.NOTE, x.position(),
              x.message() + " (superseded by the overlay rule at " + by.position() + ")", x.rule()));
        }
      }
      diagnostics.addAll(overlay.diagnostics());
      for (AbnfDocument.Definition d : overlayIncrements) {
        addAlternatives(rules, d.rule(), diagnostics);
      }
    }
    return new RuleSet(rules, diagnostics);
  }

  private static void addAlternatives(Map<String, Rule> rules, Rule increment, List<Diagnostic> diagnostics) {
    Rule base = rules.get(increment.key());
    if (base == null) {
      diagnostics.add(Diagnostic.error(increment.position(),
          "=/ adds alternatives to " + increment.name() + ", which is not defined")
          .inRule(increment.name()));
      return;
    }
    List<Element> alternatives = new ArrayList<>(alternativesOf(base.element()));
    alternatives.addAll(alternativesOf(increment.element()));
    rules.put(base.key(), new Rule(base.name(), new Element.Alternation(alternatives), base.position(),
        base.section(), base.text() + "\n" + increment.text()));
  }

  private static List<Element> alternativesOf(Element e) {
    return e instanceof Element.Alternation a ? a.alternatives() : List.of(e);
  }

  /** The rule with this name, ignoring case. */
  public Optional<Rule> rule(String name) {
    return Optional.ofNullable(ruleMap.get(Rule.key(name)));
  }

  /** The rules in definition order. */
  public Collection<Rule> rules() {
    return ruleMap.values();
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /**
   * Checks the rule set for use from the given start rules and returns all diagnostics (those of
   * reading and combining, then these): a start rule that is not defined (error); a reference to an
   * undefined rule (error when reachable from a start rule, warning otherwise); a prose-val (error
   * when reachable, unless {@code allowProse}, then a warning); a rule unreachable from the start
   * rules (warning, only when start rules are given).
   */
  public List<Diagnostic> check(List<String> startRules, boolean allowProse) {
    List<Diagnostic> out = new ArrayList<>(diagnostics);
    Set<String> reachable = reachableFrom(startRules);
    for (String start : startRules) {
      boolean failedToParse = diagnostics.stream()
          .anyMatch(d -> d.isError() && d.rule().map(Rule::key).equals(java.util.Optional.of(Rule.key(start))));
      if (rule(start).isEmpty() && !failedToParse) {
        out.add(Diagnostic.error(new Position("<start>", 0, 0), "start rule " + start + " is not defined"));
      }
    }
    boolean all = startRules.isEmpty();
    for (Rule r : ruleMap.values()) {
      boolean live = all || reachable.contains(r.key());
      Elements.walk(r.element(), e -> {
        if (e instanceof Element.RuleRef ref && !ruleMap.containsKey(Rule.key(ref.name()))) {
          String msg = "rule " + ref.name() + " is referenced by " + r.name() + " but never defined";
          out.add((live ? Diagnostic.error(ref.position(), msg) : Diagnostic.warning(ref.position(), msg))
              .inRule(r.name()));
        } else if (e instanceof Element.ProseVal prose) {
          String msg = "prose-val <" + prose.text() + "> in " + r.name()
              + " has no machine meaning; define the rule in an overlay";
          out.add((live && !allowProse ? Diagnostic.error(prose.position(), msg)
              : Diagnostic.warning(prose.position(), msg)).inRule(r.name()));
        }
      });
      if (!live) {
        out.add(Diagnostic.warning(r.position(), "rule " + r.name() + " is not reachable from "
            + (startRules.size() == 1 ? "the start rule " + startRules.get(0) : "any start rule"))
            .inRule(r.name()));
      }
    }
    return out;
  }

  /** Keys of the rules reachable from the start rules (including them). */
  public Set<String> reachableFrom(List<String> startRules) {
    Set<String> seen = new LinkedHashSet<>();
    java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>();
    for (String s : startRules) {
      work.add(Rule.key(s));
    }
    while (!work.isEmpty()) {
      String k = work.poll();
      Rule r = ruleMap.get(k);
      if (r == null || !seen.add(k)) {
        continue;
      }
      Elements.walk(r.element(), e -> {
        if (e instanceof Element.RuleRef ref) {
          work.add(Rule.key(ref.name()));
        }
      });
    }
    return seen;
  }
}
