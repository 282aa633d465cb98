package io.twinledger.contracts.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.OrgRole;
import io.twinledger.network.org.Organisation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MSP ids {@link ReportRoles} names are the consortium's holders of the issuer and auditor
 * roles on the reports' channel, and the reports' chaincode definition hosts the contract.
 */
class ReportRolesTest {

  private final Consortium consortium = Consortium.twinLedger();
  private final Channel channel = consortium.channel("infra-performance").orElseThrow();

  @Test
  void theIssuerIsTheConsortiumsIssuerOnTheChannel() {
    assertThat(holders(OrgRole.ISSUER)).containsExactly(ReportRoles.ISSUER_MSP);
  }

  @Test
  void theAuditorsAreTheConsortiumsAuditorsOnTheChannel() {
    assertThat(holders(OrgRole.AUDITOR))
        .containsExactlyInAnyOrderElementsOf(ReportRoles.AUDITOR_MSPS);
  }

  @Test
  void bothRolesEndorseTheReportsChaincode() {
    List<String> both = new ArrayList<>(ReportRoles.AUDITOR_MSPS);
    both.add(ReportRoles.ISSUER_MSP);
    assertThat(channel.chaincodeHosting("ReportContract").orElseThrow().endorsement().mspIds())
        .containsExactlyInAnyOrderElementsOf(both);
  }

  private List<String> holders(OrgRole role) {
    return consortium.organisationsWith(role).stream()
        .map(Organisation::mspId)
        .filter(channel::hasMember)
        .toList();
  }
}
