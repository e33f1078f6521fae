package org.sipstrata.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.List;

/**
 * The citations that cover one requirement.
 *
 * <p>Implemented: an implementation or implication citation covers it. Tested: a test citation
 * does. Replaced: a later RFC replaced the text that states it ({@code replacedBy}), so it is no
 * longer in force; the replacing requirement is the one to cite. Missing: in force, and no
 * citation of any type covers it.
 */
public record RequirementCoverage(
    Requirement requirement, List<Citation> citations, Optional<Replacement> replacedBy) {

  /**
   * The later text that replaced a requirement.
   *
   * @param url the replacing section, in citation form
   * @param label "RFC 6026 §8.4"
   * @param counterpart the requirement of the replacing section that restates this one, when one
   *     does (the same words, or most of them)
   */
  public record Replacement(String url, String label, Optional<Requirement> counterpart) {
    public Replacement {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(counterpart, "counterpart");
    }

    /** "RFC 6026 §8.4 #2", or the section's label when no requirement restates the old one. */
    public String describe() {
      return counterpart.map(Requirement::label).orElse(label);
    }
  }

  public RequirementCoverage {
    citations = List.copyOf(citations);
    Objects.requireNonNull(replacedBy, "replacedBy");
  }

  /** A requirement still in force. */
  public RequirementCoverage(Requirement requirement, List<Citation> citations) {
    this(requirement, citations, Optional.empty());
  }

  public boolean replaced() {
    return replacedBy.isPresent();
  }

  public List<Citation> of(CitationType type) {
    return citations.stream().filter(c -> c.type() == type).toList();
  }

  public boolean implemented() {
    return !of(CitationType.IMPLEMENTATION).isEmpty() || !of(CitationType.IMPLICATION).isEmpty();
  }

  public boolean tested() {
    return !of(CitationType.TEST).isEmpty();
  }

  public boolean exception() {
    return !of(CitationType.EXCEPTION).isEmpty();
  }

  public boolean todo() {
    return !of(CitationType.TODO).isEmpty();
  }

  public boolean missing() {
    return citations.isEmpty() && !replaced();
  }
}
