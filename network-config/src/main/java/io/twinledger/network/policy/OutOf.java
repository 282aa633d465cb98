package io.twinledger.network.policy;

import java.util.List;
import java.util.Set;

/**
 * At least {@code required} of the policies must be satisfied: Fabric's {@code OutOf(n, ...)}.
 *
 * @param required how many, from 1 to the number of policies
 */
public record OutOf(int required, List<EndorsementPolicy> policies) implements EndorsementPolicy {

  public OutOf {
    policies = Gates.operands(policies, "OutOf");
    if (required < 1 || required > policies.size()) {
      throw new IllegalArgumentException(
          "OutOf needs between 1 and "
              + policies.size()
              + " of its "
              + policies.size()
              + " policies, was "
              + required);
    }
  }

  public static OutOf of(int required, EndorsementPolicy... policies) {
    return new OutOf(required, List.of(policies));
  }

  @Override
  public boolean isSatisfiedBy(Set<String> endorsingMspIds) {
    return policies.stream().filter(p -> p.isSatisfiedBy(endorsingMspIds)).count() >= required;
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
