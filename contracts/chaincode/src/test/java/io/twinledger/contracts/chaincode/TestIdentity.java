package io.twinledger.contracts.chaincode;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An enrolled identity: its MSP, its certificate and private key. It is the creator of the
 * proposals a {@link ChaincodePeer} sends, and signs checkpoints as a log operator would.
 */
public record TestIdentity(String mspId, X509Certificate certificate, PrivateKey key) {

  /** The {@code SerializedIdentity} Fabric puts in a proposal: MSP id and PEM certificate. */
  public ByteString serialized() {
    return SerializedIdentity.newBuilder()
        .setMspid(mspId)
        .setIdBytes(ByteString.copyFrom(pem(), StandardCharsets.UTF_8))
        .build()
        .toByteString();
  }

  /** ECDSA P-256 with SHA-256 over {@code data}, DER. */
  public byte[] sign(byte[] data) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initSign(key);
      ecdsa.update(data);
      return ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #sign} in base64, as the audit contract takes it. */
  public String signBase64(byte[] data) {
    return Base64.getEncoder().encodeToString(sign(data));
  }

  private String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
