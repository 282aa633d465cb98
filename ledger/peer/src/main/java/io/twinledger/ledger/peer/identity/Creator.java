package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import io.twinledger.network.msp.NodeOu;
import io.twinledger.network.policy.PrincipalRole;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A signer whose serialized identity (a {@code msp.SerializedIdentity}: MSP id and PEM certificate)
 * has been checked against its organisation's CA.
 *
 * @param mspId the organisation the certificate chains to
 * @param nodeOu the identity's kind, from the node OU in its certificate's subject
 * @param certificate the signer's certificate
 * @param serialized the {@code SerializedIdentity} bytes exactly as they appeared in the message
 */
public record Creator(
    String mspId, NodeOu nodeOu, X509Certificate certificate, ByteString serialized) {

  /**
   * Checks this signer's signature over {@code message}.
   *
   * @return empty when valid, otherwise why not
   */
  public Optional<String> verify(byte[] message, byte[] signature) {
    return EcdsaSignatures.verify(certificate.getPublicKey(), message, signature);
  }

  /**
   * Whether this identity satisfies the MSP principal {@code '<mspId>.<role>'}, as Fabric's MSP
   * decides with NodeOUs: {@code member} is any valid identity of the MSP (this one is valid),
   * every other role needs the node OU of that name.
   */
  public boolean satisfies(String principalMspId, PrincipalRole role) {
    if (!mspId.equals(principalMspId)) {
      return false;
    }
    return switch (role) {
      case MEMBER -> true;
      case ADMIN -> nodeOu == NodeOu.ADMIN;
      case CLIENT -> nodeOu == NodeOu.CLIENT;
      case PEER -> nodeOu == NodeOu.PEER;
      case ORDERER -> nodeOu == NodeOu.ORDERER;
    };
  }

  /** {@code CityFinanceMSP peer}: whose signature this is, for messages. */
  public String describe() {
    return mspId + " " + nodeOu.ou();
  }
}
