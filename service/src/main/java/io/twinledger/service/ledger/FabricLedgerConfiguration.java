package io.twinledger.service.ledger;

import io.grpc.ManagedChannel;
import io.twinledger.ledger.audit.CheckpointAnchor;
import io.twinledger.ledger.audit.fabric.FabricCheckpointAnchor;
import io.twinledger.network.Consortium;
import io.twinledger.network.fabric.GatewayPeer;
import io.twinledger.network.fabric.InvalidConnectionProfileException;
import io.twinledger.network.msp.FabricMsp;
import io.twinledger.network.msp.InvalidMspDirectoryException;
import io.twinledger.network.msp.MspIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger of a Fabric network ({@code twinledger.ledger.mode=fabric}): the gateway peer and TLS
 * from a connection profile, the client identity from an MSP directory in Fabric's layout, and the
 * same Fabric Gateway client code as embedded mode ({@link LedgerConnection}), so checkpoints are
 * anchored through the audit-anchor chaincode on the network exactly as on the embedded peer.
 *
 * <p>The start checks the peer with one evaluation of the anchor chaincode's metadata and stops,
 * with one line saying what is wrong, if it cannot be reached, its TLS certificate is not for the
 * profile's name or not from its TLS CA, it wants a client certificate, it does not accept the
 * identity, or the chaincode is not committed on the channel. An identity whose certificate has
 * expired, or whose key does not match it, stops the start before any call.
 *
 * <p>This instance signs as one identity only: the village market's households, which sign their
 * own trades, need the embedded mode's MSPs and are not served here; nor is the evidence export,
 * which reads blocks from the embedded peer's store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@ConditionalOnProperty(name = "twinledger.ledger.mode", havingValue = "fabric")
public class FabricLedgerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FabricLedgerConfiguration.class);

  /** The contract whose chaincode the start checks: the one every deployment anchors with. */
  static final String CHECKED_CONTRACT = "AuditAnchorContract";

  @Bean
  Consortium consortium() {
    return Consortium.twinLedger();
  }

  @Bean
  GatewayPeer gatewayPeer(LedgerProperties properties) {
    Path profile =
        properties
            .fabric()
            .connectionProfilePath()
            .orElseThrow(
                () ->
                    new LedgerStartupException(
                        "twinledger.ledger.mode is fabric but"
                            + " twinledger.ledger.fabric.connection-profile is not set"));
    GatewayPeer peer;
    try {
      peer = GatewayPeer.read(profile);
    } catch (InvalidConnectionProfileException e) {
      throw new LedgerStartupException(oneLine(e.getMessage()), e);
    }
    if (!peer.mspId().equals(properties.mspId())) {
      throw new LedgerStartupException(
          "the connection profile "
              + profile
              + " is for "
              + peer.mspId()
              + ", but twinledger.ledger.msp-id is "
              + properties.mspId());
    }
    return peer;
  }

  /** The organisation's client identity: it submits to the ledger and signs checkpoints. */
  @Bean
  MspIdentity ledgerClientIdentity(LedgerProperties properties) {
    Path directory =
        properties
            .fabric()
            .mspDirectoryPath()
            .orElseThrow(
                () ->
                    new LedgerStartupException(
                        "twinledger.ledger.mode is fabric but"
                            + " twinledger.ledger.fabric.msp-directory is not set"));
    try {
      return FabricMsp.read(directory, properties.mspId()).identity();
    } catch (InvalidMspDirectoryException e) {
      throw new LedgerStartupException(
          "the MSP directory " + directory + " cannot be used: " + oneLine(e.getMessage()), e);
    }
  }

  /** Connected and checked: a start that returns has reached the peer and its chaincode. */
  @Bean(destroyMethod = "close")
  LedgerConnection ledgerConnection(
      GatewayPeer peer,
      Consortium consortium,
      LedgerProperties properties,
      MspIdentity ledgerClientIdentity) {
    ManagedChannel grpc = GatewayPeerChannel.open(peer);
    LedgerConnection connection =
        new LedgerConnection(
            grpc,
            consortium
                .channel(properties.channel())
                .orElseThrow(
                    () ->
                        new LedgerStartupException(
                            "twinledger.ledger.channel "
                                + properties.channel()
                                + " is not a channel of the consortium")),
            ledgerClientIdentity);
    Contract checked = connection.contract(CHECKED_CONTRACT);
    Duration timeout = properties.fabric().timeout();
    try {
      checked
          .newProposal("org.hyperledger.fabric:GetMetadata")
          .build()
          .evaluate(
              options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      close(connection);
      throw new LedgerStartupException(
          GatewayPeerChannel.refusal(
              e,
              peer,
              ledgerClientIdentity.mspId(),
              ledgerClientIdentity.certificate().getSubjectX500Principal().getName(),
              properties.channel(),
              checked.getChaincodeName(),
              timeout),
          e);
    }
    log.info(
        "Fabric gateway peer {} at {} (TLS{}), channel {}, as {}",
        peer.name(),
        peer.endpoint(),
        peer.clientTls().isPresent() ? ", mutual" : "",
        properties.channel(),
        ledgerClientIdentity);
    return connection;
  }

  /** The channel's height from the peer's block events: there is no chain here to count. */
  @Bean(destroyMethod = "close")
  ChannelHeight channelHeight(LedgerConnection connection) {
    return new ChannelHeight(connection.gateway().getNetwork(connection.channelName()));
  }

  @Bean
  CheckpointAnchor checkpointAnchor(LedgerConnection connection) {
    return new FabricCheckpointAnchor(
        connection.gateway(), connection.channelName(), connection.contract(CHECKED_CONTRACT));
  }

  private static void close(LedgerConnection connection) {
    try {
      connection.close();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A multi-line report as one line: its lines joined by "; ". */
  private static String oneLine(String message) {
    return String.join("; ", message.strip().split("\\R"));
  }
}
