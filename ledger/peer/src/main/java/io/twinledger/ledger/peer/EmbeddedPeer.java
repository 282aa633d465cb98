package io.twinledger.ledger.peer;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.twinledger.ledger.peer.gateway.ChannelServices;
import io.twinledger.ledger.peer.gateway.DeliverService;
import io.twinledger.ledger.peer.gateway.Endpoint;
import io.twinledger.ledger.peer.gateway.GatewayService;
import io.twinledger.ledger.peer.gateway.InProcessChannel;
import io.twinledger.ledger.peer.gateway.TlsBinding;
import io.twinledger.ledger.peer.store.ChainCheck;
import io.twinledger.ledger.peer.store.LedgerIntegrityException;
import io.twinledger.ledger.peer.store.PeerLock;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.VerifiedLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A single-node, Fabric-compatible peer in this JVM: endorser, solo orderer and committer of each
 * channel it joins, behind one Fabric Gateway gRPC service, with its ledgers in PostgreSQL.
 *
 * <p>Each joined channel ({@link PeerChannel}) has its own blocks, world state, members and
 * policies; the gateway routes every request by its channel id, so a client connects once and calls
 * {@code gateway.getNetwork(channel)} for any of them, as with a Fabric peer joined to several
 * channels. A request for a channel the peer has not joined is refused as Fabric's gateway refuses
 * it. Beside the gateway, the peer serves Fabric's {@code Deliver} service (block and filtered
 * block events, {@link DeliverService}).
 *
 * <p>{@link #start} verifies each channel's stored chain and world state ({@link ChainCheck}) and
 * refuses to start on a ledger that does not add up. Clients connect with the standard {@code
 * org.hyperledger.fabric.client.Gateway} over {@link #newChannel()} (in-process gRPC) or over gRPC
 * on the loopback interface: with TLS, and optionally mutual TLS, after {@link #serveTls}, as a
 * Fabric peer serves its clients; in plaintext after {@link #serveTcp}, for clients in other
 * processes of the same machine that need no TLS (tests, benchmarks).
 */
public final class EmbeddedPeer implements AutoCloseable {

  /** Transports per in-process channel. */
  public static final int IN_PROCESS_TRANSPORTS = 32;

  private final Map<String, PeerChannel> channels;
  private final GatewayService gateway;
  private final DeliverService deliver;
  private final String serverName;
  private final Server inProcessServer;
  private final List<Server> tcpServers = new ArrayList<>();

  private EmbeddedPeer(
      Map<String, PeerChannel> channels,
      GatewayService gateway,
      DeliverService deliver,
      String serverName,
      Server inProcessServer) {
    this.channels = channels;
    this.gateway = gateway;
    this.deliver = deliver;
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
    List<ChannelServices> services =
        settings.channels().stream()
            .map(channel -> joined.get(channel.channel()).services())
            .toList();
    GatewayService gateway =
        new GatewayService(
            new Endpoint("inprocess:" + serverName, settings.gatewayMspId()), services);
    DeliverService deliver = new DeliverService(services, Clock.systemUTC());
    try {
      Server server =
          InProcessServerBuilder.forName(serverName)
              .addService(gateway)
              .addService(deliver)
              .build()
              .start();
      return new EmbeddedPeer(joined, gateway, deliver, serverName, server);
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
   * Also serves the gateway and {@code Deliver}, for every joined channel, over plaintext gRPC on
   * the loopback interface. A Fabric peer's clients expect TLS ({@link #serveTls}); plaintext is
   * for clients on this machine that do without, such as tests and benchmarks.
   *
   * @param port the port, or 0 for any free port
   * @return the bound port
   */
  public int serveTcp(int port) {
    return serve(port, Optional.empty());
  }

  /**
   * Also serves the gateway and {@code Deliver}, for every joined channel, over gRPC with TLS 1.3
   * or 1.2 (ALPN {@code h2}) on the loopback interface, with the server certificate and key of
   * {@code tls}; with {@linkplain TlsSettings#mutual() mutual TLS}, a client without a certificate
   * from one of its client TLS CAs is refused in the handshake, and {@code Deliver} requests must
   * carry the hash of the client's certificate ({@link TlsBinding}).
   *
   * @param port the port, or 0 for any free port
   * @return the bound port
   * @throws IllegalArgumentException if the certificate and key do not make a TLS server
   */
  public int serveTls(int port, TlsSettings tls) {
    return serve(port, Optional.of(tls));
  }

  private synchronized int serve(int port, Optional<TlsSettings> tls) {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(gateway);
    if (tls.isPresent()) {
      builder.sslContext(sslContext(tls.get()));
    }
    if (tls.isPresent() && tls.get().mutual()) {
      builder.addService(ServerInterceptors.intercept(deliver, TlsBinding.mutualTls()));
    } else {
      builder.addService(deliver);
    }
    try {
      Server server = builder.build().start();
      tcpServers.add(server);
      return server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the gateway on port " + port, e);
    }
  }

  private static SslContext sslContext(TlsSettings tls) {
    SslContextBuilder builder =
        GrpcSslContexts.configure(
                SslContextBuilder.forServer(
                    tls.privateKey(), tls.certificateChain().toArray(X509Certificate[]::new)))
            .protocols("TLSv1.3", "TLSv1.2");
    if (tls.mutual()) {
      builder
          .trustManager(tls.clientRootCas().toArray(X509Certificate[]::new))
          .clientAuth(ClientAuth.REQUIRE);
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("Cannot make a TLS server of " + tls + ": " + e, e);
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
