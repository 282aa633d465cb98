package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.IntegrityCheck;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
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

  private static final String CHANNEL = ConsortiumPeerFixture.CHANNEL;

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;
  private static HikariDataSource dataSource;
  private static MspIdentity city;
  private static MspIdentity auditor;
  private static Contract anchorContract;

  @BeforeAll
  static void network() {
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    dataSource = fixture.dataSource();
    city = fixture.client();
    auditor =
        fixture.msps().organisation("IndependentAuditorMSP").orElseThrow().identity(NodeOu.CLIENT);
    String chaincode =
        fixture
            .consortium()
            .channel(CHANNEL)
            .orElseThrow()
            .chaincodeHosting("AuditAnchorContract")
            .orElseThrow()
            .name();
    anchorContract = fixture.gateway().getNetwork(CHANNEL).getContract(chaincode);
  }

  @AfterAll
  static void close() throws InterruptedException {
    fixture.close();
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
            Optional.of(new FabricCheckpointAnchor(fixture.gateway(), CHANNEL, anchorContract)),
            new LogWatch(new IntegrityCheck(dataSource, log.logId()), Clock.systemUTC()),
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
    FabricCheckpointAnchor anchor =
        new FabricCheckpointAnchor(fixture.gateway(), CHANNEL, anchorContract);
    anchor.anchor(signer.sign(honest.checkpoint(Instant.now())), Optional.empty());

    SignedCheckpoint forged =
        signer.sign(new Checkpoint("honest", 12, rewritten.root(12), Instant.now()));

    assertThatThrownBy(() -> anchor.anchor(forged, Optional.of(rewritten.consistency(9, 12))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("honest@12 was refused")
        .hasMessageContaining("not a consistent extension of log honest at 9 leaves");
  }

  /**
   * An anchoring whose answer was lost (here: the transaction submitted without waiting, as a
   * killed service leaves it) is not recorded again: the next attempt takes the receipt of the
   * recorded transaction from the ledger, and the chain holds the checkpoint once.
   */
  @Test
  void aCheckpointRecordedByAnAttemptWhoseAnswerWasLostIsNotRecordedAgain() throws Exception {
    AuditLog log = AuditLog.open(dataSource, "lost-answer");
    log.append(batches(1, 6));
    SignedCheckpoint signed =
        new CheckpointSigner(city.privateKey(), city.certificate())
            .sign(log.checkpoint(Instant.now()));
    SubmittedTransaction lost =
        anchorContract
            .newProposal(FabricCheckpointAnchor.RECORD)
            .addArguments(
                FabricCheckpointAnchor.arguments(signed, Optional.empty()).toArray(String[]::new))
            .build()
            .endorse()
            .submitAsync();
    long committedIn = lost.getStatus().getBlockNumber();

    AnchorReceipt receipt =
        new FabricCheckpointAnchor(fixture.gateway(), CHANNEL, anchorContract)
            .anchor(signed, Optional.empty());

    assertThat(receipt).isEqualTo(new AnchorReceipt(lost.getTransactionId(), committedIn));
    String history =
        new String(
            anchorContract.evaluateTransaction(
                "AuditAnchorContract:CheckpointHistory", log.logId(), "0", "100"),
            StandardCharsets.UTF_8);
    assertThat(history.split("\"txId\"", -1)).as("recorded once").hasSize(2);
  }

  /** A different checkpoint at a size the ledger holds is no lost answer: it stays refused. */
  @Test
  void anotherCheckpointAtARecordedSizeIsStillRefused() {
    AuditLog log = AuditLog.open(dataSource, "two-roots");
    log.append(batches(1, 5));
    CheckpointSigner signer = new CheckpointSigner(city.privateKey(), city.certificate());
    FabricCheckpointAnchor anchor =
        new FabricCheckpointAnchor(fixture.gateway(), CHANNEL, anchorContract);
    anchor.anchor(signer.sign(log.checkpoint(Instant.now())), Optional.empty());

    SignedCheckpoint other =
        signer.sign(new Checkpoint(log.logId(), 5, log.root(5), Instant.now().plusSeconds(1)));

    assertThatThrownBy(() -> anchor.anchor(other, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is recorded on the ledger with another root or signature");
  }

  @Test
  void aCheckpointSignedByAnotherKeyThanTheSubmittersIsRefused() {
    AuditLog log = AuditLog.open(dataSource, "other-signer");
    log.append(batches(1, 3));
    SignedCheckpoint signed =
        new CheckpointSigner(auditor.privateKey(), auditor.certificate())
            .sign(log.checkpoint(Instant.now()));

    assertThatThrownBy(
            () ->
                new FabricCheckpointAnchor(fixture.gateway(), CHANNEL, anchorContract)
                    .anchor(signed, Optional.empty()))
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
    Signer citySigner = Signers.newPrivateKeySigner(city.privateKey());
    try (Gateway offline =
        Gateway.newInstance()
            .identity(new X509Identity(city.mspId(), city.certificate()))
            .hash(Hash.SHA256)
            .connection(fixture.grpc())
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
