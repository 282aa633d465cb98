package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the rule texts write figures: amounts grouped with the minor unit, values as given. */
final class RuleText {

  private RuleText() {}

  /** {@code USD 3,300,000.00}. */
  static String money(Money money) {
    return money.currency().getCurrencyCode()
        + " "
        + grouped(money.amount(), money.minorUnitDigits());
  }

  /** An exact amount not yet rounded, to the minor unit (half-up) for reading only. */
  static String amount(BigDecimal amount, int minorUnitDigits) {
    return grouped(amount.setScale(minorUnitDigits, RoundingMode.HALF_UP), minorUnitDigits);
  }

  /** A KPI value, rate or count as given: {@code 0.413}. */
  static String value(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /** {@code issuer pays investors} or {@code investors pay issuer}. */
  static String pays(Party payer) {
    return payer == Party.ISSUER ? "issuer pays investors" : "investors pay issuer";
  }

  private static String grouped(BigDecimal amount, int digits) {
    DecimalFormat format =
        new DecimalFormat(
            digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
            DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.UNNECESSARY);
    return format.format(amount.setScale(digits, RoundingMode.UNNECESSARY));
  }
}
