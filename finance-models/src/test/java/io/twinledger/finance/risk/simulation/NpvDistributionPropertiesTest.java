package io.twinledger.finance.risk.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.risk.sample.WaterNrwSample;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class NpvDistributionPropertiesTest {

  @Property(tries = 25)
  void percentilesRiseWithTheLevelAndHistogramHoldsEveryPath(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int paths) {
    RiskReport report =
        new MonteCarloEngine(2).run(WaterNrwSample.spec(paths, 10, seed), WaterNrwSample.asset());
    NpvDistribution npv = report.npv();

    List<PercentileEstimate> percentiles = npv.percentiles();
    assertThat(percentiles.getFirst().value().amount())
        .isGreaterThanOrEqualTo(npv.minimum().amount());
    for (int i = 1; i < percentiles.size(); i++) {
      assertThat(percentiles.get(i).value().amount())
          .isGreaterThanOrEqualTo(percentiles.get(i - 1).value().amount());
    }
    assertThat(npv.maximum().amount())
        .isGreaterThanOrEqualTo(percentiles.getLast().value().amount());
    assertThat(npv.histogram().stream().mapToLong(HistogramBin::count).sum()).isEqualTo(paths);
  }
}
