package io.twinledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Endorsement;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every contract describes itself through the chaincode, as a client would ask. */
class ContractDescriptionTest {

  private static final TestIdentity RESIDENT = TestMsp.create("VillageMSP").enrol("resident");

  private ChaincodePeer peer;

  @BeforeEach
  void connect() {
    peer = InProcessChaincode.connect();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    peer.close();
  }

  @ParameterizedTest
  @CsvSource({
    "BondRegistryContract, TwinLedger bond registry, Pay",
    "EnergyMarketContract, TwinLedger energy market, ClearSlot",
    "TokenContract, TwinLedger token, Snapshot"
  })
  void aBuiltContractDescribesItsFunctions(String contract, String title, String function) {
    Endorsement described = peer.endorse(RESIDENT, contract + ":Describe");

    assertThat(described.status()).as(described.message()).isEqualTo(200);
    JSONObject json = new JSONObject(described.payload());
    assertThat(json.getString("title")).isEqualTo(title);
    assertThat(json.getString("version")).isEqualTo("0.2.0");
    assertThat(json.getString("description")).doesNotContain("Planned");
    assertThat(json.getJSONArray("transactions").toList()).contains("Describe", function);
  }

  @Test
  void theChaincodeMetadataListsEveryContractWithTheAuditAnchorAsDefault() {
    Endorsement metadata = peer.endorse(RESIDENT, "org.hyperledger.fabric:GetMetadata");

    assertThat(metadata.status()).as(metadata.message()).isEqualTo(200);
    JSONObject contracts = new JSONObject(metadata.payload()).getJSONObject("contracts");
    assertThat(contracts.keySet())
        .contains(
            "AuditAnchorContract",
            "EnergyMarketContract",
            "BondRegistryContract",
            "ReportContract",
            "TokenContract");
    JSONArray auditFunctions =
        contracts.getJSONObject("AuditAnchorContract").getJSONArray("transactions");
    assertThat(auditFunctions.toList())
        .extracting(t -> (Object) ((java.util.Map<?, ?>) t).get("name"))
        .containsExactlyInAnyOrder(
            "RecordCheckpoint", "LatestCheckpoint", "CheckpointAt", "CheckpointHistory");
    assertThat(
            new JSONObject(metadata.payload())
                .getJSONObject("components")
                .getJSONObject("schemas")
                .keySet())
        .contains("AnchoredCheckpoint", "ContractDescription", "IssuedReport", "Attestation");

    Endorsement unprefixed = peer.endorse(RESIDENT, "LatestCheckpoint", "no-such-log");
    assertThat(unprefixed.payload()).isEqualTo("CHECKPOINT_NOT_FOUND");
  }

  @Test
  void onlyAContractHasADescription() {
    assertThatThrownBy(() -> ContractDescription.of(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not a @Contract");
  }
}
