package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CashFlowReturnsTest {

  /** Excel's documented XNPV/XIRR example. */
  private static final List<DatedAmount> EXCEL_FLOWS =
      List.of(
          DatedAmount.of("2008-01-01", "-10000"),
          DatedAmount.of("2008-03-01", "2750"),
          DatedAmount.of("2008-10-30", "4250"),
          DatedAmount.of("2009-02-15", "3250"),
          DatedAmount.of("2009-04-01", "2750"));

  private static List<BigDecimal> amounts(String... values) {
    return Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void xnpvMatchesExcel() {
    assertThat(Xnpv.of(Rate.of("0.09"), EXCEL_FLOWS).setScale(4, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("2086.6476");
  }

  @Test
  void xirrMatchesExcel() {
    RootResult result = Xirr.of(EXCEL_FLOWS);

    assertThat(result).isInstanceOf(RootResult.Unique.class);
    BigDecimal rate = ((RootResult.Unique) result).rate().decimal();
    // Excel shows 0.373362535; its Newton iteration stops about 1.5e-9 short of the root, which a
    // 50-digit bisection puts at 0.37336253351883..., so 0.3733625335 to ten decimals.
    assertThat(rate).isEqualByComparingTo("0.3733625335");
    assertThat(rate)
        .isCloseTo(new BigDecimal("0.373362535"), Offset.offset(new BigDecimal("2e-9")));
    assertThat(rate.scale()).isLessThanOrEqualTo(RootResult.DECIMALS);
    // and the XNPV at that rate is zero to within the rounding of the rate
    assertThat(Xnpv.of(new Rate(rate), EXCEL_FLOWS).abs()).isLessThan(new BigDecimal("1e-5"));
  }

  @Test
  void npvDiscountsFromTimeZero() {
    // -100 + 60/1.1 + 60/1.21 = -100 + (66 + 60)/1.21 = (126 - 121)/1.21 = 500/121 = 4.13223...
    assertThat(Npv.of(Rate.of("0.1"), amounts("-100", "60", "60")))
        .isCloseTo(
            BigDecimal.valueOf(500).divide(BigDecimal.valueOf(121), MathContext.DECIMAL128),
            Offset.offset(new BigDecimal("1e-30")));
  }

  @Test
  void irrOfAConventionalInvestment() {
    // -100 + 60x + 60x² = 0 with x = 1/(1+r): x = (-1 + √(1 + 20/3)) / 2 = 0.88443731...,
    // r = 1/x - 1 = 0.13066238...
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal x =
        BigDecimal.ONE
            .add(BigDecimal.valueOf(20).divide(BigDecimal.valueOf(3), mc))
            .sqrt(mc)
            .subtract(BigDecimal.ONE)
            .divide(BigDecimal.valueOf(2), mc);
    BigDecimal expected = BigDecimal.ONE.divide(x, mc).subtract(BigDecimal.ONE);

    RootResult result = Irr.of(amounts("-100", "60", "60"));

    assertThat(result).isInstanceOf(RootResult.Unique.class);
    assertThat(((RootResult.Unique) result).rate().decimal())
        .isCloseTo(expected, Offset.offset(new BigDecimal("1e-10")));
  }

  @Test
  void severalSignChangesCanGiveSeveralRatesAndAllAreReported() {
    // -100 + 230/g - 132/g² = 0 with g = 1 + r ⇔ 100g² - 230g + 132 = 0 ⇔ g = (230 ± 10)/200:
    // r = 10 % and r = 20 %
    RootResult result = Irr.of(amounts("-100", "230", "-132"));

    assertThat(result).isInstanceOf(RootResult.Multiple.class);
    RootResult.Multiple multiple = (RootResult.Multiple) result;
    assertThat(multiple.rates())
        .extracting(Rate::decimal)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("0.1"), new BigDecimal("0.2"));
    assertThat(multiple.note()).contains("change sign 2 times");
  }

  @Test
  void noRateForSameSignFlowsOrOutsideTheSearchRange() {
    assertThat(Irr.of(amounts("100", "50")))
        .isEqualTo(
            new RootResult.None(
                "the cash flows are all non-negative: no rate makes the NPV zero; a rate needs at"
                    + " least one inflow and one outflow"));
    assertThat(Irr.of(amounts("0", "-5"))).isInstanceOf(RootResult.None.class);
    // -1 + 100/(1+r) = 0 at r = 99 (9,900 %), beyond the 1,000 % upper bound
    assertThat(Irr.of(amounts("-1", "100")))
        .isEqualTo(
            new RootResult.None(
                "the NPV does not change sign for rates from -99 % to 1000 % per period"));
  }

  @Test
  void rejectsFlowsBeforeTheFirstDateAndRatesAtMinus100Percent() {
    List<DatedAmount> flows =
        List.of(DatedAmount.of("2008-03-01", "-100"), DatedAmount.of("2008-01-01", "110"));
    assertThatThrownBy(() -> Xirr.of(flows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "flow 1 is dated 2008-01-01, before the first flow's date 2008-03-01");
    assertThatThrownBy(() -> Npv.of(Rate.of("-1"), amounts("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not above -100 %");
    assertThatThrownBy(() -> Irr.of(amounts("-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two cash flows");
  }
}
