package org.sipstrata.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sipstrata.cli.architecture.fixture.syntax.ReachesUpToTransport;
import org.sipstrata.cli.architecture.fixture.transaction.WellBehavedTransaction;
import org.sipstrata.cli.architecture.fixture.transport.FixtureTransport;
import org.sipstrata.cli.architecture.fixture.tu.SkipsTheTransactionLayer;
import org.sipstrata.cli.architecture.fixture.tu.WellBehavedTu;

@DisplayName("The layers of the stack depend downwards only")
class LayeringTest {

  private static final String FIXTURE = "org.sipstrata.cli.architecture.fixture";

  @Test
  @DisplayName("the real modules of SIP Strata follow the layering")
  void realModulesFollowTheLayering() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sipstrata");

    // The import must see the stack, or the rule below would pass vacuously.
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .as("imported packages")
        .contains("org.sipstrata.cli");

    LayeringRules.layering("org.sipstrata").check(classes);
  }

  @Nested
  @DisplayName("the rule reports deliberate violations")
  class Enforcement {

    @Test
    @DisplayName("a syntax class that references the transport layer above it is reported")
    void lowerLayerReferencingHigherLayerIsReported() {
      EvaluationResult result = evaluate(ReachesUpToTransport.class, FixtureTransport.class);

      assertThat(result.hasViolation()).isTrue();
      assertThat(result.getFailureReport().getDetails())
          .anySatisfy(line -> assertThat(line)
              .contains(ReachesUpToTransport.class.getName())
              .contains(FixtureTransport.class.getName()));
    }

    @Test
    @DisplayName("a TU class that references transport directly, bypassing transactions, is reported")
    void tuReferencingTransportIsReported() {
      EvaluationResult result = evaluate(SkipsTheTransactionLayer.class, FixtureTransport.class);

      assertThat(result.hasViolation()).isTrue();
      assertThat(result.getFailureReport().getDetails())
          .anySatisfy(line -> assertThat(line)
              .contains(SkipsTheTransactionLayer.class.getName())
              .contains(FixtureTransport.class.getName()));
    }

    @Test
    @DisplayName("a TU using the transaction layer below it, which uses transport, is accepted")
    void downwardDependenciesAreAccepted() {
      EvaluationResult result =
          evaluate(WellBehavedTu.class, WellBehavedTransaction.class, FixtureTransport.class);

      assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    private EvaluationResult evaluate(Class<?>... fixtureClasses) {
      JavaClasses classes = new ClassFileImporter().importClasses(fixtureClasses);
      return LayeringRules.layering(FIXTURE).evaluate(classes);
    }
  }
}
