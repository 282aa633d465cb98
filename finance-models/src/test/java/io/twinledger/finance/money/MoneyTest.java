package io.twinledger.finance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
}
