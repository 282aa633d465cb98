package io.twinledger.finance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void keepsEveryDecimalOfTheAmount() {
    Money tariff = Money.of("EUR", "1.2345");

    assertThat(tariff.amount()).isEqualByComparingTo("1.2345");
    assertThat(tariff.amount().scale()).isEqualTo(4);
    assertThat(tariff.toString()).isEqualTo("1.2345 EUR");
  }

  @Test
  void trailingZerosDoNotChangeTheValue() {
    assertThat(Money.of("EUR", "2.50")).isEqualTo(Money.of("EUR", "2.5"));
    assertThat(Money.of("USD", "1E+3").amount()).isEqualTo(new BigDecimal("1000"));
    assertThat(Money.of("USD", "1E+3").toString()).isEqualTo("1000 USD");
  }

  @Test
  void sameAmountInAnotherCurrencyIsAnotherValue() {
    assertThat(Money.of("EUR", "2.5")).isNotEqualTo(Money.of("USD", "2.5"));
  }

  @Test
  void rejectsCodesThatAreNotIso4217() {
    assertThatThrownBy(() -> Money.of("eur", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> Money.of("XYZ", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsAndSubtractsExactlyInOneCurrency() {
    Money a = Money.of("EUR", "10.005");
    Money b = Money.of("EUR", "0.995");

    assertThat(a.plus(b)).isEqualTo(Money.of("EUR", "11"));
    assertThat(a.minus(b)).isEqualTo(Money.of("EUR", "9.01"));
    assertThat(b.minus(a)).isEqualTo(Money.of("EUR", "-9.01"));
  }

  @Test
  void refusesToMixCurrenciesAndNamesBoth() {
    assertThatThrownBy(() -> Money.of("EUR", "1").plus(Money.of("USD", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUR")
        .hasMessageContaining("USD")
        .hasMessageContaining("2 USD");
    assertThatThrownBy(() -> Money.of("EUR", "1").minus(Money.of("GBP", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GBP");
  }

  @Test
  void multipliesAndNegatesWithoutRounding() {
    // 2.35 × 1.2345 = 2.901075, kept in full
    assertThat(Money.of("EUR", "2.35").multipliedBy(new BigDecimal("1.2345")))
        .isEqualTo(Money.of("EUR", "2.901075"));
    assertThat(Money.of("EUR", "2.35").negated()).isEqualTo(Money.of("EUR", "-2.35"));
    assertThat(Money.of("EUR", "-2.35").signum()).isEqualTo(-1);
    assertThat(Money.zero(Currency.getInstance("EUR")).isZero()).isTrue();
    assertThat(Money.of("EUR", "0.00").isZero()).isTrue();
    assertThat(Money.of("EUR", "0.01").isZero()).isFalse();
  }

  @Test
  void roundsToTheMinorUnitOfTheCurrencyWithTheGivenMode() {
    assertThat(Money.of("EUR", "2.345").rounded(RoundingMode.HALF_EVEN))
        .isEqualTo(Money.of("EUR", "2.34"));
    assertThat(Money.of("EUR", "2.345").rounded(RoundingMode.HALF_UP))
        .isEqualTo(Money.of("EUR", "2.35"));
    assertThat(Money.of("EUR", "-2.345").rounded(RoundingMode.FLOOR))
        .isEqualTo(Money.of("EUR", "-2.35"));
    // JPY has no decimals, BHD has three
    assertThat(Money.of("JPY", "1234.5").rounded(RoundingMode.HALF_UP))
        .isEqualTo(Money.of("JPY", "1235"));
    assertThat(Money.of("BHD", "1.23456").rounded(RoundingMode.DOWN))
        .isEqualTo(Money.of("BHD", "1.234"));
    assertThatThrownBy(() -> Money.of("EUR", "2.345").rounded(RoundingMode.UNNECESSARY))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aCurrencyWithoutMinorUnitCannotBeRounded() {
    assertThatThrownBy(() -> Money.of("XAU", "1.5").rounded(RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XAU has no minor unit");
  }

  @Test
  void minorUnitTextWritesEveryDigitOfTheMinorUnit() {
    assertThat(Money.of("USD", "33.3").minorUnitText()).isEqualTo("33.30");
    assertThat(Money.of("JPY", "5").minorUnitText()).isEqualTo("5");
    assertThat(Money.of("BHD", "1.5").minorUnitText()).isEqualTo("1.500");
    assertThatThrownBy(() -> Money.of("USD", "0.001").minorUnitText())
        .isInstanceOf(ArithmeticException.class);
  }
}
