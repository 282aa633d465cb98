package io.twinledger.ledger.peer;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.chaincode.Simulator;
import io.twinledger.ledger.peer.commit.CommitNotifier;
import io.twinledger.ledger.peer.commit.CommitStatistics;
import io.twinledger.ledger.peer.commit.Committer;
import io.twinledger.ledger.peer.commit.EnvelopeAdmission;
import io.twinledger.ledger.peer.commit.Orderer;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.gateway.Endpoint;
import io.twinledger.ledger.peer.gateway.GatewayService;
import io.twinledger.ledger.peer.gateway.InProcessChannel;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransientStore;
import io.twinledger.ledger.peer.store.ChainCheck;
import io.twinledger.ledger.peer.store.LedgerIntegrityException;
import io.twinledger.ledger.peer.store.PeerLock;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.VerifiedLedger;
import io.twinledger.network.msp.NodeOu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A single-node, Fabric-compatible peer in this JVM: endorser, solo orderer and committer of one
 * channel, behind Fabric's Gateway gRPC service, with its ledger in PostgreSQL.
 *
 * <p>{@link #start} verifies the stored chain and world state ({@link ChainCheck}) and refuses to
 * start on a ledger that does not add up. Clients connect with the standard {@code
 * org.hyperledger.fabric.client.Gateway} over {@link #newChannel()} (in-process gRPC) or, after
 * {@link #serveTcp}, over plaintext gRPC on the loopback interface.
 */
public final class EmbeddedPeer implements AutoCloseable {

  /** Transports per in-process channel. */
  public static final int IN_PROCESS_TRANSPORTS = 32;

  private final PeerSettings settings;
  private final PeerStore store;
  private final CommitNotifier notifier;
  private final Committer committer;
  private final Orderer orderer;
  private final GatewayService gateway;
  private final String serverName;
  private final Server inProcessServer;
  private final List<Server> tcpServers = new ArrayList<>();
  private final PeerLock lock;

  private EmbeddedPeer(
      PeerLock lock,
      PeerSettings settings,
      PeerStore store,
      CommitNotifier notifier,
      Committer committer,
      Orderer orderer,
      GatewayService gateway,
      String serverName,
      Server inProcessServer) {
    this.lock = lock;
    this.settings = settings;
    this.store = store;
    this.notifier = notifier;
    this.committer = committer;
    this.orderer = orderer;
    this.gateway = gateway;
    this.serverName = serverName;
    this.inProcessServer = inProcessServer;
  }

  /**
   * Checks the stored ledger and starts the peer.
   *
   * @throws LedgerIntegrityException naming every defect of the stored ledger
   * @throws IllegalStateException if another peer of the channel runs on the database
   * @throws IllegalArgumentException if an endorser identity is not a valid peer of its
   *     organisation
   */
  public static EmbeddedPeer start(PeerSettings settings) {
    PeerLock lock = PeerLock.acquire(settings.dataSource(), settings.channel());
    try {
      return start(settings, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedPeer start(PeerSettings settings, PeerLock lock) {
    PeerStore store = new PeerStore(settings.dataSource(), settings.channel());
    VerifiedLedger ledger = ChainCheck.verify(store);
    Organizations organizations = new Organizations(settings.organizationCas());
    checkEndorsers(organizations, settings.endorsers());
    Map<String, DeployedChaincode> chaincodes =
        settings.chaincodes().stream()
            .collect(Collectors.toMap(DeployedChaincode::name, Function.identity()));
    TransientStore transientStore = new TransientStore();
    OwnEndorsements ownEndorsements = new OwnEndorsements();
    EnvelopeAdmission admission = new EnvelopeAdmission(settings.channel(), organizations);
    CommitNotifier notifier =
        new CommitNotifier(ledger.transactions(), store::block, ledger.height());
    Committer committer =
        new Committer(
            settings.channel(),
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
    Orderer orderer = new Orderer(settings.batchLimits(), committer);
    Endorser endorser =
        new Endorser(
            settings.channel(),
            organizations,
            settings.endorsers(),
            chaincodes,
            new Simulator(ledger.state(), store, settings.gatewayMspId()),
            ledger.transactions(),
            transientStore,
            ownEndorsements,
            notifier::height);
    String serverName = "twinledger-peer-" + settings.channel() + "-" + UUID.randomUUID();
    GatewayService gateway =
        new GatewayService(
            settings.channel(),
            new Endpoint("inprocess:" + serverName, settings.gatewayMspId()),
            endorser,
            admission,
            orderer,
            notifier,
            organizations,
            ledger.transactions());
    try {
      Server server =
          InProcessServerBuilder.forName(serverName).addService(gateway).build().start();
      return new EmbeddedPeer(
          lock, settings, store, notifier, committer, orderer, gateway, serverName, server);
    } catch (IOException e) {
      orderer.close();
      committer.close();
      throw new UncheckedIOException("Cannot start the in-process gateway", e);
    }
  }

  /**
   * Refuses endorser identities that are not peers of their organisation: endorsement policies name
   * peers, so every endorsement they signed would fail validation.
   */
  private static void checkEndorsers(
      Organizations organizations, Map<String, EndorserIdentity> endorsers) {
    for (EndorserIdentity endorser : endorsers.values()) {
      Creator identity;
      try {
        identity = organizations.verify(endorser.serialized());
      } catch (IdentityException e) {
        throw new IllegalArgumentException(
            "The endorser identity of " + endorser.mspId() + " is not valid: " + e.getMessage(), e);
      }
      if (identity.nodeOu() != NodeOu.PEER) {
        throw new IllegalArgumentException(
            "The endorser identity of "
                + endorser.mspId()
                + " is a "
                + identity.nodeOu().ou()
                + ", not a peer");
      }
    }
  }

  /**
   * A new in-process gRPC channel to the gateway; the caller shuts it down. It spreads calls over
   * {@value #IN_PROCESS_TRANSPORTS} transports, so that many concurrent clients do not queue on one
   * ({@link InProcessChannel}).
   */
  public ManagedChannel newChannel() {
    return new InProcessChannel(serverName, IN_PROCESS_TRANSPORTS);
  }

  /**
   * Also serves the gateway over plaintext gRPC on the loopback interface.
   *
   * @param port the port, or 0 for any free port
   * @return the bound port
   */
  public synchronized int serveTcp(int port) {
    try {
      Server server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
              .addService(gateway)
              .build()
              .start();
      tcpServers.add(server);
      return server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the gateway on port " + port, e);
    }
  }

  /** The channel this peer serves. */
  public String channel() {
    return settings.channel();
  }

  /** The number of committed blocks. */
  public long height() {
    return notifier.height();
  }

  /** Committed block {@code number}, as stored. */
  public Optional<Block> block(long number) {
    return store.block(number);
  }

  /** Where the committer has spent its time. */
  public CommitStatistics commitStatistics() {
    return committer.statistics();
  }

  @Override
  public synchronized void close() {
    inProcessServer.shutdown();
    tcpServers.forEach(Server::shutdown);
    orderer.close();
    committer.close();
    try {
      inProcessServer.awaitTermination(5, TimeUnit.SECONDS);
      for (Server server : tcpServers) {
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    inProcessServer.shutdownNow();
    tcpServers.forEach(Server::shutdownNow);
    lock.close();
  }
}
