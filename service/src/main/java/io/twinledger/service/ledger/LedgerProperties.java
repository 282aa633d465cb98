package io.twinledger.service.ledger;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The permissioned ledger's settings ({@code twinledger.ledger.*}).
 *
 * @param mode {@code embedded}: a single-node peer inside the service, on its PostgreSQL (the
 *     default); {@code none}: no ledger, checkpoints stay unanchored
 * @param channel the channel TwinLedger anchors its audit log on and keeps its bonds and tokens on;
 *     the {@code ledgerConnection} bean's
 * @param energyChannel the channel of the village's energy market, on which households' trades are
 *     signed with their own identities ({@link LedgerConnections})
 * @param mspId the organisation TwinLedger submits as; its client identity also signs checkpoints,
 *     since the audit-anchor chaincode checks the signature against the submitter
 * @param peerPort if set, the embedded peer also serves the Fabric Gateway on this loopback port
 * @param blockTimeout how long the embedded orderer waits before cutting a block that is not full
 */
@ConfigurationProperties("twinledger.ledger")
public record LedgerProperties(
    @DefaultValue("embedded") Mode mode,
    @DefaultValue("infra-performance") String channel,
    @DefaultValue("energy-market") String energyChannel,
    @DefaultValue("CityFinanceMSP") String mspId,
    Optional<Integer> peerPort,
    @DefaultValue("PT0.2S") Duration blockTimeout) {

  /** Where the ledger runs. */
  public enum Mode {
    EMBEDDED,
    NONE
  }

  public LedgerProperties {
    peerPort = peerPort == null ? Optional.empty() : peerPort;
  }
}
