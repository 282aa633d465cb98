package io.twinledger.service.ledger;

import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.ledger.audit.CheckpointAnchor;
import io.twinledger.ledger.audit.fabric.FabricCheckpointAnchor;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.TlsSettings;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.peer.store.PeerLock;
import io.twinledger.network.Consortium;
import io.twinledger.network.fabric.ConnectionProfile;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.msp.OrgMsp;
import io.twinledger.service.TwinLedgerProperties;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded permissioned ledger ({@code twinledger.ledger.mode=embedded}, the default): the
 * consortium's organisations get their CAs and identities in {@code <data-dir>/fabric} on first
 * start, one single-node peer of the service's organisation joins every channel that organisation
 * is a member of ({@code infra-performance} and {@code energy-market}), each with its own ledger in
 * the service's PostgreSQL, and the service connects to it with the Fabric Gateway client exactly
 * as it would to a real network.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@ConditionalOnProperty(
    name = "twinledger.ledger.mode",
    havingValue = "embedded",
    matchIfMissing = true)
public class EmbeddedLedgerConfiguration {

  /** The embedded peer's connection profile, under the MSP directory, once it serves TLS. */
  public static final String CONNECTION_PROFILE = "connection-profile.json";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerConfiguration.class);

  @Bean
  Consortium consortium() {
    return Consortium.twinLedger();
  }

  @Bean
  MspDirectory mspDirectory(TwinLedgerProperties service, Consortium consortium) {
    return MspDirectory.openOrCreate(
        service.dataDir().resolve("fabric").toAbsolutePath(), consortium);
  }

  /**
   * Started after the migrations, which create its tables; checks the stored chain on start. With
   * {@code twinledger.ledger.peer-port} it also serves TLS there, as a Fabric peer of the
   * organisation does, and writes the connection profile that reaches it.
   */
  @Bean(destroyMethod = "close")
  @DependsOnDatabaseInitialization
  EmbeddedPeer embeddedPeer(
      Consortium consortium,
      MspDirectory msps,
      DataSource dataSource,
      LedgerProperties properties,
      TwinLedgerProperties service) {
    EmbeddedPeer peer;
    try {
      peer =
          EmbeddedPeer.start(
              ConsortiumPeer.allChannels(
                  consortium,
                  msps,
                  properties.mspId(),
                  dataSource,
                  TwinLedgerChaincode.CONTRACTS,
                  TwinLedgerChaincode.DATA_TYPES,
                  new BatchLimits(
                      BatchLimits.DEFAULT.maxTransactions(),
                      BatchLimits.DEFAULT.preferredMaxBytes(),
                      properties.blockTimeout())));
    } catch (PeerLock.HeldElsewhere e) {
      // The cause's own words name no setting; the start's one line must.
      throw new LedgerStartupException(
          "Another service instance runs the embedded peer of channel "
              + e.channel()
              + " on this database, and only one may; start this one with"
              + " twinledger.ledger.mode=fabric (reaching that instance's peer-port) or none",
          e);
    }
    properties
        .peerPort()
        .ifPresent(port -> serveTls(peer, port, consortium, msps, properties, service));
    for (String channel : peer.channels()) {
      log.info("Embedded peer of channel {} at height {}", channel, peer.channel(channel).height());
    }
    requireJoined(peer, "twinledger.ledger.channel", properties.channel());
    requireJoined(peer, "twinledger.ledger.energy-channel", properties.energyChannel());
    return peer;
  }

  /**
   * Serves the gateway over TLS with the organisation's peer TLS certificate (and, for mutual TLS,
   * clients' certificates from any consortium organisation's TLS CA), then writes {@value
   * #CONNECTION_PROFILE} under the MSP directory for a {@code fabric}-mode instance or another
   * client to reach it.
   */
  private static void serveTls(
      EmbeddedPeer peer,
      int port,
      Consortium consortium,
      MspDirectory msps,
      LedgerProperties properties,
      TwinLedgerProperties service) {
    OrgMsp org =
        msps.organisation(properties.mspId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "twinledger.ledger.msp-id "
                            + properties.mspId()
                            + " is not in the consortium"));
    TlsSettings tls = TlsSettings.server(org.peerTls());
    if (properties.peerMutualTls()) {
      tls =
          tls.requireClientCertificates(
              msps.organisations().stream().map(OrgMsp::tlsCaCertificate).toList());
    }
    int bound;
    try {
      bound = peer.serveTls(port, tls);
    } catch (UncheckedIOException e) {
      peer.close();
      throw new LedgerStartupException(
          "twinledger.ledger.peer-port " + port + " cannot be served: " + e.getCause().getMessage(),
          e);
    }
    Path profile = msps.root().resolve(CONNECTION_PROFILE);
    ConnectionProfile.writeEmbedded(
        profile, consortium, msps, properties.mspId(), bound, properties.peerMutualTls());
    log.info(
        "Embedded peer serves the Fabric Gateway over {}TLS on 127.0.0.1:{}; connection profile {}",
        properties.peerMutualTls() ? "mutual " : "",
        bound,
        profile);
  }

  /** Stops the start when a configured channel is not one the peer serves, naming the setting. */
  private static void requireJoined(EmbeddedPeer peer, String setting, String channel) {
    if (!peer.channels().contains(channel)) {
      peer.close();
      throw new IllegalStateException(
          setting
              + " is "
              + channel
              + ", which the embedded peer has not joined; it serves "
              + peer.channels());
    }
  }

  /** The organisation's client identity: it submits to the ledger and signs checkpoints. */
  @Bean
  MspIdentity ledgerClientIdentity(MspDirectory msps, LedgerProperties properties) {
    return msps.organisation(properties.mspId())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "twinledger.ledger.msp-id " + properties.mspId() + " is not in the consortium"))
        .identity(NodeOu.CLIENT);
  }

  @Bean(destroyMethod = "close")
  LedgerConnection ledgerConnection(
      EmbeddedPeer peer,
      Consortium consortium,
      LedgerProperties properties,
      MspIdentity ledgerClientIdentity) {
    return new LedgerConnection(
        peer.newChannel(),
        consortium
            .channel(properties.channel())
            .orElseThrow(() -> new IllegalStateException("No channel " + properties.channel())),
        ledgerClientIdentity);
  }

  /** Connections of any identity on any joined channel, e.g. a household on the energy market. */
  @Bean(destroyMethod = "close")
  LedgerConnections ledgerConnections(EmbeddedPeer peer, Consortium consortium) {
    return new LedgerConnections(peer.newChannel(), consortium, peer.channels());
  }

  @Bean
  CheckpointAnchor checkpointAnchor(LedgerConnection connection) {
    return new FabricCheckpointAnchor(
        connection.gateway(), connection.channelName(), connection.contract("AuditAnchorContract"));
  }
}
