package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

class FormatsTest {

  private final Formats fmt = new Formats();

  @AfterEach
  void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  void moneyFollowsTheReadersLocaleAndKeepsEveryDecimal() {
    LocaleContextHolder.setLocale(Locale.UK);
    assertThat(fmt.money(Money.of("EUR", "1234.5"))).isEqualTo("€1,234.50");
    assertThat(fmt.money(Money.of("EUR", "-0.125"))).as("never rounded").isEqualTo("-€0.125");
    LocaleContextHolder.setLocale(Locale.GERMANY);
    assertThat(spaced(fmt.money(Money.of("EUR", "1234.5")))).isEqualTo("1.234,50 €");
    assertThat(spaced(fmt.money(Money.of("JPY", "1200")))).isEqualTo("1.200 ¥");
  }

  @Test
  void quantitiesCarryTheirUnitsSymbol() {
    LocaleContextHolder.setLocale(Locale.UK);
    assertThat(fmt.quantity(new BigDecimal("1234.56789"), "MTQ")).isEqualTo("1,234.568 m³");
    assertThat(fmt.quantity(new BigDecimal("18.2"), "P1")).isEqualTo("18.2 %");
    assertThat(fmt.quantity(new BigDecimal("2.21"), "NX")).isEqualTo("2.21 ‰");
    assertThat(fmt.quantity(new BigDecimal("3"), "C62")).as("dimensionless one").isEqualTo("3");
    assertThat(fmt.quantity(new BigDecimal("3"), "XYZ")).as("an unknown code").isEqualTo("3 XYZ");
    LocaleContextHolder.setLocale(Locale.FRANCE);
    assertThat(spaced(fmt.quantity(new BigDecimal("1234.5"), "MTQ"))).isEqualTo("1 234,5 m³");
  }

  /** Locales separate with no-break spaces, which read as spaces. */
  private static String spaced(String formatted) {
    return formatted.replace('\u00a0', ' ').replace('\u202f', ' ');
  }

  @Test
  void monthsAndTimesAreReadInTheAssetsZone() {
    LocaleContextHolder.setLocale(Locale.UK);
    Instant marchInAmsterdam = Instant.parse("2026-02-28T23:00:00Z");
    assertThat(fmt.month(marchInAmsterdam, "Europe/Amsterdam")).isEqualTo("March 2026");
    assertThat(fmt.month(marchInAmsterdam, "UTC")).isEqualTo("February 2026");
    LocaleContextHolder.setLocale(Locale.GERMANY);
    assertThat(fmt.month(marchInAmsterdam, "Europe/Amsterdam")).isEqualTo("März 2026");
  }
}
