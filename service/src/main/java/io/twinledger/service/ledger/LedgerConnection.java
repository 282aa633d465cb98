package io.twinledger.service.ledger;

import io.grpc.ManagedChannel;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspIdentity;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * TwinLedger's Fabric Gateway connection on one channel, as one organisation's client: the only
 * path by which the service reaches the ledger. Contracts are looked up by contract name, and the
 * chaincode hosting each comes from the consortium definition, as on a real network.
 */
public final class LedgerConnection implements AutoCloseable {

  private final ManagedChannel grpc;
  private final Gateway gateway;
  private final Channel channel;

  LedgerConnection(ManagedChannel grpc, Channel channel, MspIdentity identity) {
    this.grpc = grpc;
    this.channel = channel;
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

  @Override
  public void close() throws InterruptedException {
    gateway.close();
    grpc.shutdown();
    grpc.awaitTermination(5, TimeUnit.SECONDS);
  }
}
