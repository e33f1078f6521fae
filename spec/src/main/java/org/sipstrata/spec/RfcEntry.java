package org.sipstrata.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.spec.internal.RequirementExtractor;

/**
 * One RFC of the catalog: its sections and the requirements extracted from them.
 *
 * @param document the RFC's sections
 * @param requirements every requirement, in document order
 */
public record RfcEntry(RfcDocument document, List<Requirement> requirements) {

  public RfcEntry {
    Objects.requireNonNull(document, "document");
    requirements = List.copyOf(requirements);
  }

  /**
   * Extracts the requirements of every section of {@code document} (see {@link
   * RequirementExtractor}).
   */
  public static RfcEntry extract(RfcDocument document) {
    List<Requirement> all = new ArrayList<>();
    for (RfcSection section : document.sections()) {
      all.addAll(RequirementExtractor.extract(section));
    }
    return new RfcEntry(document, all);
  }

  public int rfc() {
    return document.rfc();
  }

  public String title() {
    return document.title();
  }

  public List<RfcSection> sections() {
    return document.sections();
  }

  public Optional<RfcSection> section(String id) {
    return document.section(id);
  }

  /** The requirements of one section, in order. */
  public List<Requirement> requirements(String sectionId) {
    return requirements.stream().filter(r -> r.section().equals(sectionId)).toList();
  }

  /** How many requirements have this level. */
  public long count(Level level) {
    return requirements.stream().filter(r -> r.level() == level).count();
  }
}
