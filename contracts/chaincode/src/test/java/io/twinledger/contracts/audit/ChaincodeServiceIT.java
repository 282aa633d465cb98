package io.twinledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Submitted;
import io.twinledger.contracts.chaincode.ChaincodePeer.Validation;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged chaincode as a peer runs it for chaincode-as-a-service: the shaded jar started as
 * its own process with {@code CHAINCODE_SERVER_ADDRESS} and {@code CORE_CHAINCODE_ID_NAME}, driven
 * over gRPC by a {@link ChaincodePeer}.
 */
class ChaincodeServiceIT {

  private static final String PACKAGE_ID =
      "twinledger-audit_0.1.0:5f7c1e0b2d9a4c3e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6";
  private static final TestIdentity OPERATOR = TestMsp.create("Org1MSP").enrol("log-operator");

  private static Process chaincode;
  private static int port;

  @BeforeAll
  static void startTheJar() throws IOException {
    Path jar = Path.of(System.getProperty("chaincode.jar"));
    assertThat(jar).isRegularFile();
    port = InProcessChaincode.freePort();
    Path log = jar.resolveSibling("chaincode-service-it.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
    builder.environment().put("CORE_CHAINCODE_ID_NAME", PACKAGE_ID);
    builder.environment().put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
    chaincode = builder.start();
    try {
      InProcessChaincode.awaitListening(port, "the chaincode jar");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; its output: " + Files.readString(log), e);
    }
  }

  @AfterAll
  static void stopTheJar() throws InterruptedException {
    chaincode.destroy();
    if (!chaincode.waitFor(10, TimeUnit.SECONDS)) {
      chaincode.destroyForcibly();
    }
  }

  @Test
  void theJarServesTheContractsUnderItsPackageId() throws InterruptedException {
    try (ChaincodePeer peer = ChaincodePeer.connect("127.0.0.1", port)) {
      assertThat(peer.chaincodeName()).isEqualTo(PACKAGE_ID);
      OperatorLog log = new OperatorLog("riverton-audit", OPERATOR).growTo(12, "reading");
      Instant t0 = Instant.parse("2026-11-21T10:00:00Z");

      Submitted first = peer.submit(OPERATOR, "RecordCheckpoint", log.record(7, t0, "[]"));
      assertThat(first.validation()).as(first.message()).isEqualTo(Validation.VALID);
      Submitted forged =
          peer.submit(
              OPERATOR,
              "AuditAnchorContract:RecordCheckpoint",
              new OperatorLog("riverton-audit", OPERATOR)
                  .growTo(12, "forged")
                  .record(12, t0.plusSeconds(1), log.proof(7, 12)));
      assertThat(forged.payload()).isEqualTo("NOT_CONSISTENT");
      Submitted next =
          peer.submit(
              OPERATOR, "RecordCheckpoint", log.record(12, t0.plusSeconds(1), log.proof(7, 12)));
      assertThat(next.validation()).as(next.message()).isEqualTo(Validation.VALID);

      JSONObject latest =
          new JSONObject(peer.endorse(OPERATOR, "LatestCheckpoint", "riverton-audit").payload());
      assertThat(latest.getLong("treeSize")).isEqualTo(12);
      assertThat(peer.events()).hasSize(2);
      assertThat(
              new JSONObject(peer.endorse(OPERATOR, "TokenContract:Describe").payload())
                  .getString("name"))
          .isEqualTo("TokenContract");
    }
  }
}
