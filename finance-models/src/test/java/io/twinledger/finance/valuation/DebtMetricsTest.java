package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DebtMetricsTest {

  private static DebtPeriod period(String cfads, String debtService) {
    return new DebtPeriod(new BigDecimal(cfads), new BigDecimal(debtService));
  }

  private static List<BigDecimal> amounts(String... values) {
    return Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void dscrPerPeriodWithNoRatioWithoutDebtService() {
    // 130/100 = 1.3; no debt service in a grace period; 90/100 = 0.9
    List<DebtPeriod> periods =
        List.of(period("130", "100"), period("120", "0"), period("90", "100"));

    List<Optional<BigDecimal>> ratios = DebtMetrics.dscr(periods);

    assertThat(ratios.get(0)).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("1.3"));
    assertThat(ratios.get(1)).isEmpty();
    assertThat(ratios.get(2)).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.9"));
    assertThat(DebtMetrics.minimumDscr(periods))
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.9"));
    // (1.3 + 0.9) / 2
    assertThat(DebtMetrics.averageDscr(periods))
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("1.1"));
    assertThat(DebtMetrics.averageDscr(List.of(period("5", "0")))).isEmpty();
  }

  @Test
  void llcrDiscountsTheCfadsOverTheLoanLife() {
    // 110/1.1 + 121/1.21 = 200; 200 / 150 = 1.3333...
    assertThat(DebtMetrics.llcr(amounts("110", "121"), Rate.of("0.1"), new BigDecimal("150")))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .isCloseTo(
                        BigDecimal.valueOf(4).divide(BigDecimal.valueOf(3), MathContext.DECIMAL128),
                        Offset.offset(new BigDecimal("1e-30"))));
    assertThat(DebtMetrics.llcr(amounts("110"), Rate.of("0.1"), BigDecimal.ZERO)).isEmpty();
  }

  @Test
  void rejectsNegativeDebtService() {
    assertThatThrownBy(() -> period("1", "-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("debt service -5 must not be negative");
  }

  @Test
  void simplePayback() {
    // cumulative -100, -70, -20, +20: recovered in period 3, 20 of its 40 needed → 2.5
    assertThat(Payback.simple(amounts("-100", "30", "50", "40")))
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("2.5"));
    assertThat(Payback.simple(amounts("-100", "30", "30"))).isEmpty();
    assertThat(Payback.simple(amounts("0", "5"))).hasValue(BigDecimal.ZERO);
  }

  @Test
  void discountedPayback() {
    // at 10 %: 55/1.1 = 50, 60.5/1.21 = 50, 66.55/1.331 = 50 → cumulative -100, -50, 0: 2 periods
    assertThat(Payback.discounted(Rate.of("0.1"), amounts("-100", "55", "60.5", "66.55")))
        .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("2"));
    // undiscounted this pays back in 2.5 periods; discounted never
    assertThat(Payback.discounted(Rate.of("0.1"), amounts("-100", "30", "50", "40"))).isEmpty();
  }
}
