package io.twinledger.finance.bond.terms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tiers that do not overlap share no value, and tiers that overlap share one: checked at every
 * bound, just beside it and between bounds, where a mistake in inclusivity would show.
 */
class TierPropertiesTest {

  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal EPSILON = new BigDecimal("0.001");

  @Property(tries = 2000)
  void overlapIsExactlyASharedValue(@ForAll("tiers") Tier a, @ForAll("tiers") Tier b) {
    boolean shared = candidates(a, b).anyMatch(value -> a.contains(value) && b.contains(value));

    assertThat(a.overlaps(b)).as("%s and %s", a.range(), b.range()).isEqualTo(shared);
    assertThat(b.overlaps(a)).isEqualTo(a.overlaps(b));
  }

  /** Every bound, a little either side of it, and the midpoints between bounds. */
  private static Stream<BigDecimal> candidates(Tier a, Tier b) {
    List<BigDecimal> bounds =
        Stream.of(a.lower(), a.upper(), b.lower(), b.upper())
            .flatMap(Optional::stream)
            .sorted()
            .toList();
    Stream<BigDecimal> near =
        bounds.stream().flatMap(x -> Stream.of(x, x.subtract(EPSILON), x.add(EPSILON)));
    Stream<BigDecimal> between =
        Stream.iterate(1, i -> i < bounds.size(), i -> i + 1)
            .map(i -> bounds.get(i - 1).add(bounds.get(i)).multiply(HALF));
    return Stream.concat(
        Stream.concat(near, between),
        Stream.of(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000)));
  }

  @Provide
  Arbitrary<Tier> tiers() {
    // Bounds on a coarse grid (0 to 10 in steps of 1), so that tiers often meet at a bound.
    Arbitrary<Optional<BigDecimal>> bound =
        Arbitraries.integers().between(0, 10).map(BigDecimal::valueOf).optional(0.8);
    return Combinators.combine(
            bound, Arbitraries.of(true, false), bound, Arbitraries.of(true, false))
        .as(
            (lower, lowerIn, upper, upperIn) ->
                new Tier(
                    lower,
                    lower.isPresent() && lowerIn,
                    upper,
                    upper.isPresent() && upperIn,
                    BigDecimal.ONE,
                    Party.ISSUER))
        .filter(
            t ->
                t.lower().isEmpty()
                    || t.upper().isEmpty()
                    || t.lower().get().compareTo(t.upper().get()) < 0);
  }
}
