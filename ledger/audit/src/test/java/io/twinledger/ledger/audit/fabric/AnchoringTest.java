package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log anchored on the embedded peer configured from the consortium: the real chaincode,
 * through the real Fabric Gateway client, on PostgreSQL.
 */
class AnchoringTest {

  private static final String CHANNEL = "infra-performance";

  @TempDir static Path data;

  private static HikariDataSource dataSource;
  private static EmbeddedPeer peer;
  private static ManagedChannel grpc;
  private static Gateway gateway;
  private static MspIdentity city;
  private static Contract anchorContract;

  @BeforeAll
  static void network() {
    dataSource = TestDatabases.migrated(6);
    Consortium consortium = Consortium.twinLedger();
    MspDirectory msps = MspDirectory.openOrCreate(data.resolve("fabric"), consortium);
    peer =
        EmbeddedPeer.start(
            ConsortiumPeer.settings(
                consortium,
                msps,
                CHANNEL,
                "CityFinanceMSP",
                dataSource,
                TwinLedgerChaincode.CONTRACTS,
                TwinLedgerChaincode.DATA_TYPES,
                BatchLimits.DEFAULT));
    city = msps.organisation("CityFinanceMSP").orElseThrow().identity(NodeOu.CLIENT);
    grpc = peer.newChannel();
    gateway =
        Gateway.newInstance()
            .identity(new X509Identity(city.mspId(), city.certificate()))
            .signer(Signers.newPrivateKeySigner(city.privateKey()))
            .hash(Hash.SHA256)
            .connection(grpc)
            .connect();
    String chaincode =
        consortium
            .channel(CHANNEL)
            .orElseThrow()
            .chaincodeHosting("AuditAnchorContract")
            .orElseThrow()
            .name();
    anchorContract = gateway.getNetwork(CHANNEL).getContract(chaincode);
  }

  @AfterAll
  static void close() throws InterruptedException {
    gateway.close();
    grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    peer.close();
    dataSource.close();
  }

  @Test
  void checkpointsAreAnchoredInOrderAndTheChaincodeHoldsTheLatest() throws Exception {
    AuditLog log = AuditLog.open(dataSource, "riverton-audit");
    CheckpointBook book = new CheckpointBook(dataSource, log.logId());
    Checkpointer checkpointer =
        new Checkpointer(
            log,
            book,
            new CheckpointSigner(city.privateKey(), city.certificate()),
            Optional.of(new FabricCheckpointAnchor(anchorContract)),
            Clock.systemUTC());

    log.append(batches(1, 5));
    checkpointer.run().orElseThrow();
    log.append(batches(6, 4));
    checkpointer.run().orElseThrow();

    assertThat(book.unanchored()).isEmpty();
    SignedCheckpoint first = book.at(5).orElseThrow();
    SignedCheckpoint second = book.latestAnchored().orElseThrow();
    assertThat(second.checkpoint().treeSize()).isEqualTo(9);
    assertThat(second.anchor().orElseThrow().blockNumber())
        .isGreaterThan(first.anchor().orElseThrow().blockNumber());
    String latest =
        new String(
            anchorContract.evaluateTransaction("AuditAnchorContract:LatestCheckpoint", log.logId()),
            StandardCharsets.UTF_8);
    assertThat(latest)
        .contains("\"treeSize\":9")
        .contains(log.root(9).hex())
        .contains(second.anchor().get().txId())
        .contains("CityFinanceMSP");
  }

  /** A log rewritten after its checkpoint was anchored cannot anchor the rewrite. */
  @Test
  void aCheckpointThatDoesNotExtendTheAnchoredOneIsRefused() {
    AuditLog honest = AuditLog.open(dataSource, "honest");
    AuditLog rewritten = AuditLog.open(dataSource, "rewritten");
    honest.append(batches(1, 9));
    rewritten.append(batches(100, 12));
    CheckpointSigner signer = new CheckpointSigner(city.privateKey(), city.certificate());
    FabricCheckpointAnchor anchor = new FabricCheckpointAnchor(anchorContract);
    anchor.anchor(signer.sign(honest.checkpoint(Instant.now())), Optional.empty());

    SignedCheckpoint forged =
        signer.sign(new Checkpoint("honest", 12, rewritten.root(12), Instant.now()));

    assertThatThrownBy(() -> anchor.anchor(forged, Optional.of(rewritten.consistency(9, 12))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("honest@12 was refused")
        .hasMessageContaining("not a consistent extension of log honest at 9 leaves");
  }

  @Test
  void aCheckpointSignedByAnotherKeyThanTheSubmittersIsRefused() {
    AuditLog log = AuditLog.open(dataSource, "other-signer");
    log.append(batches(1, 3));
    MspIdentity auditor =
        MspDirectory.openOrCreate(data.resolve("fabric"), Consortium.twinLedger())
            .organisation("IndependentAuditorMSP")
            .orElseThrow()
            .identity(NodeOu.CLIENT);
    SignedCheckpoint signed =
        new CheckpointSigner(auditor.privateKey(), auditor.certificate())
            .sign(log.checkpoint(Instant.now()));

    assertThatThrownBy(
            () -> new FabricCheckpointAnchor(anchorContract).anchor(signed, Optional.empty()))
        .hasMessageContaining("the signature does not verify with the key of")
        .hasMessageContaining("O=City Finance Office");
  }

  /**
   * Fabric's {@code AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer')} is not met by the two
   * organisations' client identities: an anchor whose write set was edited by hand and re-endorsed
   * with their keys fails validation, and the forged root never reaches the world state.
   */
  @Test
  void aCheckpointEditedAndReEndorsedByTheMembersClientsIsRefused() throws Exception {
    AuditLog log = AuditLog.open(dataSource, "edited");
    log.append(batches(1, 4));
    SignedCheckpoint signed =
        new CheckpointSigner(city.privateKey(), city.certificate())
            .sign(log.checkpoint(Instant.now()));
    MspIdentity auditor =
        MspDirectory.openOrCreate(data.resolve("fabric"), Consortium.twinLedger())
            .organisation("IndependentAuditorMSP")
            .orElseThrow()
            .identity(NodeOu.CLIENT);
    Signer citySigner = Signers.newPrivateKeySigner(city.privateKey());
    try (Gateway offline =
        Gateway.newInstance()
            .identity(new X509Identity(city.mspId(), city.certificate()))
            .hash(Hash.SHA256)
            .connection(grpc)
            .connect()) {
      Proposal unsigned =
          offline
              .getNetwork(CHANNEL)
              .getContract(anchorContract.getChaincodeName())
              .newProposal(FabricCheckpointAnchor.RECORD)
              .addArguments(
                  signed.checkpoint().logId(),
                  Long.toString(signed.checkpoint().treeSize()),
                  signed.checkpoint().root().hex(),
                  signed.checkpoint().timestamp().toString(),
                  Base64.getEncoder().encodeToString(signed.signature()),
                  "[]")
              .build();
      Transaction endorsed =
          offline
              .newSignedProposal(unsigned.getBytes(), citySigner.sign(unsigned.getDigest()))
              .endorse();
      PreparedTransaction forged =
          Forgery.of(endorsed.getBytes())
              .replacingInWrites(signed.checkpoint().root().hex(), "ab".repeat(32))
              .endorsedBy(
                  new EndorserIdentity(city.mspId(), city.certificate(), city.privateKey()),
                  new EndorserIdentity(
                      auditor.mspId(), auditor.certificate(), auditor.privateKey()));
      SubmittedTransaction submitted =
          offline
              .newSignedTransaction(
                  forged.toByteArray(),
                  citySigner.sign(Forgery.sha256(forged.getEnvelope().getPayload().toByteArray())))
              .submitAsync();
      Status status =
          offline
              .newSignedCommit(submitted.getBytes(), citySigner.sign(submitted.getDigest()))
              .getStatus();

      assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }
    assertThatThrownBy(
            () ->
                anchorContract.evaluateTransaction(
                    "AuditAnchorContract:LatestCheckpoint", log.logId()))
        .isInstanceOf(GatewayException.class);
  }

  private static List<AuditLeaf> batches(long from, int count) {
    List<AuditLeaf> leaves = new ArrayList<>(count);
    for (long id = from; id < from + count; id++) {
      leaves.add(
          new ReadingBatchLeaf(
              id,
              "mqtt:test",
              1,
              Sha256.digest(Long.toString(id).getBytes(StandardCharsets.UTF_8))));
    }
    return leaves;
  }
}
