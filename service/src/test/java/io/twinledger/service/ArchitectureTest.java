package io.twinledger.service;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.peer.RuleBreakingPeer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module dependency rules of the README's module map, checked on the compiled production
 * classes of every module. Each module owns one root package: finance-models {@code
 * io.twinledger.finance}, twin-adapter {@code .twin}, contracts {@code .contracts}, network-config
 * {@code .network}, reporting {@code .reporting}, service {@code .service}. contracts has two
 * sub-modules: the Merkle library {@code .contracts.merkle} and the chaincode, everything else. The
 * ledger's sub-modules own {@code .ledger.peer} (ledger/peer), {@code .ledger.audit}
 * (ledger/audit), {@code .ledger.token} (ledger/tokens), {@code .ledger.gateway} (ledger/gateway)
 * and the books' {@code .ledger.asset}, {@code .ledger.period}, {@code .ledger.correction}, {@code
 * .ledger.model}, {@code .ledger.pnl}, {@code .ledger.report} and {@code .ledger.store}
 * (ledger/books).
 */
class ArchitectureTest {

  private static final String MERKLE = "io.twinledger.contracts.merkle..";
  private static final String MARKET = "io.twinledger.market..";
  private static final String MARKET_SIMULATION = "io.twinledger.market.simulation..";
  private static final String PEER = "io.twinledger.ledger.peer..";
  private static final String AUDIT = "io.twinledger.ledger.audit..";
  private static final String TOKENS = "io.twinledger.ledger.token..";
  private static final String GATEWAY = "io.twinledger.ledger.gateway..";
  private static final String[] BOOKS = {
    "io.twinledger.ledger.asset..",
    "io.twinledger.ledger.bond..",
    "io.twinledger.ledger.period..",
    "io.twinledger.ledger.correction..",
    "io.twinledger.ledger.model..",
    "io.twinledger.ledger.pnl..",
    "io.twinledger.ledger.report..",
    "io.twinledger.ledger.store.."
  };

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
  void everyLedgerPackageBelongsToOneSubModule() {
    assertThat(
            classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("io.twinledger.ledger."))
                .map(p -> p.split("\\.")[3])
                .distinct())
        .as("a new ledger package must be given to peer, audit, tokens, gateway or books above")
        .allMatch(
            p ->
                List.of(
                        "peer",
                        "audit",
                        "token",
                        "gateway",
                        "asset",
                        "bond",
                        "period",
                        "correction",
                        "model",
                        "pnl",
                        "report",
                        "store")
                    .contains(p));
  }

  @Test
  void theLedgerRulesCatchAPeerThatUsesTheAuditLog() {
    JavaClasses peerWithAudit =
        new ClassFileImporter().importClasses(RuleBreakingPeer.class, AuditLog.class);
    assertThat(modules().evaluate(peerWithAudit).hasViolation())
        .as("a class in the peer's package that calls the audit log is reported")
        .isTrue();
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
        .layer("contracts-merkle")
        .definedBy(MERKLE)
        .layer("contracts-market")
        .definedBy(resideInAPackage(MARKET).and(not(resideInAPackage(MARKET_SIMULATION))))
        .layer("contracts-market-simulation")
        .definedBy(MARKET_SIMULATION)
        .layer("contracts-chaincode")
        .definedBy(resideInAPackage("io.twinledger.contracts..").and(not(resideInAPackage(MERKLE))))
        .layer("network-config")
        .definedBy("io.twinledger.network..")
        .layer("ledger-peer")
        .definedBy(PEER)
        .layer("ledger-audit")
        .definedBy(AUDIT)
        .layer("ledger-tokens")
        .definedBy(TOKENS)
        .layer("ledger-gateway")
        .definedBy(GATEWAY)
        .layer("ledger-books")
        .definedBy(BOOKS)
        .layer("reporting")
        .definedBy("io.twinledger.reporting..")
        .layer("service")
        .definedBy("io.twinledger.service..")
        .whereLayer("finance-models")
        .mayNotAccessAnyLayer()
        .whereLayer("twin-adapter")
        .mayNotAccessAnyLayer()
        .whereLayer("contracts-merkle")
        .mayNotAccessAnyLayer()
        .whereLayer("contracts-market")
        .mayNotAccessAnyLayer()
        .whereLayer("contracts-market-simulation")
        .mayOnlyAccessLayers("contracts-market")
        .whereLayer("contracts-chaincode")
        .mayOnlyAccessLayers("contracts-merkle", "contracts-market")
        .whereLayer("network-config")
        .mayNotAccessAnyLayer()
        .whereLayer("ledger-peer")
        .mayOnlyAccessLayers("network-config")
        .whereLayer("ledger-gateway")
        .mayNotAccessAnyLayer()
        .whereLayer("ledger-audit")
        .mayOnlyAccessLayers("contracts-merkle", "ledger-gateway")
        .whereLayer("ledger-tokens")
        .mayOnlyAccessLayers(
            "finance-models", "contracts-chaincode", "contracts-merkle", "ledger-gateway")
        .whereLayer("ledger-books")
        .mayOnlyAccessLayers("finance-models")
        .whereLayer("reporting")
        .mayOnlyAccessLayers(
            "ledger-books",
            "ledger-audit",
            "ledger-peer",
            "contracts-merkle",
            "contracts-market",
            "network-config",
            "twin-adapter",
            "finance-models")
        .whereLayer("service")
        .mayNotBeAccessedByAnyLayer();
  }
}
