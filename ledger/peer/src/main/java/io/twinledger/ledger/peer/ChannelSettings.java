package io.twinledger.ledger.peer;

import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One channel an {@link EmbeddedPeer} joins, as plain values: who its members are, whom the peer
 * endorses as on it, and what chaincodes are deployed on it. Each channel has its own blocks, world
 * state, transaction index and policies; nothing is shared between channels but the gateway.
 *
 * @param channel the channel's name, as clients pass it to {@code Gateway.getNetwork}
 * @param organizationCas the root CA certificate of each member organisation, by MSP id; an
 *     identity of any other organisation is refused on this channel
 * @param endorsers the identity the peer endorses with for each member organisation, by MSP id
 * @param chaincodes the chaincodes deployed on the channel, with distinct names
 */
public record ChannelSettings(
    String channel,
    Map<String, X509Certificate> organizationCas,
    Map<String, EndorserIdentity> endorsers,
    List<DeployedChaincode> chaincodes) {

  public ChannelSettings {
    if (channel.isBlank()) {
      throw new IllegalArgumentException("A channel needs a name");
    }
    organizationCas = Map.copyOf(organizationCas);
    endorsers = Map.copyOf(endorsers);
    chaincodes = List.copyOf(chaincodes);
    if (organizationCas.isEmpty()) {
      throw new IllegalArgumentException("Channel " + channel + " needs at least one member");
    }
    for (Map.Entry<String, EndorserIdentity> endorser : endorsers.entrySet()) {
      if (!endorser.getKey().equals(endorser.getValue().mspId())) {
        throw new IllegalArgumentException(
            "Endorser identity of "
                + endorser.getValue().mspId()
                + " is listed under "
                + endorser.getKey()
                + " on channel "
                + channel);
      }
      if (!organizationCas.containsKey(endorser.getKey())) {
        throw new IllegalArgumentException(
            "Endorser organisation "
                + endorser.getKey()
                + " is not a member of channel "
                + channel);
      }
    }
    Set<String> names = new HashSet<>();
    for (DeployedChaincode chaincode : chaincodes) {
      if (!names.add(chaincode.name())) {
        throw new IllegalArgumentException(
            "Chaincode " + chaincode.name() + " is deployed twice on channel " + channel);
      }
    }
  }
}
