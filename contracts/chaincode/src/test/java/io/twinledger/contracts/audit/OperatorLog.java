package io.twinledger.contracts.audit;

import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.MerkleTree;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.TreeHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A log operator's Merkle log in memory: leaves appended, and the arguments of {@code
 * RecordCheckpoint} for any size, signed by the operator.
 */
final class OperatorLog {

  private final String logId;
  private final TestIdentity operator;
  private final List<Sha256> leaves = new ArrayList<>();
  private final MerkleTree tree;

  OperatorLog(String logId, TestIdentity operator) {
    this.logId = logId;
    this.operator = operator;
    this.tree = new MerkleTree(this::perfect);
  }

  /** Appends leaves {@code "<prefix>-<i>"} until the log holds {@code size}. */
  OperatorLog growTo(int size, String prefix) {
    while (leaves.size() < size) {
      leaves.add(TreeHash.leaf((prefix + "-" + leaves.size()).getBytes(StandardCharsets.UTF_8)));
    }
    return this;
  }

  Sha256 root(long size) {
    return tree.root(size);
  }

  /** The consistency proof from {@code from} to {@code to} leaves, as a JSON array. */
  String proof(long from, long to) {
    return json(tree.consistency(from, to).path());
  }

  /** {@code RecordCheckpoint}'s arguments for {@code size} leaves at {@code at}. */
  String[] record(long size, Instant at, String proof) {
    Checkpoint checkpoint = new Checkpoint(logId, size, root(size), at);
    return new String[] {
      logId,
      Long.toString(size),
      checkpoint.root().hex(),
      checkpoint.timestamp().toString(),
      operator.signBase64(checkpoint.signedContent()),
      proof
    };
  }

  static String json(List<Sha256> hashes) {
    return hashes.stream()
        .map(hash -> "\"" + hash.hex() + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private Sha256 perfect(long start, int level) {
    if (level == 0) {
      return leaves.get((int) start);
    }
    long half = 1L << (level - 1);
    return TreeHash.node(perfect(start, level - 1), perfect(start + half, level - 1));
  }
}
