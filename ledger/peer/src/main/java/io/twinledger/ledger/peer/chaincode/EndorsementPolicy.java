package io.twinledger.ledger.peer.chaincode;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which endorsements a transaction needs: a rule over the set of endorsing MSP ids, and the MSP ids
 * the peer endorses with when the client names none.
 *
 * @param rule true when a set of endorsing organisations satisfies the policy
 * @param endorsers the organisations to endorse with by default; must satisfy {@code rule}
 */
public record EndorsementPolicy(Predicate<Set<String>> rule, Set<String> endorsers) {

  public EndorsementPolicy {
    endorsers = Set.copyOf(endorsers);
    if (!rule.test(endorsers)) {
      throw new IllegalArgumentException(
          "The default endorsers " + endorsers + " do not satisfy the policy");
    }
  }

  /** Whether endorsements by exactly these organisations satisfy the policy. */
  public boolean isSatisfiedBy(Set<String> endorsingMspIds) {
    return rule.test(endorsingMspIds);
  }
}
