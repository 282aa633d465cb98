package io.twinledger.reporting.verify;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.ProofCheck;
import io.twinledger.contracts.merkle.Sha256;

/** What a proof file claims, well-formed; {@link #check()} decides whether the claim holds. */
sealed interface ProofClaim {

  /** The RFC 9162 verdict on the claim. */
  ProofCheck check();

  /** The leaf with hash {@code leafHash} is in the tree with root {@code root}. */
  record Inclusion(InclusionProof proof, Sha256 leafHash, Sha256 root) implements ProofClaim {
    @Override
    public ProofCheck check() {
      return proof.verify(leafHash, root);
    }
  }

  /** The tree with root {@code root1} is a prefix of the tree with root {@code root2}. */
  record Consistency(ConsistencyProof proof, Sha256 root1, Sha256 root2) implements ProofClaim {
    @Override
    public ProofCheck check() {
      return proof.verify(root1, root2);
    }
  }
}
