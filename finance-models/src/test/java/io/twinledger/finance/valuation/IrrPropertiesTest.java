package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IrrPropertiesTest {

  /**
   * Conventional flows (an outflow, then inflows) change sign once, so the NPV has one root. Where
   * it lies in the search range, the IRR is unique and the exact NPV changes sign within 1e-9 of
   * it, i.e. the reported rate is a root to its stated precision.
   */
  @Property(tries = 200)
  void theNpvIsZeroAtTheIrrOfConventionalFlows(
      @ForAll @IntRange(min = 1, max = 1_000_000) int investment,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 200_000) Integer> inflows) {
    List<BigDecimal> flows = new ArrayList<>();
    flows.add(BigDecimal.valueOf(-investment));
    inflows.forEach(inflow -> flows.add(BigDecimal.valueOf(inflow)));
    double[] values = flows.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    Assume.that(
        Math.signum(Npv.inDouble(RootSearch.LOWEST_RATE, values))
            != Math.signum(Npv.inDouble(RootSearch.HIGHEST_RATE, values)));

    RootResult result = Irr.of(flows);

    assertThat(result).isInstanceOf(RootResult.Unique.class);
    BigDecimal rate = ((RootResult.Unique) result).rate().decimal();
    BigDecimal below = Npv.of(new Rate(rate.subtract(new BigDecimal("1e-9"))), flows);
    BigDecimal above = Npv.of(new Rate(rate.add(new BigDecimal("1e-9"))), flows);
    assertThat(below.signum() * above.signum()).isLessThanOrEqualTo(0);
  }
}
