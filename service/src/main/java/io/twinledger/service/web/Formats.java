package io.twinledger.service.web;

import io.twinledger.finance.money.Money;
import io.twinledger.twin.unit.UnitCode;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * How pages show numbers, money, units and times: in the reader's locale (the request's {@code
 * Accept-Language}), money with its currency, quantities with their unit's symbol, times in the
 * asset's zone. Templates call it as {@code @fmt}.
 *
 * <p>Money is shown exactly, with every decimal it has and at least its currency's minor units:
 * display never rounds an amount. Quantities (KPI values, readings) are shown to at most {@value
 * #QUANTITY_DIGITS} decimals; pages put the exact value beside it in a {@code <data value>}
 * element.
 */
public final class Formats {

  /** Decimals a quantity is shown to. */
  public static final int QUANTITY_DIGITS = 3;

  /** An amount with its currency: {@code €1,234.50} in English, {@code 1.234,50 €} in German. */
  public String money(Money money) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale());
    format.setCurrency(money.currency());
    int digits = Math.max(money.minorUnitDigits(), Math.max(0, money.amount().scale()));
    format.setMinimumFractionDigits(money.minorUnitDigits());
    format.setMaximumFractionDigits(digits);
    return format.format(money.amount());
  }

  /** A quantity with its unit's symbol, {@code 1,234.5 m³}; the code itself for an unknown unit. */
  public String quantity(BigDecimal value, String unitCode) {
    String unit = unit(unitCode);
    return number(value) + (unit.isEmpty() ? "" : unit.equals("%") ? " %" : " " + unit);
  }

  /** A plain number in the reader's locale, to at most {@value #QUANTITY_DIGITS} decimals. */
  public String number(BigDecimal value) {
    NumberFormat format = NumberFormat.getNumberInstance(locale());
    format.setMaximumFractionDigits(QUANTITY_DIGITS);
    return format.format(value);
  }

  /** A count, grouped by the reader's locale. */
  public String count(long value) {
    return NumberFormat.getIntegerInstance(locale()).format(value);
  }

  /** A UN/CEFACT unit code's symbol ({@code MTQ} → m³); dimensionless one is shown as nothing. */
  public String unit(String unitCode) {
    if (unitCode == null) {
      return "";
    }
    return Arrays.stream(UnitCode.values())
        .filter(u -> u.name().equals(unitCode))
        .findFirst()
        .map(u -> u == UnitCode.C62 ? "" : u.symbol())
        .orElse(unitCode);
  }

  /** A moment, date and time, in the given zone. */
  public String instant(Instant instant, String zone) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale())
        .format(instant.atZone(ZoneId.of(zone)));
  }

  /** A moment's date in the given zone. */
  public String date(Instant instant, String zone) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
        .withLocale(locale())
        .format(instant.atZone(ZoneId.of(zone)));
  }

  /** The month a period starting at {@code start} covers, {@code March 2026}, in the given zone. */
  public String month(Instant start, String zone) {
    return DateTimeFormatter.ofPattern("LLLL yyyy", locale()).format(start.atZone(ZoneId.of(zone)));
  }

  /**
   * A span of time in its largest unit and the next, the next left out when it is nought: {@code 2
   * h 5 min}, {@code 1 min}, {@code 45 s}, {@code 3 d 4 h}; below the shown units it is cut off,
   * and a negative span is shown as its length.
   */
  public String duration(Duration duration) {
    long seconds = duration.abs().toSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "min", "s"};
    for (int i = 0; i < sizes.length; i++) {
      long amount = seconds / sizes[i];
      if (amount > 0 || i == sizes.length - 1) {
        String largest = count(amount) + " " + units[i];
        long next = i + 1 < sizes.length ? seconds % sizes[i] / sizes[i + 1] : 0;
        return next == 0 ? largest : largest + " " + count(next) + " " + units[i + 1];
      }
    }
    throw new AssertionError("the loop returns at the last unit");
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }
}
