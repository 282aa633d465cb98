package io.twinledger.market.simulation.village;

/**
 * Derives independent seeds from the simulation's one seed, so that each random stream (the weather
 * of a year, a household's parameters, a household's load noise in a year) depends only on what it
 * is for, not on the order streams are drawn in: changing the number of households leaves the
 * others' profiles as they were.
 */
final class Seeds {

  static final long WEATHER = 1;
  static final long HOUSEHOLD = 2;
  static final long LOAD = 3;

  private Seeds() {}

  /**
   * A seed for the stream named by {@code parts}, mixed with Stafford's variant 13 (SplitMix64).
   */
  static long derive(long seed, long... parts) {
    long h = mix(seed);
    for (long part : parts) {
      h = mix(h ^ mix(part + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
