package io.twinledger.finance.bond;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A bond price per 100 face value. Values carry {@link java.math.MathContext#DECIMAL128} precision
 * and are not rounded; round them for display with the market's convention.
 *
 * @param cleanPrice the quoted price, without accrued interest (Excel's PRICE)
 * @param accruedInterest the coupon accrued from the previous coupon date to settlement: {@code
 *     coupon × A / E}
 * @param dirtyPrice what the buyer pays: clean price plus accrued interest
 */
public record BondQuote(BigDecimal cleanPrice, BigDecimal accruedInterest, BigDecimal dirtyPrice) {

  public BondQuote {
    Objects.requireNonNull(cleanPrice, "cleanPrice");
    Objects.requireNonNull(accruedInterest, "accruedInterest");
    Objects.requireNonNull(dirtyPrice, "dirtyPrice");
  }
}
