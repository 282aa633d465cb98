package io.twinledger.ledger.peer.consortium;

import io.twinledger.ledger.peer.ChannelSettings;
import io.twinledger.ledger.peer.PeerSettings;
import io.twinledger.ledger.peer.chaincode.ContractChaincode;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.OrgMsp;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;

/**
 * The embedded peer configured from the consortium definition: the same channels, channel members,
 * chaincode names, endorsement policies and private data collections a real network gets from
 * {@code network-config}, so a client addresses both alike. The node belongs to the gateway's
 * organisation and, as a Fabric peer, joins channels that organisation is a member of; on each it
 * endorses as every member organisation, each with that organisation's peer identity from the
 * {@link MspDirectory}; under each chaincode name it runs only the contracts the definition lists.
 */
public final class ConsortiumPeer {

  private ConsortiumPeer() {}

  /**
   * Settings for the embedded peer of the one channel {@code channelName}.
   *
   * @see #settings(Consortium, MspDirectory, List, String, DataSource, List, List, BatchLimits)
   */
  public static PeerSettings settings(
      Consortium consortium,
      MspDirectory msps,
      String channelName,
      String gatewayMspId,
      DataSource dataSource,
      List<Class<? extends ContractInterface>> contracts,
      List<Class<?>> dataTypes,
      BatchLimits batchLimits) {
    return settings(
        consortium,
        msps,
        List.of(channelName),
        gatewayMspId,
        dataSource,
        contracts,
        dataTypes,
        batchLimits);
  }

  /**
   * Settings for the embedded peer joined to {@code channelNames}.
   *
   * @param gatewayMspId the organisation whose gateway clients connect to; a member of every
   *     channel
   * @param contracts the contract classes available, each annotated {@code @Contract(name = ...)}
   * @param dataTypes the {@code @DataType} classes the contracts take or return
   * @throws IllegalArgumentException if a channel is not in the consortium or the gateway's
   *     organisation is not a member of it, an organisation has no MSP in the directory, or a
   *     chaincode lists a contract none of the classes is
   */
  public static PeerSettings settings(
      Consortium consortium,
      MspDirectory msps,
      List<String> channelNames,
      String gatewayMspId,
      DataSource dataSource,
      List<Class<? extends ContractInterface>> contracts,
      List<Class<?>> dataTypes,
      BatchLimits batchLimits) {
    List<ChannelSettings> channels = new ArrayList<>();
    for (String name : channelNames) {
      Channel channel =
          consortium
              .channel(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("No channel " + name + " in consortium"));
      if (!channel.hasMember(gatewayMspId)) {
        throw new IllegalArgumentException(
            "The gateway organisation "
                + gatewayMspId
                + " is not a member of channel "
                + name
                + ", so its peer cannot join it");
      }
      channels.add(channelSettings(channel, msps, contracts, dataTypes));
    }
    return new PeerSettings(gatewayMspId, dataSource, channels, batchLimits);
  }

  /**
   * Settings for the embedded peer joined to every channel of the consortium that {@code
   * gatewayMspId} is a member of, in the consortium's order: the channels a Fabric peer of that
   * organisation may join.
   *
   * @throws IllegalArgumentException if the organisation is a member of no channel, or as {@link
   *     #settings(Consortium, MspDirectory, List, String, DataSource, List, List, BatchLimits)}
   */
  public static PeerSettings allChannels(
      Consortium consortium,
      MspDirectory msps,
      String gatewayMspId,
      DataSource dataSource,
      List<Class<? extends ContractInterface>> contracts,
      List<Class<?>> dataTypes,
      BatchLimits batchLimits) {
    List<String> names = consortium.channelsOf(gatewayMspId).stream().map(Channel::name).toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException(gatewayMspId + " is a member of no channel");
    }
    return settings(
        consortium, msps, names, gatewayMspId, dataSource, contracts, dataTypes, batchLimits);
  }

  /**
   * One channel of the consortium as the embedded peer joins it: its members' CAs, their peers'
   * endorser identities, and its chaincode definitions running the given contracts.
   */
  public static ChannelSettings channelSettings(
      Channel channel,
      MspDirectory msps,
      List<Class<? extends ContractInterface>> contracts,
      List<Class<?>> dataTypes) {
    Map<String, X509Certificate> cas = new HashMap<>();
    Map<String, EndorserIdentity> endorsers = new HashMap<>();
    for (String mspId : channel.members()) {
      OrgMsp msp =
          msps.organisation(mspId)
              .orElseThrow(
                  () -> new IllegalArgumentException("No MSP for " + mspId + " in " + msps.root()));
      MspIdentity peer = msp.peer();
      cas.put(mspId, msp.caCertificate());
      endorsers.put(mspId, new EndorserIdentity(mspId, peer.certificate(), peer.privateKey()));
    }
    Map<String, Class<? extends ContractInterface>> byName = byContractName(contracts);
    List<DeployedChaincode> chaincodes = new ArrayList<>();
    for (ChaincodeDefinition definition : channel.chaincodes()) {
      List<Class<? extends ContractInterface>> hosted = new ArrayList<>();
      for (String contract : definition.contracts()) {
        Class<? extends ContractInterface> type = byName.get(contract);
        if (type == null) {
          throw new IllegalArgumentException(
              "Chaincode "
                  + definition.name()
                  + " on channel "
                  + channel.name()
                  + " hosts "
                  + contract
                  + ", which no class is");
        }
        hosted.add(type);
      }
      chaincodes.add(DeployedChaincode.of(definition, ContractChaincode.of(hosted, dataTypes)));
    }
    return new ChannelSettings(channel.name(), cas, endorsers, chaincodes);
  }

  private static Map<String, Class<? extends ContractInterface>> byContractName(
      List<Class<? extends ContractInterface>> contracts) {
    Map<String, Class<? extends ContractInterface>> byName = new HashMap<>();
    for (Class<? extends ContractInterface> type : contracts) {
      Contract annotation = type.getAnnotation(Contract.class);
      if (annotation == null) {
        throw new IllegalArgumentException(type.getName() + " is not annotated @Contract");
      }
      String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
      byName.put(name, type);
    }
    return byName;
  }
}
