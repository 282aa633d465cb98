package io.twinledger.reporting.verify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The offline verifier uses no framework, database, server, broker or native crypto: checked on its
 * compiled classes, with a rule-breaking class to show the rule reports a violation. The jar itself
 * is checked in {@code VerifierJarIT}, and the Maven enforcer bans the libraries from its
 * dependency tree.
 */
class VerifierDependenciesTest {

  /** Packages of libraries the verifier may not use, directly or through its own code. */
  static final String[] BANNED = {
    "org.springframework..",
    "org.axonframework..",
    "java.sql..",
    "javax.sql..",
    "org.postgresql..",
    "io.zonky..",
    "com.zaxxer..",
    "org.flywaydb..",
    "com.hivemq..",
    "org.conscrypt..",
    "io.grpc.netty..",
    "io.grpc.inprocess..",
    "io.netty..",
    "org.hyperledger.fabric.client..",
    "org.hyperledger.fabric.shim..",
    "org.hyperledger.fabric.contract.."
  };

  private static final ArchRule LIGHT =
      noClasses()
          .that()
          .resideInAPackage("io.twinledger.reporting..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(BANNED)
          .because("auditors run the verifier offline, with nothing but a JRE");

  @Test
  void theVerifierUsesNoBannedLibrary() {
    JavaClasses verifier =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.twinledger.reporting");
    assertThat(verifier).isNotEmpty();
    LIGHT.check(verifier);
  }

  @Test
  void theRuleReportsAVerifierClassThatOpensADatabase() {
    JavaClasses breaking = new ClassFileImporter().importClasses(RuleBreakingVerifier.class);
    assertThat(LIGHT.evaluate(breaking).hasViolation()).isTrue();
  }
}
