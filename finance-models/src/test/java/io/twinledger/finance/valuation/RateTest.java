package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RateTest {

  @Test
  void percentBasisPointsAndDecimalAreTheSameRate() {
    assertThat(Rate.ofPercent(new BigDecimal("5.75"))).isEqualTo(Rate.of("0.0575"));
    assertThat(Rate.ofBasisPoints(575)).isEqualTo(Rate.of("0.0575"));
    assertThat(Rate.of("0.0500")).isEqualTo(Rate.of("0.05"));
    assertThat(Rate.of("0.0575").percent()).isEqualByComparingTo("5.75");
    assertThat(Rate.of("0.0575").basisPoints()).isEqualByComparingTo("575");
    assertThat(Rate.of("0.0575")).hasToString("5.75 %");
  }

  @Test
  void aStepUpAddsBasisPoints() {
    // Enel 2019 SLB: 2.65 % + 25 bp = 2.90 %
    assertThat(Rate.of("0.0265").plusBasisPoints(25)).isEqualTo(Rate.of("0.029"));
    assertThat(Rate.of("0.0265").plusBasisPoints(new BigDecimal("-2.5")))
        .isEqualTo(Rate.of("0.02625"));
  }
}
