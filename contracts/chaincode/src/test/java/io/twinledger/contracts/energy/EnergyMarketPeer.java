package io.twinledger.contracts.energy;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The embedded peer of channel {@value #CHANNEL} as {@link ConsortiumPeer} configures it from the
 * consortium (chaincode {@value #CHAINCODE}, endorsed by the Energy Community, private collection
 * {@code residentMeterData}), on a fresh migrated database, with a gateway per signing identity
 * over in-process gRPC: the operator (the Energy Community's client), households (named clients of
 * the Energy Community, {@code household-07}), and other organisations' clients.
 */
public final class EnergyMarketPeer implements AutoCloseable {

  public static final String CHANNEL = "energy-market";
  public static final String CHAINCODE = "twinledger-energy";
  public static final String CONTRACT = "EnergyMarketContract";
  public static final String COMMUNITY = "EnergyCommunityMSP";

  /** {@code chaincode response 500, SLOT_CLOSED: slot … is cleared}, as an error reads. */
  private static final Pattern REFUSAL = Pattern.compile("([A-Z][A-Z_]+[A-Z]): ");

  /**
   * Batch limits for a client that waits for each commit: blocks cut 10 ms after their first
   * envelope rather than the default 200 ms, since a slot's readings, orders and clearing each wait
   * for the one before.
   */
  public static final BatchLimits QUICK_BLOCKS =
      new BatchLimits(500, BatchLimits.DEFAULT.preferredMaxBytes(), Duration.ofMillis(10));

  private final Consortium consortium = Consortium.twinLedger();
  private final MspDirectory msps;
  private final HikariDataSource dataSource;
  private final EmbeddedPeer peer;
  private final ManagedChannel grpc;
  private ManagedChannel tcp;
  private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

  public EnergyMarketPeer(Path root, BatchLimits limits) {
    msps = MspDirectory.openOrCreate(root.resolve("fabric"), consortium);
    dataSource = TestDatabases.migrated(6);
    peer =
        EmbeddedPeer.start(
            ConsortiumPeer.settings(
                consortium,
                msps,
                CHANNEL,
                COMMUNITY,
                dataSource,
                TwinLedgerChaincode.CONTRACTS,
                TwinLedgerChaincode.DATA_TYPES,
                limits));
    grpc = peer.newChannel();
  }

  public EmbeddedPeer peer() {
    return peer;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  /** The Energy Community's client identity: the market's operator. */
  public MspIdentity operator() {
    return msps.organisation(COMMUNITY).orElseThrow().client();
  }

  /** The client identity of another organisation, {@code IndependentAuditorMSP} say. */
  public MspIdentity client(String mspId) {
    return msps.organisation(mspId).orElseThrow().client();
  }

  /** Household {@code name}'s identity, a named client of the Energy Community. */
  public MspIdentity household(String name) {
    return msps.namedClient(COMMUNITY, name);
  }

  /** The in-process gateway of {@code identity}. */
  public Gateway gateway(MspIdentity identity) {
    return gatewayOf(identity, false);
  }

  /**
   * The contract as {@code identity} calls it over in-process gRPC, as the service's {@code
   * LedgerConnection} does, signing as it does (the peer's {@link EcdsaSignatures}, low-s).
   */
  public Contract contract(MspIdentity identity) {
    return contract(identity, false);
  }

  /**
   * The contract as {@code identity} calls it, in process or, if {@code overTcp}, over plaintext
   * gRPC on loopback ({@link EmbeddedPeer#serveTcp}), the path of a client in another process.
   */
  public Contract contract(MspIdentity identity, boolean overTcp) {
    return gatewayOf(identity, overTcp).getNetwork(CHANNEL).getContract(CHAINCODE, CONTRACT);
  }

  private synchronized Gateway gatewayOf(MspIdentity identity, boolean overTcp) {
    if (overTcp && tcp == null) {
      tcp = NettyChannelBuilder.forAddress("127.0.0.1", peer.serveTcp(0)).usePlaintext().build();
    }
    ManagedChannel channel = overTcp ? tcp : grpc;
    return gateways.computeIfAbsent(
        (overTcp ? "tcp/" : "")
            + identity.mspId()
            + "/"
            + identity.certificate().getSubjectX500Principal().getName(),
        key ->
            Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(digest -> EcdsaSignatures.signDigest(identity.privateKey(), digest))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect());
  }

  /** {@code identity}'s certificate as PEM, as {@code RegisterHousehold} takes it. */
  public static String pem(MspIdentity identity) {
    try {
      StringWriter pem = new StringWriter();
      pem.write("-----BEGIN CERTIFICATE-----\n");
      pem.write(
          Base64.getMimeEncoder(64, "\n".getBytes())
              .encodeToString(identity.certificate().getEncoded()));
      pem.write("\n-----END CERTIFICATE-----\n");
      return pem.toString();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chaincode's error code in {@code e}: from the endorsers' details or the status. */
  public static Optional<String> code(GatewayException e) {
    List<String> messages = new ArrayList<>();
    e.getDetails().forEach(d -> messages.add(d.getMessage()));
    messages.add(String.valueOf(e.getStatus().getDescription()));
    for (String message : messages) {
      int response = message.indexOf("chaincode response");
      Matcher refusal = REFUSAL.matcher(message);
      if (response >= 0 && refusal.find(response)) {
        return Optional.of(refusal.group(1));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() throws InterruptedException {
    gateways.values().forEach(Gateway::close);
    grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    if (tcp != null) {
      tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    peer.close();
    dataSource.close();
  }
}
