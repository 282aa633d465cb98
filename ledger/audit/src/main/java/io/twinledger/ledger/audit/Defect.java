package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;

/**
 * One thing an {@link IntegrityCheck} found wrong in a stored log. Nodes are named by level and
 * index: node (level, index) covers leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 */
public sealed interface Defect {

  /** One line saying what is wrong, naming the leaf, node or checkpoint. */
  String description();

  /** A leaf's stored data does not hash to its stored leaf hash. */
  record LeafDataMismatch(long index, Sha256 stored, Sha256 computed) implements Defect {
    @Override
    public String description() {
      return "leaf " + index + ": its data hashes to " + computed + ", not the stored " + stored;
    }
  }

  /** A leaf below the log's size is not stored. */
  record LeafMissing(long index) implements Defect {
    @Override
    public String description() {
      return "leaf " + index + " is missing";
    }
  }

  /** A leaf is stored at or beyond the log's size. */
  record UnexpectedLeaf(long index) implements Defect {
    @Override
    public String description() {
      return "leaf " + index + " is stored beyond the log's size";
    }
  }

  /** A stored node differs from the hash of its children, recomputed from the leaf hashes up. */
  record NodeMismatch(int level, long index, Sha256 stored, Sha256 computed) implements Defect {
    @Override
    public String description() {
      return "node (level "
          + level
          + ", index "
          + index
          + "): stored "
          + stored
          + ", but its leaves give "
          + computed;
    }
  }

  /** A perfect subtree of the log has no stored node. */
  record NodeMissing(int level, long index) implements Defect {
    @Override
    public String description() {
      return "node (level " + level + ", index " + index + ") is missing";
    }
  }

  /** A node is stored for leaves the log does not have. */
  record UnexpectedNode(int level, long index) implements Defect {
    @Override
    public String description() {
      return "node (level " + level + ", index " + index + ") covers leaves beyond the log's size";
    }
  }

  /** A checkpoint's root is not the root the stored tree gives at its size. */
  record CheckpointRootMismatch(long treeSize, Sha256 stored, Sha256 computed) implements Defect {
    @Override
    public String description() {
      return "checkpoint at size "
          + treeSize
          + ": root "
          + stored
          + ", but the tree gives "
          + computed;
    }
  }

  /** A checkpoint's signature is not its certificate's key's signature over it. */
  record CheckpointSignatureInvalid(long treeSize, String signer) implements Defect {
    @Override
    public String description() {
      return "checkpoint at size " + treeSize + ": the signature of " + signer + " does not verify";
    }
  }

  /** A checkpoint is of more leaves than the log has. */
  record CheckpointBeyondLog(long treeSize, long logSize) implements Defect {
    @Override
    public String description() {
      return "checkpoint at size " + treeSize + " is beyond the log's " + logSize + " leaves";
    }
  }
}
