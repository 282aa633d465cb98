package io.twinledger.service.ledger;

import io.grpc.ManagedChannel;
import io.twinledger.network.Consortium;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;

/**
 * Gateway connections of any client identity on any channel the embedded peer has joined, for
 * services that sign as someone other than the service's own organisation: the energy market signs
 * each household's transactions with that household's identity, on {@code energy-market}.
 *
 * <p>All connections share one gRPC channel to the peer (the Fabric Gateway client keeps nothing
 * per identity but its signer). A connection is made once per channel and identity (MSP id and
 * certificate) and kept until the service stops, since a household signs every slot.
 */
public final class LedgerConnections implements AutoCloseable {

  private final ManagedChannel grpc;
  private final Consortium consortium;
  private final List<String> joinedChannels;
  private final Map<Key, LedgerConnection> connections = new ConcurrentHashMap<>();

  /**
   * @param grpc the shared gRPC channel to the peer, shut down with this
   * @param joinedChannels the channels the peer serves
   */
  LedgerConnections(ManagedChannel grpc, Consortium consortium, List<String> joinedChannels) {
    this.grpc = grpc;
    this.consortium = consortium;
    this.joinedChannels = List.copyOf(joinedChannels);
  }

  /**
   * The connection of {@code identity} on {@code channelName}.
   *
   * @throws IllegalArgumentException if the peer has not joined the channel, or the identity's
   *     organisation is not a member of it
   */
  public LedgerConnection connect(String channelName, MspIdentity identity) {
    if (!joinedChannels.contains(channelName)) {
      throw new IllegalArgumentException(
          "The embedded peer has not joined channel "
              + channelName
              + "; it serves "
              + joinedChannels);
    }
    Channel channel =
        consortium
            .channel(channelName)
            .orElseThrow(() -> new IllegalArgumentException("No channel " + channelName));
    return connections.computeIfAbsent(
        new Key(channelName, identity.mspId(), identity.certificate()),
        key -> LedgerConnection.shared(grpc, channel, identity));
  }

  /**
   * The chaincode hosting {@code contractName} on {@code channelName}, as {@code identity}; as with
   * {@link LedgerConnection#contract}, its functions are called by their qualified names ({@code
   * EnergyMarketContract:Describe}).
   *
   * @throws IllegalArgumentException as {@link #connect}, or if no chaincode on the channel hosts
   *     the contract
   */
  public Contract contract(String channelName, MspIdentity identity, String contractName) {
    return connect(channelName, identity).contract(contractName);
  }

  @Override
  public void close() throws InterruptedException {
    for (LedgerConnection connection : connections.values()) {
      connection.close();
    }
    connections.clear();
    grpc.shutdown();
    grpc.awaitTermination(5, TimeUnit.SECONDS);
  }

  private record Key(String channel, String mspId, X509Certificate certificate) {}
}
