package io.twinledger.ledger.peer.consortium;

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
 * The embedded peer of one channel, configured from the consortium definition: the same channel
 * members, chaincode names, endorsement policies and private data collections a real network gets
 * from {@code network-config}, so a client addresses both alike. The node endorses as every member
 * organisation, each with that organisation's peer identity from the {@link MspDirectory}; under
 * each chaincode name it runs only the contracts the definition lists.
 */
public final class ConsortiumPeer {

  private ConsortiumPeer() {}

  /**
   * Settings for the embedded peer of {@code channelName}.
   *
   * @param gatewayMspId the organisation whose gateway clients connect to
   * @param contracts the contract classes available, each annotated {@code @Contract(name = ...)}
   * @param dataTypes the {@code @DataType} classes the contracts take or return
   * @throws IllegalArgumentException if the channel is not in the consortium, an organisation has
   *     no MSP in the directory, or a chaincode lists a contract none of the classes is
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
    Channel channel =
        consortium
            .channel(channelName)
            .orElseThrow(
                () -> new IllegalArgumentException("No channel " + channelName + " in consortium"));
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
              "Chaincode " + definition.name() + " hosts " + contract + ", which no class is");
        }
        hosted.add(type);
      }
      chaincodes.add(DeployedChaincode.of(definition, ContractChaincode.of(hosted, dataTypes)));
    }
    return new PeerSettings(
        channel.name(), gatewayMspId, dataSource, cas, endorsers, chaincodes, batchLimits);
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
