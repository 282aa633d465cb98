package io.twinledger.finance.bond.payment;

import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

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

  /**
   * The amount with {@code digits} decimals and thousands separated by commas. Written by hand
   * rather than with {@code DecimalFormat}, which is neither thread-safe nor cheap to create, and a
   * 30-year schedule writes thousands of these.
   */
  private static String grouped(BigDecimal amount, int digits) {
    String plain = amount.setScale(digits, RoundingMode.UNNECESSARY).abs().toPlainString();
    int point = plain.indexOf('.');
    String whole = point < 0 ? plain : plain.substring(0, point);
    StringBuilder text = new StringBuilder(plain.length() + whole.length() / 3 + 1);
    if (amount.signum() < 0) {
      text.append('-');
    }
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        text.append(',');
      }
      text.append(whole.charAt(i));
    }
    return text.append(point < 0 ? "" : plain.substring(point)).toString();
  }
}
