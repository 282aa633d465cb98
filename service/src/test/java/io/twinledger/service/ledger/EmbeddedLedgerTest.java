package io.twinledger.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.service.support.OnEmbeddedDb;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service's one embedded peer serves both channels of the consortium: the service's own
 * connection stays on {@code twinledger.ledger.channel}, and {@link LedgerConnections} gives any
 * member identity a connection on the energy market, as the energy service signs for households.
 */
@OnEmbeddedDb
class EmbeddedLedgerTest {

  private static final String ENERGY = "energy-market";

  @Autowired EmbeddedPeer peer;
  @Autowired LedgerConnection ledger;
  @Autowired LedgerConnections connections;
  @Autowired MspDirectory msps;

  @Test
  void thePeerJoinsBothChannelsAndTheServicesOwnConnectionStaysOnTheInfrastructureChannel() {
    assertThat(peer.channels()).containsExactly("infra-performance", ENERGY);
    assertThat(ledger.channelName()).isEqualTo("infra-performance");
    assertThat(ledger.identity().mspId()).isEqualTo("CityFinanceMSP");
  }

  @Test
  void anEnergyCommunityIdentitySubmitsOnTheEnergyMarketOnly() throws Exception {
    MspIdentity community = client("EnergyCommunityMSP");
    Contract market = connections.contract(ENERGY, community, "EnergyMarketContract");
    long infraHeight = peer.channel("infra-performance").height();

    String description =
        new String(
            market.evaluateTransaction("EnergyMarketContract:Describe"), StandardCharsets.UTF_8);
    Status submitted =
        market
            .newProposal("EnergyMarketContract:Describe")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();

    assertThat(description).contains("\"name\":\"EnergyMarketContract\"");
    assertThat(submitted.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(peer.channel(ENERGY).height()).isGreaterThan(submitted.getBlockNumber());
    assertThat(peer.channel("infra-performance").height()).isEqualTo(infraHeight);
    assertThat(connections.connect(ENERGY, community))
        .as("one connection per identity and channel")
        .isSameAs(connections.connect(ENERGY, community));
  }

  @Test
  void connectionsOutsideAChannelsMembershipOrThePeersChannelsAreRefused() {
    assertThatThrownBy(() -> connections.connect(ENERGY, client("WaterUtilityMSP")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("WaterUtilityMSP is not a member of channel energy-market");
    assertThatThrownBy(() -> connections.connect("no-such-channel", client("CityFinanceMSP")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The embedded peer has not joined channel no-such-channel; it serves"
                + " [infra-performance, energy-market]");
    assertThatThrownBy(
            () -> connections.contract(ENERGY, client("CityFinanceMSP"), "AuditAnchorContract"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No chaincode on energy-market hosts AuditAnchorContract");
  }

  private MspIdentity client(String mspId) {
    return msps.organisation(mspId).orElseThrow().client();
  }
}
