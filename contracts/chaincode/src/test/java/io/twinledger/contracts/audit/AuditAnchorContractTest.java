package io.twinledger.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Endorsement;
import io.twinledger.contracts.chaincode.ChaincodePeer.Submitted;
import io.twinledger.contracts.chaincode.ChaincodePeer.Validation;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.TreeHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditAnchorContract} served by the shim's chaincode server and driven over gRPC by a
 * {@link ChaincodePeer} with Fabric semantics, with creators from a test CA.
 */
class AuditAnchorContractTest {

  private static final TestMsp ORG1 = TestMsp.create("Org1MSP");
  private static final TestIdentity OPERATOR = ORG1.enrol("log-operator");
  private static final TestIdentity COLLEAGUE = ORG1.enrol("colleague");
  private static final TestIdentity STRANGER = TestMsp.create("Org2MSP").enrol("log-operator");
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.125Z");

  private ChaincodePeer peer;
  private OperatorLog log;

  @BeforeEach
  void connect() {
    peer = InProcessChaincode.connect();
    log = new OperatorLog("riverton-audit", OPERATOR).growTo(20, "reading");
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    peer.close();
  }

  @Test
  void theFirstCheckpointIsRecordedWithItsSignerAndAnEvent() {
    Submitted first = record(OPERATOR, log.record(5, T0, "[]"));

    assertThat(first.validation()).as(first.message()).isEqualTo(Validation.VALID);
    JSONObject anchored = new JSONObject(first.payload());
    assertThat(anchored.getString("logId")).isEqualTo("riverton-audit");
    assertThat(anchored.getLong("treeSize")).isEqualTo(5);
    assertThat(anchored.getString("root")).isEqualTo(log.root(5).hex());
    assertThat(anchored.getString("timestamp")).isEqualTo("2026-11-21T10:00:00.125Z");
    assertThat(anchored.getString("signerMsp")).isEqualTo("Org1MSP");
    assertThat(anchored.getString("signerId"))
        .startsWith("x509::")
        .contains("CN=log-operator")
        .contains("CN=ca.org1msp");
    assertThat(anchored.getString("txId")).isEqualTo(first.endorsement().txId());

    String stored =
        new String(
            peer.state("checkpoint~riverton-audit~00000000000000000005").orElseThrow(),
            StandardCharsets.UTF_8);
    assertThat(new JSONObject(stored).similar(anchored)).isTrue();
    assertThat(peer.state("latest~riverton-audit")).isPresent();
    assertThat(peer.stateSize()).isEqualTo(2);

    assertThat(peer.events()).hasSize(1);
    ChaincodeEvent event = peer.events().getFirst();
    assertThat(event.getEventName()).isEqualTo(AuditAnchorContract.CHECKPOINT_RECORDED);
    assertThat(event.getTxId()).isEmpty();
    assertThat(event.getPayload().toStringUtf8())
        .isEqualTo(
            "{\"logId\":\"riverton-audit\",\"treeSize\":5,\"root\":\""
                + log.root(5).hex()
                + "\",\"previousSize\":-1,\"txId\":\""
                + first.endorsement().txId()
                + "\"}");
  }

  @Test
  void consistentExtensionsAreRecordedAndQueriedInOrder() {
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    assertValid(record(OPERATOR, log.record(8, T0.plusSeconds(60), log.proof(5, 8))));
    assertValid(record(OPERATOR, log.record(13, T0.plusSeconds(120), log.proof(8, 13))));
    assertValid(record(OPERATOR, log.record(20, T0.plusSeconds(180), log.proof(13, 20))));

    JSONObject latest = evaluate("LatestCheckpoint", "riverton-audit");
    assertThat(latest.getLong("treeSize")).isEqualTo(20);
    assertThat(latest.getString("root")).isEqualTo(log.root(20).hex());
    assertThat(evaluate("CheckpointAt", "riverton-audit", "8").getString("root"))
        .isEqualTo(log.root(8).hex());

    assertThat(sizes(history("riverton-audit", "0", "9223372036854775807")))
        .containsExactly(5L, 8L, 13L, 20L);
    assertThat(sizes(history("riverton-audit", "6", "13"))).containsExactly(8L, 13L);
    assertThat(sizes(history("riverton-audit", "14", "19"))).isEmpty();
    assertThat(sizes(history("other-log", "0", "100"))).isEmpty();

    assertThat(peer.events())
        .extracting(e -> new JSONObject(e.getPayload().toStringUtf8()).getLong("previousSize"))
        .containsExactly(-1L, 5L, 8L, 13L);
  }

  @Test
  void anExtensionThatRewritesHistoryIsRefused() {
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    // The same log with leaf 2 replaced: a consistent proof of the rewritten log, and the honest
    // log's proof with the rewritten root.
    OperatorLog rewritten = new OperatorLog("riverton-audit", OPERATOR).growTo(2, "reading");
    rewritten.growTo(3, "forged").growTo(8, "reading");

    assertRefused(
        record(OPERATOR, rewritten.record(8, T0.plusSeconds(60), rewritten.proof(5, 8))),
        AnchorError.NOT_CONSISTENT,
        "not a consistent extension of log riverton-audit at 5 leaves: the proof leads to first"
            + " root");
    String[] honestProofForgedRoot = rewritten.record(8, T0.plusSeconds(60), log.proof(5, 8));
    assertRefused(
        record(OPERATOR, honestProofForgedRoot),
        AnchorError.NOT_CONSISTENT,
        "the proof leads to second root");
    assertRefused(
        record(OPERATOR, log.record(8, T0.plusSeconds(60), log.proof(5, 9))),
        AnchorError.NOT_CONSISTENT,
        "a proof from 5 to 8 leaves has");
    assertRefused(
        record(OPERATOR, log.record(8, T0.plusSeconds(60), "[]")),
        AnchorError.NOT_CONSISTENT,
        "hashes, not 0");

    assertThat(evaluate("LatestCheckpoint", "riverton-audit").getLong("treeSize")).isEqualTo(5);
    assertThat(peer.stateSize()).isEqualTo(2);
    assertThat(peer.events()).hasSize(1);
  }

  @Test
  void aSignatureThatDoesNotVerifyWithTheCreatorsKeyIsRefused() {
    String[] signedByColleague = log.record(5, T0, "[]");
    signedByColleague[4] =
        COLLEAGUE.signBase64(new Checkpoint("riverton-audit", 5, log.root(5), T0).signedContent());
    assertRefused(
        record(OPERATOR, signedByColleague),
        AnchorError.BAD_SIGNATURE,
        "the signature does not verify with the key of x509::");

    String[] otherContent = log.record(5, T0, "[]");
    otherContent[3] = T0.plusMillis(1).toString();
    assertRefused(record(OPERATOR, otherContent), AnchorError.BAD_SIGNATURE, "does not verify");

    String[] notDer = log.record(5, T0, "[]");
    notDer[4] = "AAECAwQ=";
    assertRefused(record(OPERATOR, notDer), AnchorError.BAD_SIGNATURE, "does not verify");

    assertThat(peer.stateSize()).isZero();
    assertThat(peer.events()).isEmpty();
  }

  @Test
  void aCheckpointNotNewerThanTheLastIsStaleAndTheSameOneExists() {
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    assertValid(record(OPERATOR, log.record(8, T0.plusSeconds(60), log.proof(5, 8))));

    assertRefused(
        record(OPERATOR, log.record(8, T0.plusSeconds(60), "[]")),
        AnchorError.CHECKPOINT_EXISTS,
        "log riverton-audit already has this checkpoint at 8 leaves, recorded in ");
    assertRefused(
        record(OPERATOR, log.record(5, T0, "[]")), AnchorError.CHECKPOINT_EXISTS, "at 5 leaves");
    assertRefused(
        record(OPERATOR, log.record(6, T0.plusSeconds(90), "[]")),
        AnchorError.STALE_CHECKPOINT,
        "log riverton-audit is at 8 leaves; 6 is not larger");
    OperatorLog other = new OperatorLog("riverton-audit", OPERATOR).growTo(8, "other");
    assertRefused(
        record(OPERATOR, other.record(8, T0.plusSeconds(90), "[]")),
        AnchorError.STALE_CHECKPOINT,
        "log riverton-audit already has another root at 8");
    assertRefused(
        record(OPERATOR, log.record(13, T0.plusSeconds(59), log.proof(8, 13))),
        AnchorError.STALE_CHECKPOINT,
        "is before the last one, 2026-11-21T10:01:00.125Z");

    assertThat(evaluate("LatestCheckpoint", "riverton-audit").getLong("treeSize")).isEqualTo(8);
  }

  @Test
  void aLogBelongsToTheMspOfItsFirstCheckpoint() {
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    OperatorLog foreign = new OperatorLog("riverton-audit", STRANGER).growTo(20, "reading");

    assertRefused(
        record(STRANGER, foreign.record(8, T0.plusSeconds(60), foreign.proof(5, 8))),
        AnchorError.UNAUTHORIZED_SIGNER,
        "log riverton-audit belongs to Org1MSP, not Org2MSP");
    OperatorLog colleagues = new OperatorLog("riverton-audit", COLLEAGUE).growTo(20, "reading");
    assertValid(record(COLLEAGUE, colleagues.record(8, T0.plusSeconds(60), log.proof(5, 8))));
    assertValid(
        record(
            STRANGER, new OperatorLog("org2-audit", STRANGER).growTo(3, "x").record(3, T0, "[]")));
  }

  @Test
  void theEmptyTreeIsExtendedWithoutAProof() {
    assertValid(record(OPERATOR, log.record(0, T0, "[]")));
    assertRefused(
        record(OPERATOR, log.record(3, T0, log.proof(1, 3))),
        AnchorError.INVALID_ARGUMENT,
        "was empty; a proof from the empty tree is empty");
    assertValid(record(OPERATOR, log.record(3, T0, "[]")));
    assertValid(record(OPERATOR, log.record(4, T0, log.proof(3, 4))));
  }

  @Test
  void badArgumentsAreInvalidArguments() {
    String[] good = log.record(5, T0, "[]");
    assertInvalid(with(good, 0, "Riverton"), "logId: 1 to 64 characters");
    assertInvalid(with(good, 0, "a~b"), "logId: ");
    assertInvalid(with(good, 1, "-1"), "treeSize: a tree size is a non-negative decimal number");
    assertInvalid(with(good, 1, "5.0"), "treeSize: a tree size is a non-negative decimal number");
    assertInvalid(with(good, 1, "9223372036854775808"), "treeSize: 9223372036854775808 is too");
    assertInvalid(
        with(good, 2, good[2].substring(1)), "root: a SHA-256 digest is 64 hex digits, not 63");
    assertInvalid(with(good, 2, "z".repeat(64)), "root: not a hex digest");
    assertInvalid(with(good, 3, "yesterday"), "timestamp: not an ISO-8601 UTC instant");
    assertInvalid(with(good, 4, "not base64!"), "signature: not base64");
    assertInvalid(with(good, 4, ""), "signature: not base64: the signature is empty");
    assertInvalid(with(good, 5, "{}"), "the consistency proof is not a JSON array");
    assertInvalid(with(good, 5, "[1]"), "consistency proof hash 0 is not a string");
    assertInvalid(
        with(good, 5, "[\"00\"]"), "consistency proof hash 0: a SHA-256 digest is 64 hex");
    assertInvalid(
        with(good, 5, OperatorLog.json(List.of(TreeHash.EMPTY))),
        "log riverton-audit has no checkpoint yet; its first takes an empty proof");
    assertInvalid(
        with(log.record(0, T0, "[]"), 2, log.root(1).hex()), "the root of the empty tree is");

    Endorsement missingArgument = peer.endorse(OPERATOR, "RecordCheckpoint", "riverton-audit", "5");
    assertThat(missingArgument.status()).isEqualTo(500);
    assertThat(peer.stateSize()).isZero();
  }

  @Test
  void queriesRefuseWhatIsNotThere() {
    Endorsement none = peer.endorse(OPERATOR, "LatestCheckpoint", "riverton-audit");
    assertThat(none.payload()).isEqualTo("CHECKPOINT_NOT_FOUND");
    assertThat(none.message())
        .isEqualTo("CHECKPOINT_NOT_FOUND: log riverton-audit has no checkpoint");
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    Endorsement notAtSize = peer.endorse(OPERATOR, "CheckpointAt", "riverton-audit", "6");
    assertThat(notAtSize.payload()).isEqualTo("CHECKPOINT_NOT_FOUND");
    assertThat(notAtSize.message())
        .isEqualTo("CHECKPOINT_NOT_FOUND: log riverton-audit has no checkpoint at 6 leaves");

    Endorsement backwards = peer.endorse(OPERATOR, "CheckpointHistory", "riverton-audit", "9", "8");
    assertThat(backwards.payload()).isEqualTo("INVALID_ARGUMENT");
    assertThat(backwards.message())
        .isEqualTo("INVALID_ARGUMENT: fromSize 9 is larger than toSize 8");
    assertThat(peer.endorse(OPERATOR, "CheckpointAt", "LOG", "1").payload())
        .isEqualTo("INVALID_ARGUMENT");
  }

  /**
   * Two checkpoints simulated against the same committed state both read the log's latest
   * checkpoint; once the first commits, the second fails validation instead of forking the log.
   */
  @Test
  void concurrentCheckpointsOfOneLogConflict() {
    assertValid(record(OPERATOR, log.record(5, T0, "[]")));
    Endorsement eight =
        peer.endorse(
            OPERATOR, "RecordCheckpoint", log.record(8, T0.plusSeconds(1), log.proof(5, 8)));
    Endorsement thirteen =
        peer.endorse(
            OPERATOR, "RecordCheckpoint", log.record(13, T0.plusSeconds(2), log.proof(5, 13)));
    assertThat(eight.status()).isEqualTo(200);
    assertThat(thirteen.status()).isEqualTo(200);

    assertThat(peer.commit(eight)).isEqualTo(Validation.VALID);
    assertThat(peer.commit(thirteen)).isEqualTo(Validation.MVCC_READ_CONFLICT);
    assertThat(evaluate("LatestCheckpoint", "riverton-audit").getLong("treeSize")).isEqualTo(8);
    assertThat(peer.events()).hasSize(2);
  }

  private Submitted record(TestIdentity creator, String[] args) {
    return peer.submit(creator, "RecordCheckpoint", args);
  }

  private JSONObject evaluate(String function, String... args) {
    Endorsement result = peer.endorse(OPERATOR, function, args);
    assertThat(result.status()).as(result.message()).isEqualTo(200);
    return new JSONObject(result.payload());
  }

  private JSONArray history(String logId, String from, String to) {
    Endorsement result = peer.endorse(OPERATOR, "CheckpointHistory", logId, from, to);
    assertThat(result.status()).as(result.message()).isEqualTo(200);
    return new JSONArray(result.payload());
  }

  private static List<Long> sizes(JSONArray checkpoints) {
    return checkpoints.toList().stream()
        .map(entry -> ((Number) ((java.util.Map<?, ?>) entry).get("treeSize")).longValue())
        .toList();
  }

  private void assertInvalid(String[] args, String message) {
    assertRefused(record(OPERATOR, args), AnchorError.INVALID_ARGUMENT, message);
  }

  private static void assertValid(Submitted submitted) {
    assertThat(submitted.validation()).as(submitted.message()).isEqualTo(Validation.VALID);
  }

  private static void assertRefused(Submitted submitted, AnchorError error, String message) {
    assertThat(submitted.validation()).isEqualTo(Validation.ENDORSEMENT_FAILURE);
    assertThat(submitted.status()).isEqualTo(500);
    assertThat(submitted.payload()).as(submitted.message()).isEqualTo(error.name());
    assertThat(submitted.message()).contains(message);
  }

  private static String[] with(String[] args, int index, String value) {
    String[] changed = args.clone();
    changed[index] = value;
    return changed;
  }
}
