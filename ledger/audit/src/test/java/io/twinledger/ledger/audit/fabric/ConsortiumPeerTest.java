package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
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

  private static final String CHANNEL = ConsortiumPeerFixture.CHANNEL;
  private static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;
  private static Consortium consortium;
  private static Gateway gateway;

  @BeforeAll
  static void network() {
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
    consortium = fixture.consortium();
    gateway = fixture.gateway();
  }

  @AfterAll
  static void close() throws InterruptedException {
    fixture.close();
  }

  @Test
  void eachChaincodesMetadataListsTheContractsOfItsDefinitionOnly() throws Exception {
    for (ChaincodeDefinition definition : consortium.channel(CHANNEL).orElseThrow().chaincodes()) {
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
    for (ChaincodeDefinition definition : consortium.channel(CHANNEL).orElseThrow().chaincodes()) {
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
