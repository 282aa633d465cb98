package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private data: hashes on the chain, values off it, collection membership enforced. */
class PrivateDataTest {

  private static PeerFixture fixture;
  private static Contract org1;
  private static Contract org2;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    org1 = contract(fixture, fixture.connect(fixture.org1Client));
    org2 = contract(fixture, fixture.connect(fixture.org2Client));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void onlyTheHashGoesOnChainAndTheValueIsStoredApart() throws Exception {
    String secret = "s3cr3t-meter-reading-4711";
    Status status =
        org1.newProposal("putPrivate")
            .addArguments("shared", "meter-1")
            .putTransient("value", secret)
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    assertThat(status.isSuccessful()).isTrue();

    Block block = fixture.channel().block(status.getBlockNumber()).orElseThrow();
    ByteString onChain = block.toByteString();
    byte[] valueHash = sha256(secret.getBytes(StandardCharsets.UTF_8));

    assertThat(onChain.toStringUtf8()).doesNotContain(secret);
    assertThat(indexOf(onChain.toByteArray(), valueHash)).isNotNegative();
    assertThat(indexOf(onChain.toByteArray(), sha256("meter-1".getBytes(StandardCharsets.UTF_8))))
        .isNotNegative();
    assertThat(storedPrivateValue("shared", "meter-1")).isEqualTo(secret);
    assertThat(text(org2.evaluateTransaction("getPrivate", "shared", "meter-1"))).isEqualTo(secret);
    assertThat(text(org1.evaluateTransaction("privateHash", "shared", "meter-1")))
        .isEqualTo(HexFormat.of().formatHex(valueHash));
  }

  @Test
  void membersOnlyCollectionsRefuseOtherOrganisationsClients() throws Exception {
    org2.newProposal("putPrivate")
        .addArguments("org2only", "k")
        .putTransient("value", "for org2 eyes")
        .build()
        .endorse()
        .submit();

    GatewayException read =
        catchThrowableOfType(
            GatewayException.class, () -> org1.evaluateTransaction("getPrivate", "org2only", "k"));
    EndorseException write =
        catchThrowableOfType(
            EndorseException.class,
            () ->
                org1.newProposal("putPrivate")
                    .addArguments("org2only", "k2")
                    .putAllTransient(Map.of("value", "x".getBytes(StandardCharsets.UTF_8)))
                    .build()
                    .endorse());

    assertThat(text(org2.evaluateTransaction("getPrivate", "org2only", "k")))
        .isEqualTo("for org2 eyes");
    assertThat(read.getStatus().getDescription())
        .contains(
            "tx creator does not have read access permission on privatedata in"
                + " chaincodeName:twinledger collectionName: org2only");
    assertThat(write.getDetails().get(0).getMessage())
        .contains("tx creator does not have write access permission on privatedata");
  }

  @Test
  void anUndefinedCollectionIsAChaincodeError() {
    GatewayException failure =
        catchThrowableOfType(
            GatewayException.class, () -> org1.evaluateTransaction("getPrivate", "nope", "k"));

    assertThat(failure.getStatus().getDescription())
        .contains("private data collection 'nope' is not defined for chaincode 'twinledger'");
  }

  private static Contract contract(PeerFixture fixture, org.hyperledger.fabric.client.Gateway g) {
    return g.getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private static String storedPrivateValue(String collection, String key) throws Exception {
    try (Connection connection = fixture.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT value FROM peer_private_data WHERE collection = ? AND key = ?")) {
      select.setString(1, collection);
      select.setBytes(2, key.getBytes(StandardCharsets.UTF_8));
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new String(rs.getBytes(1), StandardCharsets.UTF_8);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
