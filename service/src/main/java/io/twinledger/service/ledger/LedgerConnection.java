package io.twinledger.service.ledger;

import io.grpc.ManagedChannel;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspIdentity;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * TwinLedger's Fabric Gateway connection on one channel, as one client identity: the only path by
 * which the service reaches the ledger. Contracts are looked up by contract name, and the chaincode
 * hosting each comes from the consortium definition, as on a real network.
 *
 * <p>The {@code ledgerConnection} bean is the service's own organisation on {@code
 * twinledger.ledger.channel}; connections as other identities or on other channels come from {@link
 * LedgerConnections}.
 */
public final class LedgerConnection implements AutoCloseable {

  private final Optional<ManagedChannel> ownedGrpc;
  private final Gateway gateway;
  private final Channel channel;
  private final MspIdentity identity;

  /** A connection over {@code grpc}, which it shuts down when closed. */
  LedgerConnection(ManagedChannel grpc, Channel channel, MspIdentity identity) {
    this(grpc, Optional.of(grpc), channel, identity);
  }

  /** A connection over a gRPC channel shared with other connections, which outlives it. */
  static LedgerConnection shared(ManagedChannel grpc, Channel channel, MspIdentity identity) {
    return new LedgerConnection(grpc, Optional.empty(), channel, identity);
  }

  private LedgerConnection(
      ManagedChannel grpc,
      Optional<ManagedChannel> ownedGrpc,
      Channel channel,
      MspIdentity identity) {
    if (!channel.hasMember(identity.mspId())) {
      throw new IllegalArgumentException(
          identity.mspId() + " is not a member of channel " + channel.name());
    }
    this.ownedGrpc = ownedGrpc;
    this.channel = channel;
    this.identity = identity;
    this.gateway =
        Gateway.newInstance()
            .identity(new X509Identity(identity.mspId(), identity.certificate()))
            // Fabric's low-s ECDSA, through the same native provider the embedded peer uses.
            .signer(digest -> EcdsaSignatures.signDigest(identity.privateKey(), digest))
            .hash(Hash.SHA256)
            .connection(grpc)
            .evaluateOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
            .endorseOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
            .submitOptions(options -> options.withDeadlineAfter(10, TimeUnit.SECONDS))
            .commitStatusOptions(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))
            .connect();
  }

  /**
   * The chaincode that hosts {@code contractName} on this channel.
   *
   * @throws IllegalArgumentException if the consortium puts no such contract on the channel
   */
  public Contract contract(String contractName) {
    String chaincode =
        channel
            .chaincodeHosting(contractName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No chaincode on " + channel.name() + " hosts " + contractName))
            .name();
    return gateway.getNetwork(channel.name()).getContract(chaincode);
  }

  /** The gateway itself, for clients that also read commit statuses (the token ledger). */
  public Gateway gateway() {
    return gateway;
  }

  /** The channel's name. */
  public String channelName() {
    return channel.name();
  }

  /** The identity that signs this connection's proposals, transactions and requests. */
  public MspIdentity identity() {
    return identity;
  }

  @Override
  public void close() throws InterruptedException {
    gateway.close();
    if (ownedGrpc.isPresent()) {
      ownedGrpc.get().shutdown();
      ownedGrpc.get().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
