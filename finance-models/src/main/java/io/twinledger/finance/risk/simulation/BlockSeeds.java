package io.twinledger.finance.risk.simulation;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Gives each block of paths its own generator, a function of the run's seed and the block's index
 * only, so that a block draws the same numbers whichever thread runs it and in whatever order.
 *
 * <p>The generator is a Commons Math {@link Well19937c}; its whole 624-word state is filled from a
 * SplitMix64 sequence started at {@code seed} mixed with the block index, so that neighbouring
 * blocks start from unrelated states rather than from seeds that differ in one word.
 */
final class BlockSeeds {

  private static final int WELL19937_WORDS = 624;
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private BlockSeeds() {}

  static RandomGenerator generator(long seed, int block) {
    long state = mix(seed) ^ mix(GOLDEN_GAMMA * (block + 1L));
    int[] words = new int[WELL19937_WORDS];
    for (int i = 0; i < words.length; i += 2) {
      state += GOLDEN_GAMMA;
      long z = mix(state);
      words[i] = (int) (z >>> 32);
      words[i + 1] = (int) z;
    }
    return new Well19937c(words);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
