package io.twinledger.network.policy;

import java.util.List;
import java.util.Set;

/** Every one of the policies must be satisfied: Fabric's {@code AND}. */
public record AllOf(List<EndorsementPolicy> policies) implements EndorsementPolicy {

  public AllOf {
    policies = Gates.operands(policies, "AND");
  }

  public static AllOf of(EndorsementPolicy... policies) {
    return new AllOf(List.of(policies));
  }

  @Override
  public boolean isSatisfiedBy(Set<String> endorsingMspIds) {
    return policies.stream().allMatch(p -> p.isSatisfiedBy(endorsingMspIds));
  }

  @Override
  public Set<String> mspIds() {
    return Gates.mspIds(policies);
  }

  @Override
  public String toString() {
    return signaturePolicy();
  }
}
