package org.sipstrata.spec;

import java.util.List;

/** The coverage of every section of one RFC. */
public record RfcCoverage(RfcEntry rfc, List<SectionCoverage> sections) {

  public RfcCoverage {
    sections = List.copyOf(sections);
  }

  /** The counts for one level over the whole RFC. */
  public Totals totals(Level level) {
    return Totals.of(
        sections.stream()
            .flatMap(s -> s.requirements().stream())
            .filter(r -> r.requirement().level() == level)
            .toList());
  }

  /** The valid citations of this RFC, in file and line order. */
  public List<Citation> citations() {
    return sections.stream().flatMap(s -> s.citations().stream()).toList();
  }
}
