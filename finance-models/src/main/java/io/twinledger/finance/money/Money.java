package io.twinledger.finance.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one ISO 4217 currency.
 *
 * <p>The amount is a {@link BigDecimal} and is never rounded implicitly: a tariff of 1.2345 EUR per
 * cubic metre keeps all four decimals. Trailing zeros carry no meaning, so {@code 2.50 EUR} and
 * {@code 2.5 EUR} are the same value; the stored scale is the smallest that represents the amount
 * exactly, but never negative. Rounding to the currency's minor unit is an explicit operation of
 * the calculations that need it.
 *
 * @param amount the exact amount, any sign
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = normalise(amount);
  }

  /**
   * Parses an amount and a currency code.
   *
   * @param currencyCode an ISO 4217 code such as {@code EUR}
   * @param amount a decimal string such as {@code 2.35}; never a binary floating-point value
   * @throws IllegalArgumentException if the code is not an ISO 4217 currency or the amount is not a
   *     decimal number
   */
  public static Money of(String currencyCode, String amount) {
    return new Money(new BigDecimal(amount), currency(currencyCode));
  }

  /**
   * Looks up an ISO 4217 currency by its three-letter code.
   *
   * @throws IllegalArgumentException if the code is not a known ISO 4217 currency
   */
  public static Currency currency(String currencyCode) {
    Objects.requireNonNull(currencyCode, "currencyCode");
    if (!currencyCode.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "'" + currencyCode + "' is not an ISO 4217 currency code (three capital letters)");
    }
    return Currency.getInstance(currencyCode);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private static BigDecimal normalise(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
