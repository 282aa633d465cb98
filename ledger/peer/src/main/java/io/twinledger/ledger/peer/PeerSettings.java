package io.twinledger.ledger.peer;

import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Everything an {@link EmbeddedPeer} needs, as plain values.
 *
 * @param channel the one channel the peer serves
 * @param gatewayMspId the organisation the gateway answers for (in error details and {@code
 *     getMspId()} inside chaincode); must hold an endorser identity
 * @param dataSource the PostgreSQL holding the {@code V3_0__embedded_peer.sql} tables
 * @param organizationCas the root CA certificate of each member organisation, by MSP id
 * @param endorsers the identity the peer endorses with for each organisation, by MSP id
 * @param chaincodes the chaincodes deployed on the channel
 * @param batchLimits when blocks are cut
 */
public record PeerSettings(
    String channel,
    String gatewayMspId,
    DataSource dataSource,
    Map<String, X509Certificate> organizationCas,
    Map<String, EndorserIdentity> endorsers,
    List<DeployedChaincode> chaincodes,
    BatchLimits batchLimits) {

  public PeerSettings {
    if (channel.isBlank()) {
      throw new IllegalArgumentException("The peer needs a channel name");
    }
    organizationCas = Map.copyOf(organizationCas);
    endorsers = Map.copyOf(endorsers);
    chaincodes = List.copyOf(chaincodes);
    if (!endorsers.containsKey(gatewayMspId)) {
      throw new IllegalArgumentException(
          "The gateway organisation " + gatewayMspId + " has no endorser identity");
    }
    for (Map.Entry<String, EndorserIdentity> endorser : endorsers.entrySet()) {
      if (!endorser.getKey().equals(endorser.getValue().mspId())) {
        throw new IllegalArgumentException(
            "Endorser identity of "
                + endorser.getValue().mspId()
                + " is listed under "
                + endorser.getKey());
      }
      if (!organizationCas.containsKey(endorser.getKey())) {
        throw new IllegalArgumentException(
            "Endorser organisation " + endorser.getKey() + " is not a channel member");
      }
    }
  }
}
