package io.twinledger.network.policy;

/**
 * The role part of a Fabric MSP principal ({@code 'CityFinanceMSP.peer'}), told apart by the
 * identity's node OU when NodeOUs are enabled.
 */
public enum PrincipalRole {
  /** Any identity of the MSP. */
  MEMBER("member"),
  /** An admin identity (OU {@code admin}). */
  ADMIN("admin"),
  /** A client identity (OU {@code client}). */
  CLIENT("client"),
  /** A peer (OU {@code peer}); endorsement policies name peers. */
  PEER("peer"),
  /** An ordering node (OU {@code orderer}). */
  ORDERER("orderer");

  private final String principalSuffix;

  PrincipalRole(String principalSuffix) {
    this.principalSuffix = principalSuffix;
  }

  /** The suffix after the MSP id in the policy syntax: {@code peer}. */
  public String principalSuffix() {
    return principalSuffix;
  }
}
