package io.twinledger.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rules of the README's module map, checked on the compiled production
 * classes of every module. Each module owns one root package: finance-models {@code
 * io.twinledger.finance}, twin-adapter {@code .twin}, contracts {@code .contracts}, network-config
 * {@code .network}, ledger {@code .ledger}, reporting {@code .reporting}, service {@code .service}.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.twinledger");
  }

  @Test
  void everyModuleIsOnTheClasspath() {
    assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
        .contains("finance", "twin", "contracts", "network", "ledger", "reporting", "service");
  }

  @Test
  void financeModelsUseNoFramework() {
    noClasses()
        .that()
        .resideInAPackage("io.twinledger.finance..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.axonframework..", "org.hyperledger..", "org.web3j..")
        .check(classes);
  }

  @Test
  void modulesDependOnlyAsAllowed() {
    modules().check(classes);
  }

  @Test
  void nothingDependsOnTheService() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.twinledger.service..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.twinledger.service..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.twinledger.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theRulesCatchAViolation() {
    JavaClasses service = new ClassFileImporter().importClasses(TwinLedgerApplication.class);
    ArchRule serviceMayNotBeUsed =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Service")
            .definedBy("io.twinledger.service..")
            .layer("Cli")
            .definedBy("io.twinledger.service.cli..")
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer();
    assertThat(serviceMayNotBeUsed.evaluate(service).hasViolation())
        .as("an application class that uses the CLI package is reported")
        .isTrue();
  }

  private static LayeredArchitecture modules() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("finance-models")
        .definedBy("io.twinledger.finance..")
        .layer("twin-adapter")
        .definedBy("io.twinledger.twin..")
        .layer("contracts")
        .definedBy("io.twinledger.contracts..")
        .layer("network-config")
        .definedBy("io.twinledger.network..")
        .layer("ledger")
        .definedBy("io.twinledger.ledger..")
        .layer("reporting")
        .definedBy("io.twinledger.reporting..")
        .layer("service")
        .definedBy("io.twinledger.service..")
        .whereLayer("finance-models")
        .mayNotAccessAnyLayer()
        .whereLayer("twin-adapter")
        .mayNotAccessAnyLayer()
        .whereLayer("contracts")
        .mayNotAccessAnyLayer()
        .whereLayer("network-config")
        .mayNotAccessAnyLayer()
        .whereLayer("ledger")
        .mayOnlyAccessLayers("contracts", "network-config", "finance-models")
        .whereLayer("reporting")
        .mayOnlyAccessLayers("ledger", "finance-models")
        .whereLayer("service")
        .mayNotBeAccessedByAnyLayer();
  }
}
