package org.sipstrata.spec;

import java.util.List;

/**
 * One section with every valid citation of it and the coverage of each of its requirements.
 * Citations without a quote, and quotes that contain no whole requirement and lie within none,
 * cover the section only.
 */
public record SectionCoverage(
    RfcSection section, List<Citation> citations, List<RequirementCoverage> requirements) {

  public SectionCoverage {
    citations = List.copyOf(citations);
    requirements = List.copyOf(requirements);
  }
}
