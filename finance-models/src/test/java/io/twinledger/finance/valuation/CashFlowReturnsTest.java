package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
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
  void noRateForSameSignFlowsOrWhenTheNpvNeverReachesZero() {
    assertThat(Irr.of(amounts("100", "50")))
        .isEqualTo(
            new RootResult.None(
                "the cash flows are all non-negative: no rate makes the NPV zero; a rate needs at"
                    + " least one inflow and one outflow"));
    assertThat(Irr.of(amounts("0", "-5"))).isInstanceOf(RootResult.None.class);
    // 1 - x + x² > 0 for every x: two sign changes, no root
    assertThat(Irr.of(amounts("1", "-1", "1")))
        .isEqualTo(new RootResult.None("the NPV is not zero at any rate above -100 %"));
    // flows on one date that cancel: the NPV is zero at every rate
    assertThat(
            Xirr.of(
                List.of(
                    DatedAmount.of("2008-01-01", "-5"),
                    DatedAmount.of("2008-01-01", "5"),
                    DatedAmount.of("2009-01-01", "0"))))
        .isEqualTo(
            new RootResult.None(
                "the flows at each time add up to zero: the NPV is zero at every rate, so no rate"
                    + " is determined"));
  }

  @Test
  void ratesBeyondTheOldSearchRangeAreFound() {
    // -1 + 100/(1+r) = 0 at r = 99 (9,900 %): every rate above -100 % is searched now
    assertThat(Irr.of(amounts("-1", "100"))).isEqualTo(new RootResult.Unique(Rate.of("99")));
    // -100 + 0.5/(1+r) = 0 at r = -99.5 %, below the old -99 % bound
    assertThat(Irr.of(amounts("-100", "0.5"))).isEqualTo(new RootResult.Unique(Rate.of("-0.995")));
    // but a 10-decimal rate cannot carry r = 1e-12 - 1 (it rounds to -100 %) nor r = 1e20^365 - 1
    String unreportable =
        "the NPV is zero only at rates above 1e308 or within 5e-11 of -100 % (which rounds to -100"
            + " %), which cannot be reported";
    assertThat(Irr.of(amounts("-1", "0.000000000001")))
        .isEqualTo(new RootResult.None(unreportable));
    assertThat(
            Xirr.of(
                List.of(DatedAmount.of("2008-01-01", "-1"), DatedAmount.of("2008-01-02", "1e20"))))
        .isEqualTo(new RootResult.None(unreportable));
  }

  @Test
  void twoRootsCloserThanTheOldGridAreBothFound() {
    // 3284.35 - 7069.27x + 3803.99x² = 0, x = 1/(1+r): r = 7.5241219592 % and 7.7169455276 %
    // (mpmath polyroots at 50 digits: 0.0752412195916289..., 0.0771694552755441...), 0.19
    // percentage points apart, within one step of the old 0.25-point grid: it found neither
    RootResult result = Irr.of(amounts("3284.35", "-7069.27", "3803.99"));

    assertThat(result)
        .isEqualTo(
            new RootResult.Multiple(
                List.of(Rate.of("0.0752412196"), Rate.of("0.0771694553")),
                "the cash flows change sign 2 times, so several rates can make the NPV zero;"
                    + " choose by the investment's economics (or use NPV at a stated rate)"));
  }

  @Test
  void threeRootsAreAllReportedNotJustTheOneTheGridSaw() {
    // roots 23.5352612560 %, 23.6777414257 % and 250.7131625063 % (mpmath polyroots:
    // 0.2353526125604139..., 0.2367774142574294..., 2.5071316250625210...); the old grid saw only
    // the last and called it unique
    RootResult result = Irr.of(amounts("-20786.13", "124285.71", "-211975.74", "111380.25"));

    assertThat(result).isInstanceOf(RootResult.Multiple.class);
    assertThat(((RootResult.Multiple) result).rates())
        .containsExactly(Rate.of("0.2353526126"), Rate.of("0.2367774143"), Rate.of("2.5071316251"));
  }

  @Test
  void xirrFindsTwoRootsATenthOfAPointApart() {
    // days 0, 353 and 798: -10000 + 18989.47/(1+r)^(353/365) - 9028.93/(1+r)^(798/365) = 0 at
    // r = 6.0779009273 % and 6.1221068703 % (mpmath findroot at 50 digits)
    RootResult result =
        Xirr.of(
            List.of(
                DatedAmount.of("2021-01-01", "-10000"),
                DatedAmount.of("2021-12-20", "18989.47"),
                DatedAmount.of("2023-03-10", "-9028.93")));

    assertThat(result).isInstanceOf(RootResult.Multiple.class);
    assertThat(((RootResult.Multiple) result).rates())
        .containsExactly(Rate.of("0.0607790093"), Rate.of("0.0612210687"));
  }

  @Test
  void aRateWhereTheNpvOnlyTouchesZeroIsReported() {
    // 1 - 2x + x² = (1 - x)²: zero at x = 1 (r = 0) without changing sign
    assertThat(Irr.of(amounts("1", "-2", "1"))).isEqualTo(new RootResult.Unique(Rate.of("0")));
  }

  @Test
  void flowsThatChangeSignTooOftenAreNotSearched() {
    List<BigDecimal> alternating = new ArrayList<>();
    for (int t = 0; t <= PositiveRoots.MAX_SIGN_CHANGES + 1; t++) {
      alternating.add(BigDecimal.valueOf(t % 2 == 0 ? -1 : 1));
    }

    assertThat(Irr.of(alternating))
        .isEqualTo(
            new RootResult.None(
                "the cash flows change sign 201 times; rates are searched only for flows that"
                    + " change sign at most 200 times"));
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
