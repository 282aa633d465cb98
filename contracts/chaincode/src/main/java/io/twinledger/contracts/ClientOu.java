package io.twinledger.contracts;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Fabric's NodeOU rule for a client identity: its certificate's subject has {@code OU=client}. The
 * peer has already checked the certificate's chain to the MSP's CA; the contracts check the OU to
 * tell a client of an organisation from its peers and admins.
 */
public final class ClientOu {

  private ClientOu() {}

  /**
   * Whether {@code subject} (RFC 2253, as {@code X500Principal.getName()}) has {@code OU=client}.
   */
  public static boolean isClient(String subject) {
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("OU") && "client".equals(rdn.getValue())) {
          return true;
        }
      }
      return false;
    } catch (InvalidNameException e) {
      return false;
    }
  }
}
