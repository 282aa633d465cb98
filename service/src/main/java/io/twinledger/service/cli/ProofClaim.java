package io.twinledger.service.cli;

import io.twinledger.contracts.merkle.ConsistencyProof;
import io.twinledger.contracts.merkle.InclusionProof;
import io.twinledger.contracts.merkle.MerkleHash;
import io.twinledger.contracts.merkle.ProofCheck;

/** What a proof file claims, well-formed; {@link #check()} decides whether the claim holds. */
sealed interface ProofClaim {

  /** The RFC 9162 verdict on the claim. */
  ProofCheck check();

  /** The leaf with hash {@code leafHash} is in the tree with root {@code root}. */
  record Inclusion(InclusionProof proof, MerkleHash leafHash, MerkleHash root)
      implements ProofClaim {
    @Override
    public ProofCheck check() {
      return proof.verify(leafHash, root);
    }
  }

  /** The tree with root {@code root1} is a prefix of the tree with root {@code root2}. */
  record Consistency(ConsistencyProof proof, MerkleHash root1, MerkleHash root2)
      implements ProofClaim {
    @Override
    public ProofCheck check() {
      return proof.verify(root1, root2);
    }
  }
}
