package io.twinledger.finance.risk.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class KpiProcessPropertiesTest {

  private static final BetaProcess BETA = new BetaProcess(2, 6);

  @Property
  void innovationInvertsNextForClosedFormProcesses(
      @ForAll @DoubleRange(min = -5, max = 5) double z,
      @ForAll @DoubleRange(min = 0.05, max = 0.6) double previous) {
    KpiProcess[] processes = {
      new NormalProcess(0.2, 0.03), new LogNormalProcess(-1.5, 0.2), new Ar1Process(0.07, 0.7, 0.02)
    };
    for (KpiProcess process : processes) {
      double next = process.next(previous, z);
      assertThat(process.innovation(previous, next)).isCloseTo(z, within(1e-9));
    }
  }

  @Property
  void betaTableStaysInsideTheUnitIntervalAndInvertsWithinTolerance(
      @ForAll @DoubleRange(min = -4, max = 4) double z) {
    double share = BETA.next(0, z);
    assertThat(share).isStrictlyBetween(0.0, 1.0);
    assertThat(BETA.innovation(0, share)).isCloseTo(z, within(2e-3));
  }
}
