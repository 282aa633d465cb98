package io.twinledger.finance.risk.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class BetaProcessTest {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  @Test
  void tabulatedQuantileIsWithinDocumentedErrorOfTheExactOne() {
    double[][] shapes = {{1, 1}, {2, 6}, {5, 2}, {1, 3}, {30, 70}};
    for (double[] shape : shapes) {
      BetaProcess process = new BetaProcess(shape[0], shape[1]);
      BetaDistribution exact = new BetaDistribution(null, shape[0], shape[1]);
      // Off-grid points (the grid step is 1/64) across the whole table.
      for (double z = -5.99; z < 6; z += 0.0371) {
        double expected =
            exact.inverseCumulativeProbability(STANDARD_NORMAL.cumulativeProbability(z));
        assertThat(process.next(0, z))
            .as("beta(%s, %s) at z = %s", shape[0], shape[1], z)
            .isCloseTo(expected, within(1e-4));
      }
    }
  }

  @Test
  void drawsBeyondTheTableTakeItsEnds() {
    BetaProcess process = new BetaProcess(2, 6);
    assertThat(process.next(0, -40)).isEqualTo(process.next(0, -6));
    assertThat(process.next(0, 40)).isEqualTo(process.next(0, 6));
    assertThat(process.next(0, Double.NEGATIVE_INFINITY)).isEqualTo(process.next(0, -6));
  }
}
