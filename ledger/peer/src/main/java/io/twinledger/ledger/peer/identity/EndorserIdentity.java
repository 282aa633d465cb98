package io.twinledger.ledger.peer.identity;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The identity a peer endorses with on behalf of one organisation: its certificate (issued by that
 * organisation's CA) and private EC key.
 *
 * @param mspId the organisation
 * @param certificate the endorser's certificate
 * @param privateKey the matching EC private key
 */
public record EndorserIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

  /** The {@code msp.SerializedIdentity} bytes: MSP id and the certificate as PEM. */
  public ByteString serialized() {
    return SerializedIdentity.newBuilder()
        .setMspid(mspId)
        .setIdBytes(ByteString.copyFrom(pem(certificate), StandardCharsets.UTF_8))
        .build()
        .toByteString();
  }

  /** A low-s ECDSA signature over the SHA-256 of {@code message}. */
  public byte[] sign(byte[] message) {
    return EcdsaSignatures.sign(privateKey, message);
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("Certificate cannot be encoded", e);
    }
  }
}
