package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  /**
   * The reference tree of the Certificate Transparency test suites (shared/reference/ledger.md).
   */
  private static final List<String> REFERENCE_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  @Test
  void reproducesTheReferenceTree() {
    List<Sha256> leaves = new ArrayList<>();
    for (String hex : REFERENCE_LEAVES) {
      leaves.add(TreeHash.leaf(HexFormat.of().parseHex(hex)));
    }
    MerkleTree tree = new MerkleTree(new InMemorySource(leaves));

    assertThat(tree.root(0).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(tree.root(1).hex())
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    assertThat(tree.root(4).hex())
        .isEqualTo("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(tree.root(8).hex())
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  /** Roots from stored subtrees agree with the RFC's definition applied to the leaf list. */
  @Test
  void everyRootEqualsTheDefinition() {
    List<Sha256> leaves = randomLeaves(70);
    MerkleTree tree = new MerkleTree(new InMemorySource(leaves));
    for (int n = 1; n <= leaves.size(); n++) {
      assertThat(tree.root(n)).as("size %d", n).isEqualTo(mth(leaves.subList(0, n)));
    }
  }

  @Test
  void everyInclusionProofVerifies() {
    List<Sha256> leaves = randomLeaves(70);
    MerkleTree tree = new MerkleTree(new InMemorySource(leaves));
    for (int n = 1; n <= leaves.size(); n++) {
      Sha256 root = mth(leaves.subList(0, n));
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusion(m, n);
        assertThat(proof.path()).hasSize(InclusionProof.expectedLength(m, n));
        assertThat(proof.verify(leaves.get(m), root)).as("leaf %d of %d", m, n).isEqualTo(ok());
      }
    }
  }

  @Test
  void everyConsistencyProofVerifies() {
    List<Sha256> leaves = randomLeaves(70);
    MerkleTree tree = new MerkleTree(new InMemorySource(leaves));
    for (int n = 1; n <= leaves.size(); n++) {
      Sha256 root2 = mth(leaves.subList(0, n));
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = tree.consistency(m, n);
        assertThat(proof.verify(mth(leaves.subList(0, m)), root2))
            .as("%d to %d", m, n)
            .isEqualTo(ok());
      }
    }
  }

  @Test
  void theGeneratorRefusesProofsThatCannotExist() {
    MerkleTree tree = new MerkleTree(new InMemorySource(randomLeaves(5)));
    assertThatThrownBy(() -> tree.inclusion(5, 5)).hasMessageContaining("outside a tree of 5");
    assertThatThrownBy(() -> tree.consistency(0, 5)).hasMessageContaining("from 0 to 5");
    assertThatThrownBy(() -> tree.consistency(4, 3)).hasMessageContaining("from 4 to 3");
    assertThatThrownBy(() -> tree.root(-1)).hasMessageContaining("negative");
  }

  private static ProofCheck ok() {
    return ProofCheck.VALID;
  }

  static List<Sha256> randomLeaves(int count) {
    Random random = new Random(9162);
    List<Sha256> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      leaves.add(TreeHash.leaf(data));
    }
    return leaves;
  }

  /** MTH exactly as RFC 9162 section 2.1.1 defines it, independent of {@link MerkleTree}. */
  static Sha256 mth(List<Sha256> leaves) {
    if (leaves.isEmpty()) {
      return TreeHash.EMPTY;
    }
    if (leaves.size() == 1) {
      return leaves.getFirst();
    }
    int k = 1;
    while (k * 2 < leaves.size()) {
      k *= 2;
    }
    return TreeHash.node(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
  }

  /** Perfect subtrees computed from a list of leaf hashes. */
  record InMemorySource(List<Sha256> leaves) implements SubtreeSource {
    @Override
    public Sha256 perfect(long start, int level) {
      return mth(leaves.subList((int) start, (int) (start + (1L << level))));
    }
  }
}
