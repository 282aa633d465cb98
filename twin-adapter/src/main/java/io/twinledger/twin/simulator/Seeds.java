package io.twinledger.twin.simulator;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Random streams keyed by what they generate, so that any slice of time can be generated on its
 * own: the readings of a day come from a generator seeded by (seed, stream, day), never from a
 * generator that has run since some start. Two ranges that overlap therefore produce identical
 * readings where they overlap.
 */
final class Seeds {

  private static final RandomGeneratorFactory<RandomGenerator> L64X128_MIX =
      RandomGeneratorFactory.of("L64X128MixRandom");

  private Seeds() {}

  /** A fresh {@code L64X128MixRandom} for {@code index} of the named stream. */
  static RandomGenerator random(long seed, String stream, long index) {
    return L64X128_MIX.create(mix(mix(seed ^ stream.hashCode()) + index));
  }

  /** A normally distributed value. */
  static double gaussian(RandomGenerator random, double mean, double deviation) {
    return mean + deviation * random.nextGaussian();
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplitMix64. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
