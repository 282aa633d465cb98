package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A signer whose serialized identity (a {@code msp.SerializedIdentity}: MSP id and PEM certificate)
 * has been checked against its organisation's CA.
 *
 * @param mspId the organisation the certificate chains to
 * @param certificate the signer's certificate
 * @param serialized the {@code SerializedIdentity} bytes exactly as they appeared in the message
 */
public record Creator(String mspId, X509Certificate certificate, ByteString serialized) {

  /**
   * Checks this signer's signature over {@code message}.
   *
   * @return empty when valid, otherwise why not
   */
  public Optional<String> verify(byte[] message, byte[] signature) {
    return EcdsaSignatures.verify(certificate.getPublicKey(), message, signature);
  }
}
