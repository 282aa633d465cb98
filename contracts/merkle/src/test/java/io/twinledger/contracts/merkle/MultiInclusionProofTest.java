package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MultiInclusionProofTest {

  private static final List<Sha256> LEAVES = distinctLeaves(70);
  private static final MerkleTree TREE = new MerkleTree(new MerkleTreeTest.InMemorySource(LEAVES));

  @Test
  void everyProofOfEverySizeVerifiesAgainstTheRootOfTheTree() {
    Random random = new Random(9162);
    for (int n = 1; n <= LEAVES.size(); n++) {
      Sha256 root = TREE.root(n);
      assertThat(root).isEqualTo(MerkleTreeTest.mth(LEAVES.subList(0, n)));
      for (List<Long> indices : indexSets(n, random)) {
        MultiInclusionProof proof = TREE.multiInclusion(indices, n);

        assertThat(proof.leafIndices()).isEqualTo(new TreeSet<>(indices).stream().toList());
        assertThat(proof.verify(hashesAt(proof.leafIndices()), n, root))
            .as("leaves %s of %d", indices, n)
            .isEqualTo(ProofCheck.VALID);
      }
    }
  }

  @Test
  void aSingleLeafProofCarriesTheAuditPathAndVerifiesWhereItDoes() {
    for (int n = 1; n <= LEAVES.size(); n++) {
      Sha256 root = TREE.root(n);
      for (int m = 0; m < n; m++) {
        InclusionProof path = TREE.inclusion(m, n);
        MultiInclusionProof proof = TREE.multiInclusion(List.of((long) m), n);

        assertThat(proof.hashes()).containsExactlyInAnyOrderElementsOf(path.path());
        assertThat(proof.verify(List.of(LEAVES.get(m)), n, root)).isEqualTo(ProofCheck.VALID);
        assertThat(path.verify(LEAVES.get(m), root)).isEqualTo(ProofCheck.VALID);
        Sha256 other = LEAVES.get((m + 1) % LEAVES.size());
        assertThat(proof.verify(List.of(other), n, root).isValid()).isFalse();
        assertThat(path.verify(other, root).isValid()).isFalse();
      }
    }
  }

  /** The class comment's construction, worked by hand for leaves 0 and 12 of 13. */
  @Test
  void theHashesAreTheEmptyRangesInTheOrderOfTheRecursion() {
    assertThat(TREE.multiInclusion(List.of(12L, 0L), 13).hashes())
        .containsExactly(hashOf(1, 2), hashOf(2, 4), hashOf(4, 8), hashOf(8, 12));
    List<Long> all = new ArrayList<>();
    for (long i = 0; i < 13; i++) {
      all.add(i);
    }
    assertThat(TREE.multiInclusion(all, 13).hashes()).isEmpty();
  }

  @Test
  void theGeneratorRefusesIndexSetsThatCannotBeProven() {
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(), 5))
        .hasMessage("a multi-leaf proof is of at least one leaf");
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(3L, 1L, 3L), 5))
        .hasMessage("leaf index 3 is repeated");
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(0L, 5L), 5))
        .hasMessage("leaf index 5 is outside a tree of 5 leaves");
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(-1L), 5))
        .hasMessage("leaf index -1 is outside a tree of 5 leaves");
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(0L), 0))
        .hasMessage("leaf index 0 is outside a tree of 0 leaves");
    assertThatThrownBy(() -> TREE.multiInclusion(List.of(0L), -1)).hasMessageContaining("negative");
  }

  @Test
  void theVerifierRefusesBadShapesBeforeHashing() {
    int n = 21;
    Sha256 root = TREE.root(n);
    MultiInclusionProof proof = TREE.multiInclusion(List.of(2L, 9L, 20L), n);
    List<Sha256> leaves = hashesAt(proof.leafIndices());
    List<Sha256> hashes = proof.hashes();

    assertThat(proof.verify(leaves, n, root)).isEqualTo(ProofCheck.VALID);
    assertThat(proof.verify(leaves, 22, TREE.root(22)))
        .isEqualTo(new ProofCheck.Invalid("the proof is for a tree of 21 leaves, not 22"));
    assertThat(new MultiInclusionProof(n, List.of(2L, 9L, 9L), hashes).verify(leaves, n, root))
        .isEqualTo(new ProofCheck.Invalid("leaf index 9 is repeated"));
    assertThat(new MultiInclusionProof(n, List.of(9L, 2L, 20L), hashes).verify(leaves, n, root))
        .isEqualTo(new ProofCheck.Invalid("leaf indices are not ascending: 2 after 9"));
    assertThat(new MultiInclusionProof(n, List.of(2L, 9L, 21L), hashes).verify(leaves, n, root))
        .isEqualTo(new ProofCheck.Invalid("leaf index 21 is outside a tree of 21 leaves"));
    assertThat(new MultiInclusionProof(n, List.of(), hashes).verify(List.of(), n, root))
        .isEqualTo(new ProofCheck.Invalid("a multi-leaf proof is of at least one leaf"));
    assertThat(proof.verify(leaves.subList(0, 2), n, root))
        .isEqualTo(new ProofCheck.Invalid("2 leaf hashes given for 3 leaf indices"));

    List<Sha256> leftOver = new ArrayList<>(hashes);
    leftOver.add(root);
    assertThat(new MultiInclusionProof(n, proof.leafIndices(), leftOver).verify(leaves, n, root))
        .isEqualTo(
            new ProofCheck.Invalid(
                "a proof of 3 leaves of 21 has "
                    + hashes.size()
                    + " hashes, not "
                    + leftOver.size()));
    List<Sha256> missing = hashes.subList(0, hashes.size() - 1);
    assertThat(new MultiInclusionProof(n, proof.leafIndices(), missing).verify(leaves, n, root))
        .isEqualTo(
            new ProofCheck.Invalid(
                "a proof of 3 leaves of 21 has "
                    + hashes.size()
                    + " hashes, not "
                    + missing.size()));
  }

  /**
   * Why the verifier takes the size from the caller: read as a proof in a larger tree, a proof can
   * lead to the very same root, so only comparing sizes tells the claim is false.
   */
  @Test
  void aRootDoesNotBindTheSizeAProofClaims() {
    MultiInclusionProof proof = TREE.multiInclusion(List.of(0L), 5);
    MultiInclusionProof claimed = new MultiInclusionProof(6, proof.leafIndices(), proof.hashes());
    Sha256 root = TREE.root(5);

    assertThat(claimed.verify(List.of(LEAVES.get(0)), 6, root)).isEqualTo(ProofCheck.VALID);
    assertThat(claimed.verify(List.of(LEAVES.get(0)), 5, root))
        .isEqualTo(new ProofCheck.Invalid("the proof is for a tree of 6 leaves, not 5"));
  }

  @Test
  void theEncodedFormIsTheSizeTheAscendingIndicesAndHexHashes() {
    MultiInclusionProof proof = TREE.multiInclusion(List.of(40L, 3L, 17L), 70);

    assertThat(proof.treeSize()).isEqualTo(70);
    assertThat(proof.leafIndices()).containsExactly(3L, 17L, 40L);
    assertThat(proof.hexHashes())
        .hasSameSizeAs(proof.hashes())
        .allSatisfy(hex -> assertThat(hex).matches("[0-9a-f]{64}"));
    assertThat(MultiInclusionProof.fromHex(70, List.of(3L, 17L, 40L), proof.hexHashes()))
        .isEqualTo(proof);
    assertThatThrownBy(() -> MultiInclusionProof.fromHex(70, List.of(3L), List.of("ab")))
        .hasMessage("a SHA-256 digest is 64 hex digits, not 2");
  }

  /**
   * A thousand leaves spread over a tree of 100,000: the proof carries each shared hash once, where
   * a thousand audit paths repeat the upper levels a thousand times.
   */
  @Test
  void aThousandLeavesOfAHundredThousandCostFarLessThanAThousandAuditPaths() {
    int n = 100_000;
    List<Sha256> leaves = distinctLeaves(n);
    MerkleTree tree = new MerkleTree(LevelSource.of(leaves));
    Random random = new Random(1000);
    Set<Long> chosen = new HashSet<>();
    while (chosen.size() < 1000) {
      chosen.add((long) random.nextInt(n));
    }

    MultiInclusionProof proof = tree.multiInclusion(chosen, n);
    int separate = 0;
    for (long index : chosen) {
      separate += tree.inclusion(index, n).path().size();
    }
    System.out.printf(
        "1,000 leaves of a 100,000-leaf tree: one multi-leaf proof %,d hashes,"
            + " 1,000 inclusion proofs %,d hashes%n",
        proof.hashes().size(), separate);

    assertThat(proof.verify(hashesAt(leaves, proof.leafIndices()), n, tree.root(n)))
        .isEqualTo(ProofCheck.VALID);
    assertThat(proof.hashes().size()).isLessThan(separate / 2);
  }

  /** Sets of leaf indices of a tree of {@code n}: one leaf, both ends, a run, random, all. */
  static List<List<Long>> indexSets(int n, Random random) {
    List<List<Long>> sets = new ArrayList<>();
    sets.add(List.of((long) random.nextInt(n)));
    sets.add(n > 1 ? List.of(n - 1L, 0L) : List.of(0L));
    List<Long> run = new ArrayList<>();
    for (long i = n / 3; i < Math.max(n / 3 + 1, 2L * n / 3); i++) {
      run.add(i);
    }
    sets.add(run);
    for (int s = 0; s < 4; s++) {
      Set<Long> chosen = new HashSet<>();
      int count = 1 + random.nextInt(n);
      while (chosen.size() < count) {
        chosen.add((long) random.nextInt(n));
      }
      List<Long> shuffled = new ArrayList<>(chosen);
      Collections.shuffle(shuffled, random);
      sets.add(shuffled);
    }
    List<Long> all = new ArrayList<>();
    for (long i = n - 1; i >= 0; i--) {
      all.add(i);
    }
    sets.add(all);
    return sets;
  }

  /** Leaves whose hashes all differ, so that a leaf moved or swapped always changes a root. */
  static List<Sha256> distinctLeaves(int count) {
    List<Sha256> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      leaves.add(TreeHash.leaf(("leaf " + i).getBytes()));
    }
    return leaves;
  }

  private static List<Sha256> hashesAt(List<Long> indices) {
    return hashesAt(LEAVES, indices);
  }

  static List<Sha256> hashesAt(List<Sha256> leaves, List<Long> indices) {
    return indices.stream().map(i -> leaves.get(i.intValue())).toList();
  }

  private static Sha256 hashOf(int start, int end) {
    return MerkleTreeTest.mth(LEAVES.subList(start, end));
  }

  /**
   * Every perfect subtree of a list of leaves computed once, level by level, so that a tree of
   * 100,000 leaves answers each lookup without rehashing.
   */
  record LevelSource(List<List<Sha256>> levels) implements SubtreeSource {

    static LevelSource of(List<Sha256> leaves) {
      List<List<Sha256>> levels = new ArrayList<>();
      levels.add(List.copyOf(leaves));
      while (levels.getLast().size() > 1) {
        List<Sha256> below = levels.getLast();
        List<Sha256> level = new ArrayList<>(below.size() / 2);
        for (int i = 0; i + 1 < below.size(); i += 2) {
          level.add(TreeHash.node(below.get(i), below.get(i + 1)));
        }
        levels.add(level);
      }
      return new LevelSource(levels);
    }

    @Override
    public Sha256 perfect(long start, int level) {
      return levels.get(level).get((int) (start >> level));
    }
  }
}
