package io.twinledger.twin.kpi;

import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Argument checks for KPI formula inputs, in the style of the ledger's field checks.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message starts with the parameter
 * name, for example {@code mainsLengthKm: must be greater than zero, was -1}. Decimal checks return
 * the value without trailing zeros, so records that store them compare equal regardless of how the
 * caller wrote the number.
 */
public final class Require {

  private Require() {}

  /** The value itself; fails if it is null. */
  public static <T> T present(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": is required");
    }
    return value;
  }

  /** A decimal of zero or more, normalised. */
  public static BigDecimal nonNegative(BigDecimal value, String name) {
    if (present(value, name).signum() < 0) {
      throw new IllegalArgumentException(
          name + ": must not be negative, was " + value.toPlainString());
    }
    return normalised(value);
  }

  /** A decimal greater than zero, normalised. */
  public static BigDecimal positive(BigDecimal value, String name) {
    if (present(value, name).signum() <= 0) {
      throw new IllegalArgumentException(
          name + ": must be greater than zero, was " + value.toPlainString());
    }
    return normalised(value);
  }

  /** A decimal within {@code [0, 100]}, normalised. */
  public static BigDecimal percent(BigDecimal value, String name) {
    if (nonNegative(value, name).compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(
          name + ": must be at most 100, was " + value.toPlainString());
    }
    return normalised(value);
  }

  /**
   * An unmodifiable copy of the list; fails if the list or any element is null, naming the element
   * as {@code name[i]}.
   */
  public static <T> List<T> elements(List<T> values, String name) {
    List<T> copy = new ArrayList<>(present(values, name).size());
    for (int i = 0; i < values.size(); i++) {
      copy.add(present(values.get(i), name + "[" + i + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * An unmodifiable list of the decimals, each zero or more and normalised; a failure names the
   * element as {@code name[i]}. An empty list is allowed.
   */
  public static List<BigDecimal> nonNegativeElements(List<BigDecimal> values, String name) {
    List<BigDecimal> present = elements(values, name);
    List<BigDecimal> checked = new ArrayList<>(present.size());
    for (int i = 0; i < present.size(); i++) {
      checked.add(nonNegative(present.get(i), name + "[" + i + "]"));
    }
    return Collections.unmodifiableList(checked);
  }

  /** As {@link #elements}, and the list must hold at least one element. */
  public static <T> List<T> nonEmpty(List<T> values, String name) {
    if (present(values, name).isEmpty()) {
      throw new IllegalArgumentException(name + ": must not be empty");
    }
    return elements(values, name);
  }

  /** Fails unless {@code start} is at or before {@code end}; the message names {@code end}. */
  public static void ordered(Instant start, Instant end, String startName, String endName) {
    present(start, startName);
    if (present(end, endName).isBefore(start)) {
      throw new IllegalArgumentException(
          endName + ": must not be before " + startName + " (" + start + "), was " + end);
    }
  }

  /**
   * The value without trailing zeros and with a scale of at least zero, so that {@code 1.50},
   * {@code 1.5} and {@code 15E-1} are the same value and print without an exponent.
   */
  public static BigDecimal normalised(BigDecimal value) {
    return DecimalText.normalised(present(value, "value"));
  }
}
