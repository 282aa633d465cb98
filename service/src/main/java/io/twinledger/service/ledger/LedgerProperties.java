package io.twinledger.service.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The permissioned ledger's settings ({@code twinledger.ledger.*}).
 *
 * @param mode {@code embedded}: a single-node peer inside the service, on its PostgreSQL (the
 *     default); {@code fabric}: a Fabric network's gateway peer, reached over TLS as {@code fabric}
 *     describes; {@code none}: no ledger, checkpoints stay unanchored
 * @param channel the channel TwinLedger anchors its audit log on and keeps its bonds and tokens on;
 *     the {@code ledgerConnection} bean's
 * @param energyChannel the channel of the village's energy market, on which households' trades are
 *     signed with their own identities ({@link LedgerConnections})
 * @param mspId the organisation TwinLedger submits as; its client identity also signs checkpoints,
 *     since the audit-anchor chaincode checks the signature against the submitter
 * @param peerPort embedded mode: if set, the embedded peer also serves the Fabric Gateway and
 *     Deliver over TLS on this loopback port, with the organisation's peer TLS certificate, and
 *     writes a connection profile for it ({@code <data-dir>/fabric/connection-profile.json})
 * @param peerMutualTls embedded mode: the TLS port also requires a client certificate from the TLS
 *     CA of a consortium organisation (Fabric's {@code clientAuthRequired})
 * @param blockTimeout how long the embedded orderer waits before cutting a block that is not full
 * @param fabric the gateway peer and identity of {@code fabric} mode
 */
@ConfigurationProperties("twinledger.ledger")
public record LedgerProperties(
    @DefaultValue("embedded") Mode mode,
    @DefaultValue("infra-performance") String channel,
    @DefaultValue("energy-market") String energyChannel,
    @DefaultValue("CityFinanceMSP") String mspId,
    Optional<Integer> peerPort,
    @DefaultValue("false") boolean peerMutualTls,
    @DefaultValue("PT0.2S") Duration blockTimeout,
    @DefaultValue Fabric fabric) {

  /** Where the ledger runs. */
  public enum Mode {
    EMBEDDED,
    FABRIC,
    NONE
  }

  /**
   * {@code fabric} mode: which peer, as whom.
   *
   * @param connectionProfile a Fabric common connection profile (JSON or YAML): the gateway peer's
   *     URL, its TLS CA, the name its certificate carries, and the client's TLS certificate for
   *     mutual TLS; relative paths in it are read from the profile's directory
   * @param mspDirectory the client identity's MSP directory in Fabric's layout ({@code signcerts},
   *     {@code keystore}, {@code cacerts}, {@code tlscacerts}, {@code config.yaml}), as cryptogen
   *     or a Fabric CA client writes it; its MSP id is {@code twinledger.ledger.msp-id}
   * @param timeout how long a call to the peer may take before it counts as unanswered
   */
  public record Fabric(
      Optional<String> connectionProfile,
      Optional<String> mspDirectory,
      @DefaultValue("PT10S") Duration timeout) {

    // Paths as text: Spring Boot binds no Optional<Path>.
    public Fabric {
      connectionProfile =
          connectionProfile == null
              ? Optional.empty()
              : connectionProfile.filter(t -> !t.isBlank());
      mspDirectory =
          mspDirectory == null ? Optional.empty() : mspDirectory.filter(t -> !t.isBlank());
    }

    /** The connection profile's path, if set. */
    public Optional<Path> connectionProfilePath() {
      return connectionProfile.map(Path::of);
    }

    /** The MSP directory's path, if set. */
    public Optional<Path> mspDirectoryPath() {
      return mspDirectory.map(Path::of);
    }
  }

  public LedgerProperties {
    peerPort = peerPort == null ? Optional.empty() : peerPort;
  }
}
