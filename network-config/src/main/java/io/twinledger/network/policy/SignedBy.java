package io.twinledger.network.policy;

import java.util.Objects;
import java.util.Set;

/** An endorsement by one organisation. */
public record SignedBy(String mspId) implements EndorsementPolicy {

  public SignedBy {
    Objects.requireNonNull(mspId, "mspId");
    if (mspId.isBlank()) {
      throw new IllegalArgumentException("an MSP id must not be blank");
    }
  }

  @Override
  public boolean isSatisfiedBy(Set<String> endorsingMspIds) {
    return endorsingMspIds.contains(mspId);
  }

  @Override
  public Set<String> mspIds() {
    return Set.of(mspId);
  }

  @Override
  public String toString() {
    return signaturePolicy();
  }
}
