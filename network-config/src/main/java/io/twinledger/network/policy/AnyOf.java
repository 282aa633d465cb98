package io.twinledger.network.policy;

import java.util.List;
import java.util.Set;

/** At least one of the policies must be satisfied: Fabric's {@code OR}. */
public record AnyOf(List<EndorsementPolicy> policies) implements EndorsementPolicy {

  public AnyOf {
    policies = Gates.operands(policies, "OR");
  }

  public static AnyOf of(EndorsementPolicy... policies) {
    return new AnyOf(List.of(policies));
  }

  @Override
  public boolean isSatisfiedBy(Set<String> endorsingMspIds) {
    return policies.stream().anyMatch(p -> p.isSatisfiedBy(endorsingMspIds));
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
