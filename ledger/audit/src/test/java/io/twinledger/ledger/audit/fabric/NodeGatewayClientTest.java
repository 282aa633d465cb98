package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.audit.AuditAnchorContract;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.peer.TlsSettings;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.ledger.peer.fixture.TlsAuthority;
import io.twinledger.ledger.peer.fixture.TlsIdentity;
import io.twinledger.network.msp.CertificateAuthority;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded peer, with the real audit-anchor chaincode, as Hyperledger's own Node.js Fabric
 * Gateway client sees it over the peer's TCP port: evaluate, submit and wait for the commit status,
 * read chaincode events, and the refusals a Fabric peer gives to an identity from an unknown CA, a
 * certificate presented under another MSP id, a signature by the wrong key and a transaction whose
 * endorsements do not meet the policy.
 */
class NodeGatewayClientTest {

  private static final String CHANNEL = ConsortiumPeerFixture.CHANNEL;
  private static final String CHAINCODE = "twinledger-anchor";

  /** Fabric's gateway code for a proposal its endorser refuses before running it. */
  private static final int FAILED_PRECONDITION = io.grpc.Status.Code.FAILED_PRECONDITION.value();

  private static final int UNAVAILABLE = io.grpc.Status.Code.UNAVAILABLE.value();
  private static final AtomicInteger LOGS = new AtomicInteger();
  private static final TlsAuthority TLS_CA = TlsAuthority.create("CityFinanceMSP", "cityfinance");
  private static final TlsAuthority CLIENT_TLS_CA =
      TlsAuthority.create("CityFinanceMSP", "clients.cityfinance");

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;
  private static int port;
  private static int mutualPort;
  private static MspIdentity city;

  @BeforeAll
  static void network() {
    NodeGatewayClient.assumeInstalled();
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    TlsSettings server = TLS_CA.issueLoopbackServer("peer0.cityfinance").serverSettings();
    port = fixture.peer().serveTls(0, server);
    mutualPort =
        fixture
            .peer()
            .serveTls(0, server.requireClientCertificates(List.of(CLIENT_TLS_CA.certificate())));
    city = fixture.client();
  }

  @AfterAll
  static void close() throws InterruptedException {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void evaluatesSubmitsWaitsForCommitAndReadsTheChaincodesEvents() {
    String logId = "node-" + LOGS.incrementAndGet();

    List<JSONObject> results =
        NodeGatewayClient.steps(
            config(NodeGatewayClient.identity(city)),
            step("evaluate").put("fn", "org.hyperledger.fabric:GetMetadata"),
            submit(logId),
            step("evaluate")
                .put("fn", "AuditAnchorContract:LatestCheckpoint")
                .put("args", new JSONArray(List.of(logId))),
            step("chaincodeEvents").put("startBlock", 0).put("count", 1));

    assertThat(results).allSatisfy(r -> assertThat(r.getBoolean("ok")).as(r.toString()).isTrue());
    assertThat(results.get(0).getString("result")).contains("\"AuditAnchorContract\"");
    JSONObject submitted = results.get(1);
    assertThat(submitted.getBoolean("successful")).isTrue();
    assertThat(submitted.getInt("validationCode")).isEqualTo(TxValidationCode.VALID_VALUE);
    String txId = submitted.getString("txId");
    long block = submitted.getLong("blockNumber");
    assertThat(fixture.peer().channel(CHANNEL).height()).isGreaterThan(block);
    JSONObject latest = new JSONObject(results.get(2).getString("result"));
    assertThat(latest.getString("txId")).isEqualTo(txId);
    assertThat(latest.getString("signerMsp")).isEqualTo("CityFinanceMSP");
    JSONObject event = results.get(3).getJSONArray("events").getJSONObject(0);
    assertThat(event.getString("name")).isEqualTo(AuditAnchorContract.CHECKPOINT_RECORDED);
    assertThat(event.getLong("blockNumber")).isLessThanOrEqualTo(block);
  }

  @Test
  void readsBlocksWholeAndFilteredAndResumesFromACheckpoint() {
    // Two transactions, each waited for: at least two blocks, so that a resumed reader has one.
    JSONObject submitted =
        NodeGatewayClient.steps(
                config(NodeGatewayClient.identity(city)),
                submit("node-" + LOGS.incrementAndGet()),
                submit("node-" + LOGS.incrementAndGet()))
            .getLast();
    long block = submitted.getLong("blockNumber");

    List<JSONObject> results =
        NodeGatewayClient.steps(
            config(NodeGatewayClient.identity(city)),
            step("blockEvents").put("startBlock", 0).put("count", block + 1),
            step("blockEvents").put("startBlock", block).put("count", 1).put("filtered", true),
            step("checkpointedBlockEvents").put("count", 1));

    assertThat(results).allSatisfy(r -> assertThat(r.getBoolean("ok")).as(r.toString()).isTrue());
    JSONArray blocks = results.get(0).getJSONArray("blocks");
    assertThat(blocks.length()).isEqualTo(block + 1);
    for (int n = 0; n <= block; n++) {
      JSONObject read = blocks.getJSONObject(n);
      Block stored = fixture.peer().channel(CHANNEL).block(n).orElseThrow();
      assertThat(read.getLong("number")).isEqualTo(n);
      assertThat(read.getString("dataHash"))
          .isEqualTo(HexFormat.of().formatHex(stored.getHeader().getDataHash().toByteArray()));
      assertThat(read.getString("previousHash"))
          .isEqualTo(HexFormat.of().formatHex(stored.getHeader().getPreviousHash().toByteArray()));
    }
    JSONObject filtered = results.get(1).getJSONArray("blocks").getJSONObject(0);
    assertThat(filtered.getString("channel")).isEqualTo(CHANNEL);
    assertThat(filtered.getJSONArray("transactions").toList())
        .anySatisfy(
            tx ->
                assertThat(tx.toString())
                    .contains(submitted.getString("txId"))
                    .contains("validationCode=" + TxValidationCode.VALID_VALUE));
    JSONObject resumed = results.get(2);
    assertThat(resumed.getJSONArray("first").toList()).containsExactly(0);
    assertThat(resumed.getJSONArray("resumed").toList()).containsExactly(1);
  }

  @Test
  void overMutualTlsAClientWithACertificateOfTheClientCaSubmitsAndReadsBlocks() {
    TlsIdentity tls = CLIENT_TLS_CA.issueClient("client.cityfinance");
    JSONObject mutual =
        config(NodeGatewayClient.identity(city))
            .put(
                "peer",
                peer(mutualPort)
                    .put("clientCert", NodeGatewayClient.pem(tls.certificate()))
                    .put("clientKey", NodeGatewayClient.pem(tls.privateKey())));

    List<JSONObject> results =
        NodeGatewayClient.steps(
            mutual,
            submit("node-" + LOGS.incrementAndGet()),
            step("blockEvents").put("startBlock", 0).put("count", 1).put("filtered", true));

    assertThat(results).allSatisfy(r -> assertThat(r.getBoolean("ok")).as(r.toString()).isTrue());
    assertThat(results.getFirst().getBoolean("successful")).isTrue();
  }

  @Test
  void overMutualTlsAClientWithoutACertificateIsRefused() {
    JSONObject refused =
        NodeGatewayClient.steps(
                config(NodeGatewayClient.identity(city)).put("peer", peer(mutualPort)),
                step("evaluate").put("fn", "org.hyperledger.fabric:GetMetadata"))
            .getFirst();

    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getInt("code")).isEqualTo(UNAVAILABLE);
  }

  @Test
  void aClientThatDoesNotTrustThePeersTlsCaCannotConnect() {
    TlsAuthority other = TlsAuthority.create("CityFinanceMSP", "elsewhere");
    JSONObject refused =
        NodeGatewayClient.steps(
                config(NodeGatewayClient.identity(city))
                    .put(
                        "peer",
                        peer(port).put("tlsCaCert", NodeGatewayClient.pem(other.certificate()))),
                step("evaluate").put("fn", "org.hyperledger.fabric:GetMetadata"))
            .getFirst();

    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getInt("code")).isEqualTo(UNAVAILABLE);
  }

  /** The benchmark's client signs with Node's OpenSSL; the peer takes its signatures. */
  @Test
  void aClientSigningWithNodesOpenSslSubmitsAsWell() {
    JSONObject submitted =
        NodeGatewayClient.steps(
                config(NodeGatewayClient.identity(city).put("signer", "native")),
                submit("node-" + LOGS.incrementAndGet()))
            .getFirst();

    assertThat(submitted.getBoolean("ok")).as(submitted.toString()).isTrue();
    assertThat(submitted.getBoolean("successful")).isTrue();
  }

  @Test
  void anIdentityFromACaOutsideTheConsortiumIsRefused() {
    Instant now = Instant.now();
    MspIdentity stranger =
        CertificateAuthority.create(
                "CityFinanceMSP",
                "City Finance Office",
                "cityfinance.twinledger.example",
                now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.DAYS))
            .issue(
                "impostor",
                NodeOu.CLIENT,
                now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.DAYS));

    JSONObject refused = evaluateMetadataAs(NodeGatewayClient.identity(stranger));

    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getInt("code")).isEqualTo(FAILED_PRECONDITION);
    assertThat(refused.getString("message"))
        .contains("creator identity is not valid")
        .contains("was not issued by CityFinanceMSP's CA");
  }

  @Test
  void aCertificatePresentedUnderAnotherMspIdIsRefused() {
    JSONObject refused = evaluateMetadataAs(NodeGatewayClient.identity("WaterUtilityMSP", city));

    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getInt("code")).isEqualTo(FAILED_PRECONDITION);
    assertThat(refused.getString("message"))
        .contains("creator identity is not valid")
        .contains("WaterUtilityMSP");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    MspIdentity auditor = client("IndependentAuditorMSP");
    JSONObject forged =
        NodeGatewayClient.identity(city)
            .put("signingKey", NodeGatewayClient.pem(auditor.privateKey()));

    JSONObject refused = evaluateMetadataAs(forged);

    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(refused.getInt("code")).isEqualTo(FAILED_PRECONDITION);
    assertThat(refused.getString("message")).contains("proposal signature of CityFinanceMSP");
  }

  /**
   * The anchor's policy needs the log operator and the auditor; endorsed by the city alone, the
   * transaction is ordered and then marked invalid, as on Fabric.
   */
  @Test
  void aTransactionWhoseEndorsementsMissThePolicyCommitsAsInvalid() {
    String logId = "node-" + LOGS.incrementAndGet();

    JSONObject submitted =
        NodeGatewayClient.steps(
                config(NodeGatewayClient.identity(city)),
                submit(logId)
                    .put("endorsingOrganizations", new JSONArray(List.of("CityFinanceMSP"))),
                step("evaluate")
                    .put("fn", "AuditAnchorContract:LatestCheckpoint")
                    .put("args", new JSONArray(List.of(logId))))
            .get(0);

    assertThat(submitted.getBoolean("ok")).as(submitted.toString()).isTrue();
    assertThat(submitted.getBoolean("successful")).isFalse();
    assertThat(submitted.getInt("validationCode"))
        .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);
  }

  private static JSONObject evaluateMetadataAs(JSONObject identity) {
    return NodeGatewayClient.steps(
            config(identity), step("evaluate").put("fn", "org.hyperledger.fabric:GetMetadata"))
        .get(0);
  }

  /** A first checkpoint of an empty log, signed by the city's client, as the service anchors. */
  private static JSONObject submit(String logId) {
    Checkpoint checkpoint =
        new Checkpoint(
            logId, 0, Sha256.digest(new byte[0]), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    List<String> arguments =
        FabricCheckpointAnchor.arguments(
            new CheckpointSigner(city.privateKey(), city.certificate()).sign(checkpoint),
            Optional.empty());
    return step("submit")
        .put("fn", FabricCheckpointAnchor.RECORD)
        .put("args", new JSONArray(arguments));
  }

  /**
   * The TLS endpoint at {@code port}, trusting the peer's TLS CA, by the name in its certificate.
   */
  private static JSONObject peer(int port) {
    return new JSONObject()
        .put("url", "localhost:" + port)
        .put("tlsCaCert", NodeGatewayClient.pem(TLS_CA.certificate()));
  }

  private static JSONObject config(JSONObject identity) {
    return new JSONObject()
        .put("peer", peer(port))
        .put("identity", identity)
        .put("channel", CHANNEL)
        .put("chaincode", CHAINCODE);
  }

  private static JSONObject step(String op) {
    return new JSONObject().put("op", op);
  }

  private static MspIdentity client(String mspId) {
    return fixture.msps().organisation(mspId).orElseThrow().identity(NodeOu.CLIENT);
  }
}
