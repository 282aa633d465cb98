package io.twinledger.ledger.audit.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status.Code;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.ledger.peer.fixture.ConsortiumPeerFixture;
import io.twinledger.network.msp.MspIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer of the city finance office joined, as the service runs it, to both channels of the
 * consortium: one gateway reaches each, each channel has only its own chaincodes, members and
 * endorsement policies, as {@code consortium.yaml} defines them.
 */
class ConsortiumChannelsTest {

  private static final String INFRA = ConsortiumPeerFixture.CHANNEL;
  private static final String ENERGY = ConsortiumPeerFixture.ENERGY_CHANNEL;

  @TempDir static Path data;

  private static ConsortiumPeerFixture fixture;

  @BeforeAll
  static void network() {
    fixture =
        ConsortiumPeerFixture.start(
            data, TwinLedgerChaincode.CONTRACTS, TwinLedgerChaincode.DATA_TYPES);
  }

  @AfterAll
  static void close() throws InterruptedException {
    fixture.close();
  }

  @Test
  void theCitysPeerJoinsEveryChannelTheCityIsAMemberOf() {
    assertThat(fixture.peer().channels()).containsExactly(INFRA, ENERGY);
  }

  @Test
  void oneGatewayReachesTheChaincodesOfBothChannels() throws Exception {
    Gateway gateway = fixture.gateway();

    JSONObject energy =
        json(
            gateway
                .getNetwork(ENERGY)
                .getContract("twinledger-energy", "EnergyMarketContract")
                .evaluateTransaction("Describe"));
    JSONObject anchor =
        json(
            gateway
                .getNetwork(INFRA)
                .getContract("twinledger-anchor")
                .evaluateTransaction("org.hyperledger.fabric:GetMetadata"));

    assertThat(energy.getString("name")).isEqualTo("EnergyMarketContract");
    assertThat(anchor.getJSONObject("contracts").keySet()).contains("AuditAnchorContract");
  }

  @Test
  void aChaincodeIsDefinedOnItsOwnChannelOnly() {
    Contract anchorOnEnergy = fixture.gateway().getNetwork(ENERGY).getContract("twinledger-anchor");
    Contract energyOnInfra = fixture.gateway().getNetwork(INFRA).getContract("twinledger-energy");

    GatewayException anchor =
        catchThrowableOfType(
            GatewayException.class,
            () -> anchorOnEnergy.evaluateTransaction("org.hyperledger.fabric:GetMetadata"));
    GatewayException energy =
        catchThrowableOfType(
            GatewayException.class,
            () -> energyOnInfra.evaluateTransaction("EnergyMarketContract:Describe"));

    assertThat(anchor.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(anchor.getStatus().getDescription())
        .endsWith("chaincode 'twinledger-anchor' is not defined on channel 'energy-market'");
    assertThat(energy.getStatus().getDescription())
        .endsWith("chaincode 'twinledger-energy' is not defined on channel 'infra-performance'");
  }

  @Test
  void anOrganisationOutsideAChannelIsRefusedOnIt() throws Exception {
    GatewayException water =
        catchThrowableOfType(
            GatewayException.class,
            () -> describeEnergy(fixture.connect(client("WaterUtilityMSP"))));
    GatewayException community =
        catchThrowableOfType(
            GatewayException.class,
            () ->
                fixture
                    .connect(client("EnergyCommunityMSP"))
                    .getNetwork(INFRA)
                    .getContract("twinledger-bonds", "TokenContract")
                    .evaluateTransaction("Describe"));

    assertThat(water.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(water.getStatus().getDescription())
        .endsWith("MSP 'WaterUtilityMSP' is not a member of channel energy-market");
    assertThat(community.getStatus().getDescription())
        .endsWith("MSP 'EnergyCommunityMSP' is not a member of channel infra-performance");
    assertThat(
            json(describeEnergy(fixture.connect(client("EnergyCommunityMSP")))).getString("name"))
        .as("the community on its own channel")
        .isEqualTo("EnergyMarketContract");
  }

  @Test
  void energyMarketTransactionsNeedTheEnergyCommunitysEndorsement() throws Exception {
    Contract energy =
        fixture
            .gateway()
            .getNetwork(ENERGY)
            .getContract("twinledger-energy", "EnergyMarketContract");
    long infraHeight = fixture.peer().channel(INFRA).height();

    Status byCommunity = energy.newProposal("Describe").build().endorse().submitAsync().getStatus();
    Status byCity =
        energy
            .newProposal("Describe")
            .setEndorsingOrganizations("CityFinanceMSP")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();

    assertThat(byCommunity.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(byCity.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(fixture.peer().channel(ENERGY).height()).isGreaterThan(byCity.getBlockNumber());
    assertThat(fixture.peer().channel(INFRA).height()).isEqualTo(infraHeight);
  }

  private static byte[] describeEnergy(Gateway gateway) throws GatewayException {
    return gateway
        .getNetwork(ENERGY)
        .getContract("twinledger-energy", "EnergyMarketContract")
        .evaluateTransaction("Describe");
  }

  private static MspIdentity client(String mspId) {
    return fixture.msps().organisation(mspId).orElseThrow().client();
  }

  private static JSONObject json(byte[] bytes) {
    return new JSONObject(new String(bytes, StandardCharsets.UTF_8));
  }
}
