package io.twinledger.service.web;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.pnl.StatementPeriod;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.twin.unit.UnitCode;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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

  /** Decimals a percentage is shown to. */
  public static final int PERCENT_DIGITS = 2;

  /** An amount with its currency: {@code €1,234.50} in English, {@code 1.234,50 €} in German. */
  public String money(Money money) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale());
    format.setCurrency(money.currency());
    int digits = Math.max(money.minorUnitDigits(), Math.max(0, money.amount().scale()));
    format.setMinimumFractionDigits(money.minorUnitDigits());
    format.setMaximumFractionDigits(digits);
    return format.format(money.amount());
  }

  /** An exact amount in a currency, as {@link #money(Money)} shows it. */
  public String money(BigDecimal amount, Currency currency) {
    return money(new Money(amount, currency));
  }

  /** An amount in the currency of an ISO 4217 code, shown as {@link #money}. */
  public String amount(BigDecimal amount, String currencyCode) {
    return money(new Money(amount, Money.currency(currencyCode)));
  }

  /** An annual rate or other fraction as a percentage, {@code 0.0625} → {@code 6.25 %}. */
  public String percent(BigDecimal fraction) {
    NumberFormat format = NumberFormat.getPercentInstance(locale());
    format.setMaximumFractionDigits(PERCENT_DIGITS);
    return format.format(fraction);
  }

  /** A probability (an estimate, not money) as a percentage, {@code 0.0413} → {@code 4.13 %}. */
  public String percent(double fraction) {
    return percent(BigDecimal.valueOf(fraction));
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

  /**
   * A compound unit such as a model parameter's {@code EUR/MTQ} with each code as its symbol,
   * {@code EUR/m³}; a currency code stays as it is.
   */
  public String compoundUnit(String unit) {
    if (unit == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder();
    for (String part : unit.split("(?<=[/*])|(?=[/*])")) {
      shown.append(part.equals("/") || part.equals("*") ? part : unit(part));
    }
    return shown.toString();
  }

  /** A moment, date and time, in the given zone. */
  public String instant(Instant instant, String zone) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale())
        .format(instant.atZone(ZoneId.of(zone)));
  }

  /** A moment's time of day in the given zone, {@code 10:15}: a market slot's start. */
  public String time(Instant instant, String zone) {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
        .withLocale(locale())
        .format(instant.atZone(ZoneId.of(zone)));
  }

  /** A calendar day, {@code 1 May 2026}. */
  public String day(LocalDate day) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
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

  /** A calendar month, {@code March 2026}. */
  public String yearMonth(YearMonth month) {
    return DateTimeFormatter.ofPattern("LLLL yyyy", locale()).format(month);
  }

  /** A statement period: a month as {@link #yearMonth}, {@code Q1 2026}, or the year. */
  public String period(StatementPeriod period) {
    return switch (period.kind()) {
      case MONTH -> yearMonth(period.first());
      case QUARTER -> DateTimeFormatter.ofPattern("QQQ yyyy", locale()).format(period.first());
      case YEAR -> Integer.toString(period.first().getYear());
    };
  }

  /** A moment given as ISO-8601 text (as JSON documents carry it), date and time in the zone. */
  public String instantText(String isoInstant, String zone) {
    return instant(Instant.parse(isoInstant), zone);
  }

  /**
   * An amount given as a plain decimal text (as the ledger's records carry it), shown as {@link
   * #amount}.
   */
  public String amountText(String plainDecimal, String currencyCode) {
    return amount(new BigDecimal(plainDecimal), currencyCode);
  }

  /** A number given as a plain decimal text, shown as {@link #number}. */
  public String numberText(String plainDecimal) {
    return number(new BigDecimal(plainDecimal));
  }

  /** A quantity given as a plain decimal text (as evidence bundles carry it), with its unit. */
  public String quantityText(String plainDecimal, String unitCode) {
    return quantity(new BigDecimal(plainDecimal), unitCode);
  }

  /**
   * The period a KPI period of {@code kind} starting at {@code start} covers, in the given zone:
   * {@code March 2026} for a month, {@code Q1 2026} for a quarter, the date for a day, the date and
   * time for an hour.
   */
  public String period(String kind, Instant start, String zone) {
    return switch (kind) {
      case "MONTH" -> month(start, zone);
      case "QUARTER" ->
          DateTimeFormatter.ofPattern("QQQ yyyy", locale()).format(start.atZone(ZoneId.of(zone)));
      case "DAY" -> date(start, zone);
      default -> instant(start, zone);
    };
  }

  /**
   * A KPI's thresholds as a chart's {@code data-thresholds}: {@code
   * [{"name":"target","value":"20"}]} (threshold names are lower-case identifiers, which need no
   * escaping in JSON).
   */
  public String chartThresholds(List<ContractualThreshold> thresholds) {
    return thresholds.stream()
        .map(t -> "{\"name\":\"" + t.name() + "\",\"value\":\"" + t.value().toPlainString() + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
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
