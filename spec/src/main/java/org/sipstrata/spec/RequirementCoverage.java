package org.sipstrata.spec;

import java.util.List;

/**
 * The citations that cover one requirement.
 *
 * <p>Implemented: an implementation or implication citation covers it. Tested: a test citation
 * does. Missing: no citation of any type does.
 */
public record RequirementCoverage(Requirement requirement, List<Citation> citations) {

  public RequirementCoverage {
    citations = List.copyOf(citations);
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
    return citations.isEmpty();
  }
}
