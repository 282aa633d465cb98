package io.twinledger.network.policy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which organisations must endorse a transaction for it to be valid: a Fabric signature policy over
 * MSP ids.
 *
 * <p>A policy is evaluated on the set of MSP ids whose peers endorsed; checking that each
 * endorsement is a valid signature of a peer of that MSP is the caller's part. The rendering is the
 * string syntax of {@code configtx.yaml} and of {@code peer lifecycle chaincode approveformyorg
 * --signature-policy}.
 */
public sealed interface EndorsementPolicy permits SignedBy, AllOf, AnyOf, OutOf {

  /** Whether endorsements by exactly these MSPs satisfy the policy. */
  boolean isSatisfiedBy(Set<String> endorsingMspIds);

  /** Every MSP id the policy names, that is every organisation whose endorsement can count. */
  Set<String> mspIds();

  /**
   * The Fabric signature policy with peer principals, as chaincode definitions take it: {@code
   * AND('CityFinanceMSP.peer','IndependentAuditorMSP.peer')}.
   */
  default String signaturePolicy() {
    return signaturePolicy(PrincipalRole.PEER);
  }

  /**
   * The Fabric signature policy with principals of the given role. A lone {@link SignedBy} is
   * rendered as {@code OR('M.role')}, because Fabric's policy parser wants a gate at the top.
   */
  default String signaturePolicy(PrincipalRole role) {
    return this instanceof SignedBy ? "OR(" + expression(this, role) + ")" : expression(this, role);
  }

  private static String expression(EndorsementPolicy policy, PrincipalRole role) {
    return switch (policy) {
      case SignedBy signedBy -> "'" + signedBy.mspId() + "." + role.principalSuffix() + "'";
      case AllOf allOf -> "AND(" + expressions(allOf.policies(), role) + ")";
      case AnyOf anyOf -> "OR(" + expressions(anyOf.policies(), role) + ")";
      case OutOf outOf ->
          "OutOf(" + outOf.required() + "," + expressions(outOf.policies(), role) + ")";
    };
  }

  private static String expressions(List<EndorsementPolicy> policies, PrincipalRole role) {
    return policies.stream().map(p -> expression(p, role)).collect(Collectors.joining(","));
  }
}
