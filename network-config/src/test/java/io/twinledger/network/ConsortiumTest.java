package io.twinledger.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.chaincode.PrivateDataCollection;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import io.twinledger.network.policy.AllOf;
import io.twinledger.network.policy.SignedBy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The checked-in TwinLedger consortium, as the embedded peer and the Fabric files see it. */
class ConsortiumTest {

  private final Consortium consortium = Consortium.twinLedger();

  @Test
  void hasTheSixOrganisationsWithTheirMspIdsAndRoles() {
    assertThat(consortium.organisations())
        .extracting(Organisation::name, Organisation::mspId, Organisation::roles)
        .containsExactly(
            org("City Finance Office", "CityFinanceMSP", OrgRole.LOG_OPERATOR, OrgRole.ISSUER),
            org("Water Utility", "WaterUtilityMSP", OrgRole.ASSET_OPERATOR),
            org("Road Agency", "RoadAgencyMSP", OrgRole.ASSET_OPERATOR),
            org("Energy Community", "EnergyCommunityMSP", OrgRole.COMMUNITY_OPERATOR),
            org("Bond Trustee", "BondTrusteeMSP", OrgRole.TRUSTEE),
            org("Independent Auditor", "IndependentAuditorMSP", OrgRole.AUDITOR));
    assertThat(consortium.organisation("CityFinanceMSP").orElseThrow().peerHost())
        .isEqualTo("peer0.cityfinance.twinledger.example");
    assertThat(consortium.organisationsWith(OrgRole.ASSET_OPERATOR))
        .extracting(Organisation::mspId)
        .containsExactly("WaterUtilityMSP", "RoadAgencyMSP");
    assertThat(consortium.organisation("NoSuchMSP")).isEmpty();
  }

  private static Tuple org(String name, String mspId, OrgRole... roles) {
    return Tuple.tuple(name, mspId, Set.of(roles));
  }

  @Test
  void ordererCutsBlocksLikeThePublishedBenchmark() {
    assertThat(consortium.orderer().host()).isEqualTo("orderer.twinledger.example");
    assertThat(consortium.orderer().batchTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(consortium.orderer().maxMessageCount()).isEqualTo(500);
  }

  @Test
  void infraPerformanceLeavesTheEnergyCommunityOut() {
    Channel channel = consortium.channel("infra-performance").orElseThrow();
    assertThat(channel.members())
        .containsExactly(
            "CityFinanceMSP",
            "WaterUtilityMSP",
            "RoadAgencyMSP",
            "BondTrusteeMSP",
            "IndependentAuditorMSP");
    assertThat(consortium.channelsOf("EnergyCommunityMSP"))
        .extracting(Channel::name)
        .containsExactly("energy-market");
  }

  @Test
  void kpiCheckpointsNeedTheLogOperatorAndTheAuditor() {
    assertThat(consortium.endorsementPolicy("infra-performance", "AuditAnchorContract"))
        .contains(AllOf.of(new SignedBy("CityFinanceMSP"), new SignedBy("IndependentAuditorMSP")));
    ChaincodeDefinition anchor =
        consortium
            .channel("infra-performance")
            .orElseThrow()
            .chaincodeHosting("AuditAnchorContract")
            .orElseThrow();
    assertThat(anchor.name()).isEqualTo("twinledger-anchor");
    assertThat(anchor.endorsement().signaturePolicy())
        .isEqualTo("AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer')");
  }

  @Test
  void payoutsAndTokensNeedTheIssuerAndTheTrustee() {
    AllOf issuerAndTrustee =
        AllOf.of(new SignedBy("CityFinanceMSP"), new SignedBy("BondTrusteeMSP"));
    assertThat(consortium.endorsementPolicy("infra-performance", "BondRegistryContract"))
        .contains(issuerAndTrustee);
    assertThat(consortium.endorsementPolicy("infra-performance", "TokenContract"))
        .contains(issuerAndTrustee);
    assertThat(consortium.channel("infra-performance").orElseThrow().chaincode("twinledger-bonds"))
        .map(ChaincodeDefinition::contracts)
        .contains(List.of("BondRegistryContract", "TokenContract"));
  }

  @Test
  void reportsAndAttestationsNeedTheIssuerAndTheAuditor() {
    ChaincodeDefinition reports =
        consortium
            .channel("infra-performance")
            .orElseThrow()
            .chaincodeHosting("ReportContract")
            .orElseThrow();
    assertThat(reports.name()).isEqualTo("twinledger-reports");
    assertThat(reports.contracts()).containsExactly("ReportContract");
    assertThat(reports.endorsement())
        .isEqualTo(AllOf.of(new SignedBy("CityFinanceMSP"), new SignedBy("IndependentAuditorMSP")));
    assertThat(reports.endorsement().signaturePolicy())
        .isEqualTo("AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer')");
    assertThat(consortium.endorsementPolicy("energy-market", "ReportContract")).isEmpty();
  }

  @Test
  void energyTradesNeedTheCommunityOperatorAlone() {
    assertThat(consortium.endorsementPolicy("energy-market", "EnergyMarketContract"))
        .contains(new SignedBy("EnergyCommunityMSP"));
    assertThat(consortium.endorsementPolicy("energy-market", "AuditAnchorContract")).isEmpty();
    assertThat(consortium.endorsementPolicy("no-such-channel", "EnergyMarketContract")).isEmpty();
  }

  @Test
  void residentsMeterDataIsPrivateToTheCommunityAndTheAuditor() {
    PrivateDataCollection collection =
        consortium
            .channel("energy-market")
            .orElseThrow()
            .chaincode("twinledger-energy")
            .orElseThrow()
            .collections()
            .getFirst();
    assertThat(collection)
        .isEqualTo(
            new PrivateDataCollection(
                "residentMeterData",
                List.of("EnergyCommunityMSP", "IndependentAuditorMSP"),
                1,
                1,
                0,
                true,
                true));
    assertThat(collection.isMember("CityFinanceMSP")).isFalse();
  }

  @Test
  void everyContractRunsFromTheOneChaincodePackage() {
    assertThat(consortium.chaincode().label()).isEqualTo("twinledger_1.0");
    assertThat(consortium.chaincode().version()).isEqualTo("1.0");
    assertThat(consortium.chaincode().address()).isEqualTo("twinledger-chaincode:9999");
    assertThat(consortium.chaincode().port()).isEqualTo(9999);
    assertThat(
            consortium.channels().stream()
                .flatMap(c -> c.chaincodes().stream())
                .flatMap(c -> c.contracts().stream()))
        .containsExactlyInAnyOrder(
            "AuditAnchorContract",
            "BondRegistryContract",
            "TokenContract",
            "ReportContract",
            "EnergyMarketContract");
  }
}
