package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded peer as {@link ConsortiumPeer} configures it: each chaincode of the channel serves
 * the contracts its definition lists, and its metadata ({@code org.hyperledger.fabric:GetMetadata})
 * lists exactly those, every transaction of which a client can call.
 */
class ConsortiumPeerTest {

  private static final String CHANNEL = "infra-performance";
  private static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";

  @TempDir static Path data;

  private static HikariDataSource dataSource;
  private static EmbeddedPeer peer;
  private static ManagedChannel grpc;
  private static Gateway gateway;
  private static final Consortium CONSORTIUM = Consortium.twinLedger();

  @BeforeAll
  static void network() {
    dataSource = TestDatabases.migrated(4);
    MspDirectory msps = MspDirectory.openOrCreate(data.resolve("fabric"), CONSORTIUM);
    peer =
        EmbeddedPeer.start(
            ConsortiumPeer.settings(
                CONSORTIUM,
                msps,
                CHANNEL,
                "CityFinanceMSP",
                dataSource,
                TwinLedgerChaincode.CONTRACTS,
                TwinLedgerChaincode.DATA_TYPES,
                BatchLimits.DEFAULT));
    MspIdentity city = msps.organisation("CityFinanceMSP").orElseThrow().identity(NodeOu.CLIENT);
    grpc = peer.newChannel();
    gateway =
        Gateway.newInstance()
            .identity(new X509Identity(city.mspId(), city.certificate()))
            .signer(Signers.newPrivateKeySigner(city.privateKey()))
            .hash(Hash.SHA256)
            .connection(grpc)
            .connect();
  }

  @AfterAll
  static void close() throws InterruptedException {
    gateway.close();
    grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    peer.close();
    dataSource.close();
  }

  @Test
  void eachChaincodesMetadataListsTheContractsOfItsDefinitionOnly() throws Exception {
    for (ChaincodeDefinition definition : CONSORTIUM.channel(CHANNEL).orElseThrow().chaincodes()) {
      JSONObject metadata = metadata(definition.name());

      List<String> expected = new ArrayList<>(definition.contracts());
      expected.add(SYSTEM_CONTRACT);
      assertThat(metadata.getJSONObject("contracts").keySet())
          .as("contracts listed by %s", definition.name())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    JSONObject anchor = metadata("twinledger-anchor");
    assertThat(anchor.getJSONObject("components").getJSONObject("schemas").keySet())
        .containsExactly("AnchoredCheckpoint");
    assertThat(anchor.getJSONObject("info").getString("title"))
        .isEqualTo("TwinLedger audit anchor");
  }

  @Test
  void everyListedTransactionCanBeCalled() throws Exception {
    List<String> called = new ArrayList<>();
    for (ChaincodeDefinition definition : CONSORTIUM.channel(CHANNEL).orElseThrow().chaincodes()) {
      Contract chaincode = gateway.getNetwork(CHANNEL).getContract(definition.name());
      JSONObject contracts = metadata(definition.name()).getJSONObject("contracts");
      for (String contract : contracts.keySet()) {
        JSONArray transactions = contracts.getJSONObject(contract).getJSONArray("transactions");
        for (int i = 0; i < transactions.length(); i++) {
          JSONObject transaction = transactions.getJSONObject(i);
          String function = contract + ":" + transaction.getString("name");
          int parameters = transaction.optJSONArray("parameters", new JSONArray()).length();
          String[] args = Collections.nCopies(parameters, "1").toArray(String[]::new);
          try {
            chaincode.evaluateTransaction(function, args);
          } catch (GatewayException e) {
            // Made-up arguments may be refused by the contract itself, never by the routing.
            assertThat(e.getDetails().getFirst().getMessage())
                .as("%s on %s", function, definition.name())
                .doesNotContain("Undefined contract")
                .doesNotContain("Unexpected error");
          }
          called.add(definition.name() + " " + function);
        }
      }
    }

    assertThat(called)
        .contains(
            "twinledger-anchor AuditAnchorContract:RecordCheckpoint",
            "twinledger-anchor org.hyperledger.fabric:GetMetadata",
            "twinledger-bonds BondRegistryContract:Describe",
            "twinledger-bonds TokenContract:Describe");
  }

  private static JSONObject metadata(String chaincode) throws Exception {
    byte[] json =
        gateway
            .getNetwork(CHANNEL)
            .getContract(chaincode)
            .evaluateTransaction(SYSTEM_CONTRACT + ":GetMetadata");
    return new JSONObject(new String(json, StandardCharsets.UTF_8));
  }
}
