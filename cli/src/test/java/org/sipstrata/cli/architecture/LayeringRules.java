package org.sipstrata.cli.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The layering of DESIGN.md "The stack" as an ArchUnit rule: dependencies point down only
 * (tu → transaction → transport → syntax → grammar → spec), a layer calls only the layer directly
 * below it plus the shared vocabulary of syntax, and the TU never reaches transport directly.
 *
 * <p>The rule is built for a root package so that the same rule can be run against the real
 * {@code org.sipstrata} packages and against small deliberately-violating fixture packages.
 */
final class LayeringRules {

  private LayeringRules() {}

  /** The layering rule over the packages {@code <root>.spec..} … {@code <root>.cli..}. */
  static ArchRule layering(String root) {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            // Layers without classes yet (later issues fill them) must not fail the rule.
            .withOptionalLayers(true)
            .layer("spec").definedBy(root + ".spec..")
            .layer("abnf").definedBy(root + ".abnf..")
            .layer("grammar").definedBy(root + ".grammar..")
            .layer("syntax").definedBy(root + ".syntax..")
            .layer("transport").definedBy(root + ".transport..")
            .layer("transaction").definedBy(root + ".transaction..")
            .layer("tu").definedBy(root + ".tu..")
            .layer("cli").definedBy(root + ".cli..");
    return layers
        .whereLayer("spec").mayNotAccessAnyLayer()
        // The ABNF tool is a build-time generator; the runtime grammar does not depend on it.
        .whereLayer("abnf").mayOnlyAccessLayers("spec")
        .whereLayer("grammar").mayOnlyAccessLayers("spec")
        .whereLayer("syntax").mayOnlyAccessLayers("grammar", "spec")
        .whereLayer("transport").mayOnlyAccessLayers("syntax")
        .whereLayer("transaction").mayOnlyAccessLayers("transport", "syntax")
        // The TU reaches the network only through transactions (RFC 3261 §17 and the transaction
        // layer's stateless path), so transport is deliberately absent here.
        .whereLayer("tu").mayOnlyAccessLayers("transaction", "syntax")
        .because("DESIGN.md \"The stack\": dependencies point down only, "
            + "and a layer calls only the layer directly below it (syntax is the shared vocabulary)");
  }
}
