package io.twinledger.network.org;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A member organisation of the consortium, with its own MSP (certificate authority) and one peer.
 *
 * @param name the organisation's name for people: {@code City Finance Office}
 * @param mspId its MSP id, which policies and identities name: {@code CityFinanceMSP}
 * @param domain the DNS domain of its nodes and certificates: {@code
 *     cityfinance.twinledger.example}
 * @param roles what it does in the consortium; never empty
 * @param peerPort the port its peer listens on, the same inside and outside the test network's
 *     containers; the peer's chaincode port is the next one
 */
public record Organisation(
    String name, String mspId, String domain, Set<OrgRole> roles, int peerPort) {

  public Organisation {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an organisation's name must not be blank");
    }
    Names.require(mspId, Names.MSP_ID, "an MSP id");
    Names.require(domain, Names.DOMAIN, "a domain");
    Objects.requireNonNull(roles, "roles");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("an organisation needs at least one role");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    Names.requirePort(peerPort, "peerPort");
    if (peerPort == 65535) {
      throw new IllegalArgumentException(
          "peerPort must leave room for the chaincode port after it");
    }
  }

  public boolean hasRole(OrgRole role) {
    return roles.contains(role);
  }

  /** The host name of its peer: {@code peer0.<domain>}, as cryptogen names it. */
  public String peerHost() {
    return "peer0." + domain;
  }

  /** The port the peer accepts chaincode connections on (unused with chaincode as a service). */
  public int chaincodePort() {
    return peerPort + 1;
  }

  /** The first label of the domain, for file names: {@code cityfinance}. */
  public String shortName() {
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }
}
