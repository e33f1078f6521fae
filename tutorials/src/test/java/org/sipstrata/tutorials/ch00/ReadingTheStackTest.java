package org.sipstrata.tutorials.ch00;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.spec.Catalog;
import org.sipstrata.spec.Finding;
import org.sipstrata.spec.Level;
import org.sipstrata.spec.Requirement;
import org.sipstrata.spec.RfcEntry;
import org.sipstrata.spec.RfcSection;
import org.sipstrata.spec.Traceability;

/** Chapter 0, "How to read this stack": the code shown in the chapter, and what it does. */
@DisplayName("Chapter 0: how to read this stack")
class ReadingTheStackTest {

  private static final Catalog CATALOG = Catalog.load();

  @Test
  @DisplayName("the catalog answers what RFC 3261 §17.1.1.2 requires")
  void lookUpTheRequirementsOfASection() {
    // tag::lookup[]
    RfcEntry rfc3261 = Catalog.load().rfc(3261).orElseThrow();
    RfcSection section = rfc3261.section("17.1.1.2").orElseThrow();
    List<Requirement> musts =
        rfc3261.requirements("17.1.1.2").stream()
            .filter(requirement -> requirement.level() == Level.MUST)
            .toList();
    // end::lookup[]

    assertThat(section.title()).isEqualTo("Formal Description");
    assertThat(section.url())
        .isEqualTo("https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2");
    assertThat(musts)
        .extracting(Requirement::text)
        .contains(
            "For any transport, the client transaction MUST start timer B with a value of 64*T1"
                + " seconds (Timer B controls transaction timeouts).");
  }

  @Test
  @DisplayName("a quote that is not in the cited section is an error naming file and line")
  void theBuildChecksEveryQuote(@TempDir Path project) throws IOException {
    // tag::citation[]
    List<String> source =
        List.of(
            "final class TimerB {",
            "  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
            "  //# For any transport, the client transaction MUST start timer B with a value",
            "  //# of 64*T1 seconds (Timer B controls transaction timeouts).",
            "  static final int MULTIPLIER = 64;",
            "",
            "  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
            "  //# The client transaction MUST start timer B with a value of 32 seconds.",
            "  static final int PARAPHRASED = 32;",
            "}");
    Path file = project.resolve("layers/transaction/src/main/java/TimerB.java");
    Files.createDirectories(file.getParent());
    Files.write(file, source);

    Traceability traceability = Traceability.scan(project, CATALOG);
    // end::citation[]

    assertThat(traceability.citations()).hasSize(2);
    assertThat(traceability.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.file()).isEqualTo("layers/transaction/src/main/java/TimerB.java");
              assertThat(error.line()).isEqualTo(7);
              assertThat(error.message()).contains("quote not found in RFC 3261 section 17.1.1.2");
            });
    assertThat(traceability.citations().get(0))
        .satisfies(good -> assertThat(traceability.isValid(good)).isTrue());
  }

  @Test
  @DisplayName("a citation of a section the RFC does not have is an error too")
  void aMissingSectionIsAnError(@TempDir Path project) throws IOException {
    Path file = project.resolve("src/test/java/Nowhere.java");
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        List.of(
            "//= https://www.rfc-editor.org/rfc/rfc3261#section-17.9",
            "//= type=test",
            "class Nowhere {}"));

    List<Finding> errors = Traceability.scan(project, CATALOG).errors();

    assertThat(errors)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.line()).isEqualTo(1);
              assertThat(error.message()).contains("RFC 3261 has no section 17.9");
            });
  }
}
