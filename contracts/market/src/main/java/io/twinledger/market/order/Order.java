package io.twinledger.market.order;

import java.math.BigDecimal;

/**
 * One participant's order in one slot's market.
 *
 * <p>Units: {@code price} in currency units per kWh (for example KRW/kWh), {@code quantity} in kWh.
 * The price of a bid is the most the buyer pays per kWh <em>including</em> the grid fee; the price
 * of an ask is the least the seller accepts per kWh, which is what sellers receive (the buyer pays
 * the fee on top). Quantities are divisible down to one Wh.
 *
 * <p>Rules, checked here: {@code id} and {@code participant} are not blank; {@code 0 <= price <=}
 * {@value #MAX_PRICE} with at most {@value #PRICE_SCALE} decimals; {@code 0 < quantity <=} {@value
 * #MAX_QUANTITY} kWh with at most {@value #QUANTITY_SCALE} decimals (one Wh). Trailing zeros carry
 * no meaning: the stored quantity has exactly three decimals and the stored price the fewest that
 * represent it (never negative), so {@code 115.0} and {@code 115} are the same order.
 *
 * @param id the order's id, unique within a book; ties between otherwise equal orders are broken by
 *     it ({@link String#compareTo}, ascending)
 * @param participant the household or the community battery placing the order
 * @param side bid or ask
 * @param price currency units per kWh, at least 0
 * @param quantity kWh, more than 0
 * @throws InvalidOrderException naming the order id and the field when a rule is broken
 */
public record Order(
    String id, String participant, Side side, BigDecimal price, BigDecimal quantity) {

  /** The most decimals a quantity may have: kWh to the Wh. */
  public static final int QUANTITY_SCALE = 3;

  /** The most decimals a price (and the grid fee) may have. */
  public static final int PRICE_SCALE = 4;

  /** The largest quantity of one order, in kWh: far beyond any household in 15 minutes. */
  public static final long MAX_QUANTITY = 1_000_000L;

  /** The largest price, in currency units per kWh. */
  public static final long MAX_PRICE = 1_000_000_000L;

  public Order {
    if (id == null || id.isBlank()) {
      throw new InvalidOrderException("an order needs an id (was " + quoted(id) + ")");
    }
    if (participant == null || participant.isBlank()) {
      throw new InvalidOrderException(
          "order " + id + ": participant must not be blank (was " + quoted(participant) + ")");
    }
    if (side == null) {
      throw new InvalidOrderException("order " + id + ": side is missing");
    }
    price = checkedPrice("order " + id, "price", price);
    quantity = checkedQuantity("order " + id, "quantity", quantity);
  }

  /** A bid: buy up to {@code quantity} kWh paying at most {@code price} per kWh, fee included. */
  public static Order bid(String id, String participant, String price, String quantity) {
    return new Order(
        id, participant, Side.BID, decimal(id, "price", price), decimal(id, "quantity", quantity));
  }

  /** An ask: sell up to {@code quantity} kWh receiving at least {@code price} per kWh. */
  public static Order ask(String id, String participant, String price, String quantity) {
    return new Order(
        id, participant, Side.ASK, decimal(id, "price", price), decimal(id, "quantity", quantity));
  }

  /**
   * Checks and normalises a price (or a fee, or a limit) of {@code owner} (such as {@code "order
   * o1"}): at least 0, at most {@value #MAX_PRICE}, at most {@value #PRICE_SCALE} decimals;
   * returned without trailing zeros.
   *
   * @throws InvalidOrderException naming {@code owner} and {@code field}
   */
  public static BigDecimal checkedPrice(String owner, String field, BigDecimal value) {
    if (value == null) {
      throw new InvalidOrderException(owner + ": " + field + " is missing");
    }
    if (value.signum() < 0) {
      throw new InvalidOrderException(
          owner + ": " + field + " must be at least 0 (was " + value.toPlainString() + ")");
    }
    if (value.compareTo(BigDecimal.valueOf(MAX_PRICE)) > 0) {
      throw new InvalidOrderException(
          owner
              + ": "
              + field
              + " must be at most "
              + MAX_PRICE
              + " (was "
              + value.toPlainString()
              + ")");
    }
    BigDecimal canonical = canonical(value);
    if (canonical.scale() > PRICE_SCALE) {
      throw new InvalidOrderException(
          owner
              + ": "
              + field
              + " has more than "
              + PRICE_SCALE
              + " decimals (was "
              + value.toPlainString()
              + ")");
    }
    return canonical;
  }

  /**
   * Checks and normalises a quantity: more than 0, at most {@value #MAX_QUANTITY} kWh, at most
   * {@value #QUANTITY_SCALE} decimals; returned with exactly {@value #QUANTITY_SCALE} decimals.
   *
   * @throws InvalidOrderException naming {@code owner} and {@code field}
   */
  public static BigDecimal checkedQuantity(String owner, String field, BigDecimal value) {
    if (value == null) {
      throw new InvalidOrderException(owner + ": " + field + " is missing");
    }
    if (value.signum() <= 0) {
      throw new InvalidOrderException(
          owner + ": " + field + " must be more than 0 kWh (was " + value.toPlainString() + ")");
    }
    if (value.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
      throw new InvalidOrderException(
          owner
              + ": "
              + field
              + " must be at most "
              + MAX_QUANTITY
              + " kWh (was "
              + value.toPlainString()
              + ")");
    }
    if (canonical(value).scale() > QUANTITY_SCALE) {
      throw new InvalidOrderException(
          owner
              + ": "
              + field
              + " has more than "
              + QUANTITY_SCALE
              + " decimals, finer than one Wh (was "
              + value.toPlainString()
              + ")");
    }
    return value.setScale(QUANTITY_SCALE);
  }

  private static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static BigDecimal decimal(String id, String field, String text) {
    if (text == null) {
      throw new InvalidOrderException("order " + id + ": " + field + " is missing");
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidOrderException(
          "order " + id + ": " + field + " is not a decimal number (was '" + text + "')");
    }
  }

  private static String quoted(String text) {
    return text == null ? "null" : "'" + text + "'";
  }
}
