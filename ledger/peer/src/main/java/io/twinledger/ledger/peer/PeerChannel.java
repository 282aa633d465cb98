package io.twinledger.ledger.peer;

import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.chaincode.Simulator;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.commit.CommitNotifier;
import io.twinledger.ledger.peer.commit.CommitStatistics;
import io.twinledger.ledger.peer.commit.Committer;
import io.twinledger.ledger.peer.commit.EnvelopeAdmission;
import io.twinledger.ledger.peer.commit.Orderer;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.gateway.ChannelServices;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransientStore;
import io.twinledger.ledger.peer.state.TxStatus;
import io.twinledger.ledger.peer.store.PeerLock;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.VerifiedLedger;
import io.twinledger.network.msp.NodeOu;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;

/**
 * One channel an {@link EmbeddedPeer} has joined, with everything of its own: its members, its
 * stored chain and in-memory world state, transaction index and transient store, its endorser, solo
 * orderer, committer and commit notifications, and the database lock that keeps a second peer off
 * it. Nothing is shared with the peer's other channels except the gateway that routes to it.
 */
public final class PeerChannel {

  private final String name;
  private final PeerLock lock;
  private final PeerStore store;
  private final Committer committer;
  private final Orderer orderer;
  private final ChannelServices services;

  private PeerChannel(
      String name,
      PeerLock lock,
      PeerStore store,
      Committer committer,
      Orderer orderer,
      ChannelServices services) {
    this.name = name;
    this.lock = lock;
    this.store = store;
    this.committer = committer;
    this.orderer = orderer;
    this.services = services;
  }

  /**
   * Starts the channel's parts on its checked ledger; the channel owns {@code lock} from here on.
   *
   * @throws IllegalArgumentException if an endorser identity is not a valid peer of its
   *     organisation
   */
  static PeerChannel join(
      ChannelSettings settings,
      String gatewayMspId,
      BatchLimits batchLimits,
      PeerLock lock,
      PeerStore store,
      VerifiedLedger ledger) {
    String channel = settings.channel();
    Organizations organizations = new Organizations(channel, settings.organizationCas());
    checkEndorsers(channel, organizations, settings.endorsers());
    Map<String, DeployedChaincode> chaincodes =
        settings.chaincodes().stream()
            .collect(Collectors.toMap(DeployedChaincode::name, Function.identity()));
    TransientStore transientStore = new TransientStore();
    OwnEndorsements ownEndorsements = new OwnEndorsements();
    EnvelopeAdmission admission = new EnvelopeAdmission(channel, organizations);
    CommitNotifier notifier =
        new CommitNotifier(ledger.transactions(), store::block, ledger.height());
    Committer committer =
        new Committer(
            channel,
            organizations,
            chaincodes,
            ledger.state(),
            ledger.transactions(),
            transientStore,
            ownEndorsements,
            admission,
            store,
            notifier,
            ledger.height(),
            ledger.lastHeaderHash());
    Orderer orderer = new Orderer(channel, batchLimits, committer);
    Endorser endorser =
        new Endorser(
            channel,
            organizations,
            settings.endorsers(),
            chaincodes,
            new Simulator(ledger.state(), store, gatewayMspId),
            ledger.transactions(),
            transientStore,
            ownEndorsements,
            notifier::height);
    return new PeerChannel(
        channel,
        lock,
        store,
        committer,
        orderer,
        new ChannelServices(
            channel, endorser, admission, orderer, notifier, organizations, ledger.transactions()));
  }

  /**
   * Refuses endorser identities that are not peers of their organisation: endorsement policies name
   * peers, so every endorsement they signed would fail validation.
   */
  private static void checkEndorsers(
      String channel, Organizations organizations, Map<String, EndorserIdentity> endorsers) {
    for (EndorserIdentity endorser : endorsers.values()) {
      Creator identity;
      try {
        identity = organizations.verify(endorser.serialized());
      } catch (IdentityException e) {
        throw new IllegalArgumentException(
            "The endorser identity of "
                + endorser.mspId()
                + " on channel "
                + channel
                + " is not valid: "
                + e.getMessage(),
            e);
      }
      if (identity.nodeOu() != NodeOu.PEER) {
        throw new IllegalArgumentException(
            "The endorser identity of "
                + endorser.mspId()
                + " on channel "
                + channel
                + " is a "
                + identity.nodeOu().ou()
                + ", not a peer");
      }
    }
  }

  /** The channel's name. */
  public String name() {
    return name;
  }

  /** The number of committed blocks of this channel. */
  public long height() {
    return services.notifier().height();
  }

  /** Committed block {@code number} of this channel, as stored. */
  public Optional<Block> block(long number) {
    return store.block(number);
  }

  /**
   * Where transaction {@code txId} was committed on this channel, valid or not, as the Gateway's
   * {@code CommitStatus} reports it; empty when it was not.
   */
  public Optional<TxStatus> transaction(String txId) {
    return services.transactions().find(txId);
  }

  /** Where this channel's committer has spent its time. */
  public CommitStatistics commitStatistics() {
    return committer.statistics();
  }

  ChannelServices services() {
    return services;
  }

  /** Stops ordering and committing, then releases the channel's lock. */
  void close() {
    orderer.close();
    committer.close();
    lock.close();
  }
}
