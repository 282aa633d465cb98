package io.twinledger.finance.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one ISO 4217 currency.
 *
 * <p>The amount is a {@link BigDecimal} and is never rounded implicitly: a tariff of 1.2345 EUR per
 * cubic metre keeps all four decimals. Trailing zeros carry no meaning, so {@code 2.50 EUR} and
 * {@code 2.5 EUR} are the same value; the stored scale is the smallest that represents the amount
 * exactly, but never negative. Rounding to the currency's minor unit is an explicit operation of
 * the calculations that need it: {@link #rounded(RoundingMode)} with a rounding mode chosen by the
 * caller. Arithmetic ({@link #plus}, {@link #minus}, {@link #multipliedBy}, {@link #negated}) is
 * exact and never rounds.
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

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /**
   * The exact sum.
   *
   * @throws IllegalArgumentException if the currencies differ; the message names both
   */
  public Money plus(Money other) {
    requireSameCurrency(other, "add");
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * The exact difference {@code this - other}.
   *
   * @throws IllegalArgumentException if the currencies differ; the message names both
   */
  public Money minus(Money other) {
    requireSameCurrency(other, "subtract");
    return new Money(amount.subtract(other.amount), currency);
  }

  /** The exact product with a factor (a quantity, a share, a rate); never rounded. */
  public Money multipliedBy(BigDecimal factor) {
    Objects.requireNonNull(factor, "factor");
    return new Money(amount.multiply(factor), currency);
  }

  /** The same amount with the opposite sign. */
  public Money negated() {
    return new Money(amount.negate(), currency);
  }

  /** Whether the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** -1, 0 or 1 as the amount is negative, zero or positive. */
  public int signum() {
    return amount.signum();
  }

  /**
   * The number of decimals of the currency's minor unit, from {@link
   * Currency#getDefaultFractionDigits()}: 2 for EUR and USD, 0 for JPY, 3 for BHD.
   *
   * @throws IllegalArgumentException for a currency without a minor unit (gold, SDR: ISO 4217
   *     "N.A.")
   */
  public int minorUnitDigits() {
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(
          currency.getCurrencyCode() + " has no minor unit, so it cannot be rounded to one");
    }
    return digits;
  }

  /**
   * Rounds to the currency's minor unit ({@link #minorUnitDigits()}) with the given mode.
   *
   * @param mode the rounding mode; {@link RoundingMode#UNNECESSARY} asserts the amount already is a
   *     whole number of minor units and throws {@link ArithmeticException} otherwise
   */
  public Money rounded(RoundingMode mode) {
    Objects.requireNonNull(mode, "mode");
    return new Money(amount.setScale(minorUnitDigits(), mode), currency);
  }

  /** Whether the amount is a whole number of minor units (cents for EUR). */
  public boolean isWholeMinorUnits() {
    return amount.scale() <= minorUnitDigits();
  }

  /**
   * The amount as a plain decimal with every digit of the minor unit, {@code 33.30} rather than
   * {@code 33.3}: how amounts are written in API bodies and reports.
   *
   * @throws ArithmeticException if the amount is finer than a minor unit
   */
  public String minorUnitText() {
    return amount.setScale(minorUnitDigits()).toPlainString();
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other, String operation) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot "
              + operation
              + " "
              + other
              + " and "
              + this
              + ": the currencies differ ("
              + currency.getCurrencyCode()
              + " and "
              + other.currency.getCurrencyCode()
              + ")");
    }
  }

  private static BigDecimal normalise(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
