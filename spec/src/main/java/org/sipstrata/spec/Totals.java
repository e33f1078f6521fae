package org.sipstrata.spec;

/**
 * Requirement counts of one level: how many there are, and how many are implemented, tested,
 * excepted, to do, replaced by a later RFC, or missing (a requirement may count in several of the
 * middle columns; a replaced one is not missing).
 */
public record Totals(
    int total, int implemented, int tested, int exception, int todo, int replaced, int missing) {

  static Totals of(Iterable<RequirementCoverage> requirements) {
    int total = 0, implemented = 0, tested = 0, exception = 0, todo = 0, replaced = 0, missing = 0;
    for (RequirementCoverage r : requirements) {
      total++;
      replaced += r.replaced() ? 1 : 0;
      implemented += r.implemented() ? 1 : 0;
      tested += r.tested() ? 1 : 0;
      exception += r.exception() ? 1 : 0;
      todo += r.todo() ? 1 : 0;
      missing += r.missing() ? 1 : 0;
    }
    return new Totals(total, implemented, tested, exception, todo, replaced, missing);
  }
}
