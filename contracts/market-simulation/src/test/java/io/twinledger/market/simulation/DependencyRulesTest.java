package io.twinledger.market.simulation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What the README's "May depend on" says, on the compiled classes: the JDK, contracts-market and
 * the solar position library only, and no package cycles (the service's architecture test checks
 * every module's packages for cycles once it depends on this one).
 */
class DependencyRulesTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.twinledger.market.simulation");

  @Test
  void dependsOnTheJdkTheMarketAndTheSolarLibraryOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.twinledger.market..", "net.e175.klaus.solarpositioning..")
        .check(CLASSES);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.twinledger.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
