package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifiers are strict: every mutation of a valid proof, and every input RFC 9162 rules out. */
class ProofCheckTest {

  private static final List<Sha256> LEAVES = MerkleTreeTest.randomLeaves(21);
  private static final MerkleTree TREE = new MerkleTree(new MerkleTreeTest.InMemorySource(LEAVES));

  @Test
  void everyMutationOfAnInclusionProofIsRefused() {
    for (int[] c : new int[][] {{0, 1}, {0, 2}, {3, 8}, {6, 7}, {12, 21}, {20, 21}}) {
      int m = c[0];
      int n = c[1];
      InclusionProof proof = TREE.inclusion(m, n);
      Sha256 root = TREE.root(n);
      Sha256 leaf = LEAVES.get(m);
      for (int i = 0; i < proof.path().size(); i++) {
        for (int bit = 0; bit < 8 * Sha256.LENGTH; bit += 37) {
          List<Sha256> path = new ArrayList<>(proof.path());
          path.set(i, flip(path.get(i), bit));
          assertThat(new InclusionProof(m, n, path).verify(leaf, root).isValid()).isFalse();
        }
      }
      assertThat(proof.verify(flip(leaf, 3), root).isValid()).isFalse();
      assertThat(proof.verify(leaf, flip(root, 255)).isValid()).isFalse();
      if (n > 1) {
        int other = (m + 1) % n;
        assertThat(new InclusionProof(other, n, proof.path()).verify(leaf, root).isValid())
            .as("leaf %d claimed at %d", m, other)
            .isFalse();
      }
      List<Sha256> longer = new ArrayList<>(proof.path());
      longer.add(root);
      assertThat(new InclusionProof(m, n, longer).verify(leaf, root))
          .isEqualTo(
              new ProofCheck.Invalid(
                  "a path to leaf "
                      + m
                      + " of "
                      + n
                      + " has "
                      + proof.path().size()
                      + " hashes, not "
                      + longer.size()));
      if (!proof.path().isEmpty()) {
        List<Sha256> shorter = proof.path().subList(0, proof.path().size() - 1);
        assertThat(new InclusionProof(m, n, shorter).verify(leaf, root).isValid()).isFalse();
      }
    }
  }

  @Test
  void inclusionInputsTheRfcRulesOutAreRefusedBeforeHashing() {
    Sha256 root = TREE.root(8);
    assertThat(new InclusionProof(8, 8, TREE.inclusion(7, 8).path()).verify(LEAVES.get(7), root))
        .isEqualTo(new ProofCheck.Invalid("leaf index 8 is outside a tree of 8 leaves"));
    assertThat(new InclusionProof(0, 0, List.of()).verify(LEAVES.get(0), TreeHash.EMPTY))
        .isEqualTo(new ProofCheck.Invalid("leaf index 0 is outside a tree of 0 leaves"));
    assertThat(new InclusionProof(-1, 8, List.of()).verify(LEAVES.get(0), root).isValid())
        .isFalse();
    assertThat(new InclusionProof(0, 1, List.of()).verify(LEAVES.get(0), TREE.root(1)))
        .isEqualTo(ProofCheck.VALID);
  }

  @Test
  void everyMutationOfAConsistencyProofIsRefused() {
    for (int[] c : new int[][] {{1, 2}, {3, 7}, {4, 8}, {6, 8}, {5, 21}, {16, 21}}) {
      int m = c[0];
      int n = c[1];
      ConsistencyProof proof = TREE.consistency(m, n);
      Sha256 root1 = TREE.root(m);
      Sha256 root2 = TREE.root(n);
      assertThat(proof.verify(root1, root2)).isEqualTo(ProofCheck.VALID);
      for (int i = 0; i < proof.path().size(); i++) {
        List<Sha256> path = new ArrayList<>(proof.path());
        path.set(i, flip(path.get(i), 100));
        assertThat(new ConsistencyProof(m, n, path).verify(root1, root2).isValid())
            .as("%d to %d, hash %d changed", m, n, i)
            .isFalse();
      }
      assertThat(proof.verify(flip(root1, 0), root2).isValid()).isFalse();
      assertThat(proof.verify(root1, flip(root2, 0)).isValid()).isFalse();
      assertThat(proof.verify(root2, root1).isValid()).isFalse();
      List<Sha256> longer = new ArrayList<>(proof.path());
      longer.add(root2);
      assertThat(new ConsistencyProof(m, n, longer).verify(root1, root2).isValid()).isFalse();
      assertThat(
              new ConsistencyProof(m, n, proof.path().subList(1, proof.path().size()))
                  .verify(root1, root2)
                  .isValid())
          .isFalse();
      if (m + 1 < n) {
        assertThat(new ConsistencyProof(m + 1, n, proof.path()).verify(root1, root2).isValid())
            .isFalse();
      }
    }
  }

  @Test
  void consistencyInputsTheRfcRulesOutAreRefusedBeforeHashing() {
    Sha256 root = TREE.root(8);
    assertThat(new ConsistencyProof(0, 8, List.of(root)).verify(TreeHash.EMPTY, root))
        .isEqualTo(new ProofCheck.Invalid("there is no consistency proof from the empty tree"));
    assertThat(new ConsistencyProof(8, 8, List.of(root)).verify(root, root))
        .isEqualTo(new ProofCheck.Invalid("a proof between equal sizes is empty, not 1 hashes"));
    assertThat(new ConsistencyProof(8, 8, List.of()).verify(root, root))
        .isEqualTo(ProofCheck.VALID);
    assertThat(new ConsistencyProof(8, 8, List.of()).verify(root, TREE.root(7)).isValid())
        .isFalse();
    assertThat(new ConsistencyProof(9, 8, List.of()).verify(TREE.root(9), root))
        .isEqualTo(
            new ProofCheck.Invalid("the first tree (9 leaves) is larger than the second (8)"));
    assertThat(new ConsistencyProof(3, 8, List.of()).verify(TREE.root(3), root))
        .isEqualTo(new ProofCheck.Invalid("a proof from 3 to 8 leaves has 4 hashes, not 0"));
  }

  @Test
  void hashesAreExactly32BytesOrRefused() {
    assertThatThrownBy(() -> Sha256.of(new byte[31]))
        .hasMessage("a SHA-256 digest has 32 bytes, not 31");
    assertThatThrownBy(() -> Sha256.fromHex("ab"))
        .hasMessage("a SHA-256 digest is 64 hex digits, not 2");
    assertThatThrownBy(() -> Sha256.fromHex("zz" + "00".repeat(31)))
        .hasMessageStartingWith("not a hex digest");
    Sha256 hash = LEAVES.get(3);
    assertThat(Sha256.fromHex(hash.hex().toUpperCase())).isEqualTo(hash);
    assertThat(Sha256.of(hash.bytes())).isEqualTo(hash).hasSameHashCodeAs(hash);
  }

  static Sha256 flip(Sha256 hash, int bit) {
    byte[] bytes = hash.bytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Sha256.of(bytes);
  }
}
