package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random trees (1 to 300 leaves, all distinct) and random sets of their leaves: every proof
 * verifies, and every change to what it claims is refused: a proof hash, a leaf hash, the size, an
 * index.
 */
class MultiInclusionProofPropertiesTest {

  private static final int MAX_SIZE = 300;
  private static final List<Sha256> LEAVES = MultiInclusionProofTest.distinctLeaves(MAX_SIZE);
  private static final MerkleTree TREE =
      new MerkleTree(MultiInclusionProofTest.LevelSource.of(LEAVES));

  /** A tree size and a set of its leaf indices. */
  record Proven(int size, Set<Long> indices) {

    MultiInclusionProof proof() {
      return TREE.multiInclusion(indices, size);
    }

    List<Sha256> leafHashes() {
      return MultiInclusionProofTest.hashesAt(LEAVES, new TreeSet<>(indices).stream().toList());
    }

    Sha256 root() {
      return TREE.root(size);
    }
  }

  @Provide
  Arbitrary<Proven> proven() {
    return Arbitraries.integers()
        .between(1, MAX_SIZE)
        .flatMap(
            n ->
                Arbitraries.longs()
                    .between(0, n - 1)
                    .set()
                    .ofMinSize(1)
                    .ofMaxSize(Math.min(n, 64))
                    .map(indices -> new Proven(n, indices)));
  }

  @Property
  void everyProofVerifies(@ForAll("proven") Proven p) {
    assertThat(p.proof().verify(p.leafHashes(), p.size(), p.root())).isEqualTo(ProofCheck.VALID);
  }

  @Property
  void aChangedProofHashIsRefused(
      @ForAll("proven") Proven p,
      @ForAll @IntRange(max = 1 << 20) int which,
      @ForAll @IntRange(max = 255) int bit) {
    MultiInclusionProof proof = p.proof();
    Assume.that(!proof.hashes().isEmpty());
    List<Sha256> hashes = new ArrayList<>(proof.hashes());
    int i = which % hashes.size();
    hashes.set(i, ProofCheckTest.flip(hashes.get(i), bit));

    assertThat(
            new MultiInclusionProof(p.size(), proof.leafIndices(), hashes)
                .verify(p.leafHashes(), p.size(), p.root())
                .isValid())
        .isFalse();
  }

  @Property
  void aChangedLeafHashIsRefused(
      @ForAll("proven") Proven p,
      @ForAll @IntRange(max = 1 << 20) int which,
      @ForAll @IntRange(max = 255) int bit) {
    List<Sha256> leaves = new ArrayList<>(p.leafHashes());
    int i = which % leaves.size();
    leaves.set(i, ProofCheckTest.flip(leaves.get(i), bit));

    assertThat(p.proof().verify(leaves, p.size(), p.root()).isValid()).isFalse();
  }

  /**
   * Another size is refused both against the real tree's size and root and against the claimed
   * size's own root: the leaves are in that tree too, but the proof's hashes are not its hashes.
   */
  @Property
  void anotherSizeIsRefused(
      @ForAll("proven") Proven p, @ForAll @IntRange(min = 1, max = MAX_SIZE) int other) {
    Assume.that(other != p.size());
    MultiInclusionProof proof = p.proof();
    MultiInclusionProof claimed =
        new MultiInclusionProof(other, proof.leafIndices(), proof.hashes());

    assertThat(claimed.verify(p.leafHashes(), p.size(), p.root()).isValid()).isFalse();
    assertThat(claimed.verify(p.leafHashes(), other, TREE.root(other)).isValid()).isFalse();
  }

  /** One index moved anywhere else in the tree or just past it, the leaf hashes left as given. */
  @Property
  void aChangedIndexIsRefused(
      @ForAll("proven") Proven p,
      @ForAll @IntRange(max = 1 << 20) int which,
      @ForAll @IntRange(max = MAX_SIZE) int to) {
    MultiInclusionProof proof = p.proof();
    List<Long> indices = new ArrayList<>(proof.leafIndices());
    long moved = to % (p.size() + 1);
    int i = which % indices.size();
    Assume.that(indices.get(i) != moved);
    indices.set(i, moved);
    indices.sort(null);

    assertThat(
            new MultiInclusionProof(p.size(), indices, proof.hashes())
                .verify(p.leafHashes(), p.size(), p.root())
                .isValid())
        .isFalse();
  }
}
