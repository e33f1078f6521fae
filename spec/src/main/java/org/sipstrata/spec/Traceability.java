package org.sipstrata.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sipstrata.spec.internal.CitationScanner;
import org.sipstrata.spec.internal.UpdatedSections;

/**
 * The citations of a source tree checked against the catalog, and the coverage they give.
 *
 * <p>Errors: a malformed URL, an RFC that is not in the catalog, a section that does not exist, a
 * quote that is not in its section, an unknown type or key, an exception without a reason.
 * Warnings: a citation of an RFC 3261 section whose text a later RFC changed.
 *
 * <p>A quote covers a requirement of its section when one contains the other, by position: the
 * quote and the section text are normalised ({@link RfcSection#normalize(String)}); the quote
 * occupies each place [qs, qe) where it occurs in the section text, the requirement sentence the
 * place [rs, re) where it was extracted; the requirement is covered when, for some occurrence, [rs,
 * re) lies within [qs, qe) (the quote contains the sentence) or [qs, qe) lies within [rs, re) (the
 * sentence contains the quote). A quote that starts in one sentence and ends in the next covers
 * only the sentences it contains whole. A citation without a quote covers the section, not its
 * requirements.
 */
public final class Traceability {

  /** The RFCs this project implements: reported even where nothing cites them yet. */
  public static final List<Integer> CORE_RFCS = List.of(3261, 3581, 6026);

  private final Catalog catalog;
  private final List<Citation> citations;
  private final List<Finding> findings;
  private final Set<Citation> valid;

  private Traceability(
      Catalog catalog, List<Citation> citations, List<Finding> findings, Set<Citation> valid) {
    this.catalog = catalog;
    this.citations = List.copyOf(citations);
    this.findings = findings.stream().sorted(Finding.ORDER).toList();
    this.valid = valid;
  }

  /** Scans the sources under {@code root} and checks every citation. */
  public static Traceability scan(Path root, Catalog catalog) {
    CitationScanner.Result scan = CitationScanner.scan(root);
    return check(scan.citations(), scan.findings(), catalog);
  }

  /** Checks citations found elsewhere; {@code findings} are problems already known. */
  public static Traceability check(
      List<Citation> citations, List<Finding> findings, Catalog catalog) {
    List<Finding> all = new ArrayList<>(findings);
    for (Citation c : citations) {
      all.addAll(check(c, catalog));
    }
    Set<String> errorPlaces = new HashSet<>();
    for (Finding f : all) {
      if (f.error()) {
        errorPlaces.add(f.file() + ":" + f.line());
      }
    }
    Set<Citation> valid = new HashSet<>();
    for (Citation c : citations) {
      if (!errorPlaces.contains(c.location())) {
        valid.add(c);
      }
    }
    return new Traceability(catalog, citations, all, valid);
  }

  private static List<Finding> check(Citation c, Catalog catalog) {
    List<Finding> out = new ArrayList<>();
    if (c.rfc() == 0) {
      return out; // malformed URL, reported by the scanner
    }
    Optional<RfcEntry> rfc = catalog.rfc(c.rfc());
    if (rfc.isEmpty()) {
      out.add(Finding.error(c.file(), c.line(), "RFC " + c.rfc() + " is not in the catalog"));
      return out;
    }
    Optional<RfcSection> section = rfc.get().section(c.section());
    if (section.isEmpty()) {
      String kind = Character.isLetter(c.section().charAt(0)) ? "appendix " : "section ";
      out.add(
          Finding.error(c.file(), c.line(), "RFC " + c.rfc() + " has no " + kind + c.section()));
      return out;
    }
    String text = section.get().normalizedText();
    if (c.hasQuote() && !text.contains(c.quote())) {
      out.add(
          Finding.error(
              c.file(),
              c.line(),
              "quote not found in RFC "
                  + c.rfc()
                  + " section "
                  + c.section()
                  + ": "
                  + mismatch(c.quote(), text)));
      return out;
    }
    List<UpdatedSections.Update> updates = UpdatedSections.affecting(section.get(), c.quote());
    if (!updates.isEmpty()) {
      StringBuilder m =
          new StringBuilder("RFC " + c.rfc() + " section " + c.section() + " was changed by ");
      for (int i = 0; i < updates.size(); i++) {
        UpdatedSections.Update u = updates.get(i);
        m.append(i == 0 ? "" : "; ")
            .append(u.label())
            .append(" (")
            .append(u.change())
            .append(", ")
            .append(u.url())
            .append(')');
      }
      m.append(": check that the cited text is still in force");
      out.add(Finding.warning(c.file(), c.line(), m.toString()));
    }
    return out;
  }

  /** Where a quote stops matching: the longest prefix (in words) found, and what follows each. */
  static String mismatch(String quote, String text) {
    String[] words = quote.split(" ");
    int matched = 0;
    int at = -1;
    String prefix = "";
    for (int k = 1; k <= words.length; k++) {
      String candidate = String.join(" ", java.util.Arrays.copyOf(words, k));
      int i = text.indexOf(candidate);
      if (i < 0) {
        break;
      }
      matched = k;
      at = i;
      prefix = candidate;
    }
    if (matched == 0) {
      return "no part of \"" + clip(quote, 60) + "\" is in the section";
    }
    String quoteRest = quote.substring(prefix.length()).strip();
    String textRest = text.substring(at + prefix.length()).strip();
    return "matches up to \"…"
        + tail(prefix, 40)
        + "\", then the quote has \""
        + clip(quoteRest, 40)
        + "\" where the section has \""
        + clip(textRest, 40)
        + "\"";
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "…";
  }

  private static String tail(String s, int n) {
    return s.length() <= n ? s : s.substring(s.length() - n);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Every citation found, valid or not. */
  public List<Citation> citations() {
    return citations;
  }

  /** Every finding, errors and warnings, in file and line order. */
  public List<Finding> findings() {
    return findings;
  }

  public List<Finding> errors() {
    return findings.stream().filter(Finding::error).toList();
  }

  public List<Finding> warnings() {
    return findings.stream().filter(f -> !f.error()).toList();
  }

  /** Whether this citation passed every check (only valid citations count for coverage). */
  public boolean isValid(Citation citation) {
    return valid.contains(citation);
  }

  /** The RFCs to report: those given and every RFC with a valid citation, ascending. */
  public List<Integer> reportedRfcs(Collection<Integer> always) {
    Set<Integer> rfcs = new TreeSet<>();
    for (int r : always) {
      if (catalog.rfc(r).isPresent()) {
        rfcs.add(r);
      }
    }
    for (Citation c : citations) {
      if (isValid(c)) {
        rfcs.add(c.rfc());
      }
    }
    return List.copyOf(rfcs);
  }

  /** The coverage of one catalog RFC by the valid citations. */
  public Optional<RfcCoverage> coverage(int rfcNumber) {
    Optional<RfcEntry> entry = catalog.rfc(rfcNumber);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    RfcEntry rfc = entry.get();
    List<SectionCoverage> sections = new ArrayList<>();
    for (RfcSection section : rfc.sections()) {
      List<Citation> cited =
          citations.stream()
              .filter(c -> isValid(c) && c.rfc() == rfcNumber && c.section().equals(section.id()))
              .sorted(
                  java.util.Comparator.comparing(Citation::file).thenComparingInt(Citation::line))
              .toList();
      sections.add(replaced(coverage(section, rfc.requirements(section.id()), cited)));
    }
    return Optional.of(new RfcCoverage(rfc, sections));
  }

  /** Marks the requirements whose text a later RFC replaced (see {@link UpdatedSections}). */
  private SectionCoverage replaced(SectionCoverage s) {
    String text = s.section().normalizedText();
    List<RequirementCoverage> out = new ArrayList<>();
    int from = 0;
    for (RequirementCoverage r : s.requirements()) {
      int rs = text.indexOf(r.requirement().text(), from);
      int re = rs < 0 ? -1 : rs + r.requirement().text().length();
      if (rs >= 0) {
        from = re;
      }
      Optional<UpdatedSections.Update> update = UpdatedSections.replacing(s.section(), rs, re);
      out.add(
          update.isEmpty()
              ? r
              : new RequirementCoverage(
                  r.requirement(), r.citations(), Optional.of(replacement(r, update.get()))));
    }
    return new SectionCoverage(s.section(), s.citations(), out);
  }

  private RequirementCoverage.Replacement replacement(
      RequirementCoverage r, UpdatedSections.Update u) {
    List<Requirement> candidates =
        catalog.rfc(u.rfc()).map(e -> e.requirements(u.updatingSection())).orElse(List.of());
    return new RequirementCoverage.Replacement(
        u.url(), "RFC " + u.rfc() + " §" + u.updatingSection(), restating(r.requirement(), candidates));
  }

  /**
   * The candidate that restates {@code old}: the one sharing the largest part of its words
   * (Jaccard index over lower-case words), if that part is at least two thirds.
   */
  static Optional<Requirement> restating(Requirement old, List<Requirement> candidates) {
    Set<String> a = words(old.text());
    Requirement best = null;
    double bestScore = 0;
    for (Requirement c : candidates) {
      Set<String> b = words(c.text());
      Set<String> both = new HashSet<>(a);
      both.retainAll(b);
      Set<String> either = new HashSet<>(a);
      either.addAll(b);
      double score = either.isEmpty() ? 0 : (double) both.size() / either.size();
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return bestScore >= 2.0 / 3 ? Optional.of(best) : Optional.empty();
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9*]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Matches the citations of one section to its requirements (see the class comment). */
  public static SectionCoverage coverage(
      RfcSection section, List<Requirement> requirements, List<Citation> citations) {
    String text = section.normalizedText();
    List<RequirementCoverage> out = new ArrayList<>();
    int from = 0;
    for (Requirement r : requirements) {
      int rs = text.indexOf(r.text(), from);
      int re = rs < 0 ? -1 : rs + r.text().length();
      if (rs >= 0) {
        from = re;
      }
      List<Citation> covering = new ArrayList<>();
      for (Citation c : citations) {
        if (c.hasQuote() && covers(text, c.quote(), r.text(), rs, re)) {
          covering.add(c);
        }
      }
      out.add(new RequirementCoverage(r, covering));
    }
    return new SectionCoverage(section, citations, out);
  }

  private static boolean covers(String text, String quote, String sentence, int rs, int re) {
    if (rs < 0) {
      // The sentence could not be placed in the text; fall back to plain containment.
      return quote.contains(sentence) || sentence.contains(quote);
    }
    for (int qs = text.indexOf(quote); qs >= 0; qs = text.indexOf(quote, qs + 1)) {
      int qe = qs + quote.length();
      if ((qs <= rs && re <= qe) || (rs <= qs && qe <= re)) {
        return true;
      }
    }
    return false;
  }
}
