package io.twinledger.network.msp;

import java.security.cert.X509Certificate;
import java.util.Objects;

/** The outcome of checking a certificate against an MSP: trusted, or untrusted with the reason. */
public sealed interface IdentityCheck {

  boolean isTrusted();

  /**
   * The certificate chains to the MSP's CA, both are valid at the time checked, and it has a node
   * OU.
   */
  record Trusted(String mspId, NodeOu nodeOu, X509Certificate certificate)
      implements IdentityCheck {

    public Trusted {
      Objects.requireNonNull(mspId, "mspId");
      Objects.requireNonNull(nodeOu, "nodeOu");
      Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public boolean isTrusted() {
      return true;
    }
  }

  /**
   * The certificate is not a trusted identity of the MSP.
   *
   * @param reason why, as a code
   * @param detail the same for people, naming the certificate and MSP
   */
  record Untrusted(UntrustedReason reason, String detail) implements IdentityCheck {

    public Untrusted {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean isTrusted() {
      return false;
    }

    @Override
    public String toString() {
      return reason + ": " + detail;
    }
  }
}
