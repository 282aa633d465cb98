package io.twinledger.network.msp;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * An identity's kind, as Fabric's NodeOUs tell it: the organisational unit ({@code OU}) in the
 * certificate's subject. With NodeOUs enabled, every identity of an MSP carries exactly one.
 */
public enum NodeOu {
  /** A peer: endorses and commits. Endorsement policies name peers. */
  PEER("peer"),
  /** An administrator of the organisation. */
  ADMIN("admin"),
  /** An application identity that submits transactions (TwinLedger's gateway client). */
  CLIENT("client"),
  /** An ordering node. */
  ORDERER("orderer");

  private final String ou;

  NodeOu(String ou) {
    this.ou = ou;
  }

  /** The OU value in the subject: {@code peer}. */
  public String ou() {
    return ou;
  }

  /** The node OU of {@code certificate}, if its subject has exactly one. */
  public static Optional<NodeOu> of(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<NodeOu> found =
        Arrays.stream(subject.getRDNs(BCStyle.OU))
            .map(RDN::getFirst)
            .map(value -> IETFUtils.valueToString(value.getValue()))
            .flatMap(value -> Arrays.stream(values()).filter(n -> n.ou.equals(value)))
            .toList();
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }
}
