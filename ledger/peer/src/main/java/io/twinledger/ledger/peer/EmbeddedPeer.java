package io.twinledger.ledger.peer;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.twinledger.ledger.peer.gateway.Endpoint;
import io.twinledger.ledger.peer.gateway.GatewayService;
import io.twinledger.ledger.peer.gateway.InProcessChannel;
import io.twinledger.ledger.peer.store.ChainCheck;
import io.twinledger.ledger.peer.store.LedgerIntegrityException;
import io.twinledger.ledger.peer.store.PeerLock;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.VerifiedLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node, Fabric-compatible peer in this JVM: endorser, solo orderer and committer of each
 * channel it joins, behind one Fabric Gateway gRPC service, with its ledgers in PostgreSQL.
 *
 * <p>Each joined channel ({@link PeerChannel}) has its own blocks, world state, members and
 * policies; the gateway routes every request by its channel id, so a client connects once and calls
 * {@code gateway.getNetwork(channel)} for any of them, as with a Fabric peer joined to several
 * channels. A request for a channel the peer has not joined is refused as Fabric's gateway refuses
 * it.
 *
 * <p>{@link #start} verifies each channel's stored chain and world state ({@link ChainCheck}) and
 * refuses to start on a ledger that does not add up. Clients connect with the standard {@code
 * org.hyperledger.fabric.client.Gateway} over {@link #newChannel()} (in-process gRPC) or, after
 * {@link #serveTcp}, over plaintext gRPC on the loopback interface.
 */
public final class EmbeddedPeer implements AutoCloseable {

  /** Transports per in-process channel. */
  public static final int IN_PROCESS_TRANSPORTS = 32;

  private final Map<String, PeerChannel> channels;
  private final GatewayService gateway;
  private final String serverName;
  private final Server inProcessServer;
  private final List<Server> tcpServers = new ArrayList<>();

  private EmbeddedPeer(
      Map<String, PeerChannel> channels,
      GatewayService gateway,
      String serverName,
      Server inProcessServer) {
    this.channels = channels;
    this.gateway = gateway;
    this.serverName = serverName;
    this.inProcessServer = inProcessServer;
  }

  /**
   * Checks the stored ledger of every channel and starts the peer.
   *
   * @throws LedgerIntegrityException naming the channel and every defect of its stored ledger; when
   *     several channels fail, the first, with the others {@linkplain Throwable#getSuppressed()
   *     suppressed}
   * @throws IllegalStateException if another peer of one of the channels runs on the database
   * @throws IllegalArgumentException if an endorser identity is not a valid peer of its
   *     organisation
   */
  public static EmbeddedPeer start(PeerSettings settings) {
    List<PeerLock> locks = new ArrayList<>();
    Map<String, PeerChannel> joined = new LinkedHashMap<>();
    try {
      List<PeerStore> stores = new ArrayList<>();
      for (ChannelSettings channel : settings.channels()) {
        locks.add(PeerLock.acquire(settings.dataSource(), channel.channel()));
        stores.add(new PeerStore(settings.dataSource(), channel.channel()));
      }
      List<VerifiedLedger> ledgers = verify(stores);
      for (int i = 0; i < settings.channels().size(); i++) {
        ChannelSettings channel = settings.channels().get(i);
        joined.put(
            channel.channel(),
            PeerChannel.join(
                channel,
                settings.gatewayMspId(),
                settings.batchLimits(),
                locks.get(i),
                stores.get(i),
                ledgers.get(i)));
      }
      return serve(settings, Collections.unmodifiableMap(joined));
    } catch (RuntimeException e) {
      joined.values().forEach(PeerChannel::close);
      locks.subList(joined.size(), locks.size()).forEach(PeerLock::close);
      throw e;
    }
  }

  /** Checks every channel's ledger, so that one start reports each channel that fails. */
  private static List<VerifiedLedger> verify(List<PeerStore> stores) {
    List<VerifiedLedger> ledgers = new ArrayList<>();
    List<LedgerIntegrityException> failures = new ArrayList<>();
    for (PeerStore store : stores) {
      try {
        ledgers.add(ChainCheck.verify(store));
      } catch (LedgerIntegrityException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      LedgerIntegrityException first = failures.getFirst();
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
    return ledgers;
  }

  private static EmbeddedPeer serve(PeerSettings settings, Map<String, PeerChannel> joined) {
    String serverName = "twinledger-peer-" + UUID.randomUUID();
    GatewayService gateway =
        new GatewayService(
            new Endpoint("inprocess:" + serverName, settings.gatewayMspId()),
            settings.channels().stream()
                .map(channel -> joined.get(channel.channel()).services())
                .toList());
    try {
      Server server =
          InProcessServerBuilder.forName(serverName).addService(gateway).build().start();
      return new EmbeddedPeer(joined, gateway, serverName, server);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the in-process gateway", e);
    }
  }

  /**
   * A new in-process gRPC channel to the gateway, for every joined channel; the caller shuts it
   * down. It spreads calls over {@value #IN_PROCESS_TRANSPORTS} transports, so that many concurrent
   * clients do not queue on one ({@link InProcessChannel}).
   */
  public ManagedChannel newChannel() {
    return new InProcessChannel(serverName, IN_PROCESS_TRANSPORTS);
  }

  /**
   * Also serves the gateway, for every joined channel, over plaintext gRPC on the loopback
   * interface.
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

  /** The names of the channels this peer has joined, in the order of its settings. */
  public List<String> channels() {
    return List.copyOf(channels.keySet());
  }

  /**
   * Joined channel {@code name}: its height, blocks and commit statistics.
   *
   * @throws IllegalArgumentException if the peer has not joined it
   */
  public PeerChannel channel(String name) {
    PeerChannel channel = channels.get(name);
    if (channel == null) {
      throw new IllegalArgumentException(
          "The peer has not joined channel " + name + "; it serves " + channels.keySet());
    }
    return channel;
  }

  @Override
  public synchronized void close() {
    inProcessServer.shutdown();
    tcpServers.forEach(Server::shutdown);
    channels.values().forEach(PeerChannel::close);
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
  }
}
