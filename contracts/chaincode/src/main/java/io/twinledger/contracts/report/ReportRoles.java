package io.twinledger.contracts.report;

import io.twinledger.contracts.ClientOu;
import java.util.List;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Who may issue and who may attest, by MSP id: the organisations holding the consortium's {@code
 * issuer} and {@code auditor} roles on channel {@code infra-performance} ({@code
 * network-config/.../consortium.yaml}). A chaincode cannot read the channel's configuration, so the
 * ids are written here, as fabric-samples' {@code token-erc-20} names its minter's MSP; a test
 * ({@code ReportRolesTest}) checks them against the consortium, so the two cannot drift apart.
 *
 * <p>The roles are the organisation's; the identity must also be one of its clients (NodeOU {@code
 * OU=client}), not a peer or an admin.
 */
public final class ReportRoles {

  /** The city finance office: it publishes the city's compliance reports. */
  public static final String ISSUER_MSP = "CityFinanceMSP";

  /** The independent auditor. Each auditor organisation attests to a report at most once. */
  public static final List<String> AUDITOR_MSPS = List.of("IndependentAuditorMSP");

  private ReportRoles() {}

  /** Whether {@code creator} is a client of the issuing organisation. */
  static boolean isIssuer(ClientIdentity creator) {
    return ISSUER_MSP.equals(creator.getMSPID()) && isClient(creator);
  }

  /** Whether {@code creator} is a client of an auditor organisation. */
  static boolean isAuditor(ClientIdentity creator) {
    return AUDITOR_MSPS.contains(creator.getMSPID()) && isClient(creator);
  }

  /** The creator certificate's subject, RFC 2253. */
  static String subject(ClientIdentity creator) {
    return creator.getX509Certificate().getSubjectX500Principal().getName();
  }

  private static boolean isClient(ClientIdentity creator) {
    return ClientOu.isClient(subject(creator));
  }
}
