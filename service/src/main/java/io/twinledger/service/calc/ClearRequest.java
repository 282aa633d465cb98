package io.twinledger.service.calc;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.InvalidOrderException;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code POST /api/v1/calc/clear}: one slot's book and the rule to clear it with, checked
 * field by field into contracts-market's {@link Order}s (the orders the chaincode clears). An
 * order's participant defaults to its id, so a self-trade is refused only where the caller names
 * the same participant on both sides.
 *
 * @param rule {@code uniform} (the default), {@code pay-as-bid} or {@code trade-reduction} (McAfee)
 * @param kappa where in the equilibrium interval the uniform price lies, 0 to 1, default 0.5;
 *     refused with another rule
 * @param gridFee the fee per kWh the buyer pays on top of the seller's price, default 0
 * @param bids the buy orders
 * @param asks the sell orders
 */
public record ClearRequest(
    String rule, BigDecimal kappa, BigDecimal gridFee, List<OrderBody> bids, List<OrderBody> asks) {

  /** At most this many orders on each side of one request. */
  static final int MAX_ORDERS = 100_000;

  /**
   * One order: {@code price} per kWh (a bid's includes the grid fee), {@code quantity} kWh.
   *
   * @param participant who places it, default the id
   */
  public record OrderBody(String id, String participant, BigDecimal price, BigDecimal quantity) {}

  /** The clearing rule named in the request. */
  ClearingRule clearingRule() {
    try {
      return ClearingRule.named(
          rule == null ? ClearingRule.UNIFORM : rule, Optional.ofNullable(kappa));
    } catch (IllegalArgumentException e) {
      int colon = e.getMessage().indexOf(": ");
      throw new InvalidFieldException(
          e.getMessage().substring(0, colon), e.getMessage().substring(colon + 2));
    }
  }

  /** The grid fee, 0 when absent. */
  BigDecimal fee() {
    BigDecimal fee = gridFee == null ? BigDecimal.ZERO : gridFee;
    try {
      return Order.checkedPrice("request", "gridFee", fee);
    } catch (InvalidOrderException e) {
      throw new InvalidFieldException("gridFee", e.getMessage());
    }
  }

  /** The bids, checked. */
  List<Order> bidOrders() {
    return orders(bids, "bids", Side.BID);
  }

  /** The asks, checked. */
  List<Order> askOrders() {
    return orders(asks, "asks", Side.ASK);
  }

  private static List<Order> orders(List<OrderBody> bodies, String field, Side side) {
    if (bodies == null) {
      throw new InvalidFieldException(field, "is required (an empty list is allowed)");
    }
    if (bodies.size() > MAX_ORDERS) {
      throw new InvalidFieldException(
          field, "may have at most " + MAX_ORDERS + " orders, was " + bodies.size());
    }
    List<Order> orders = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      String at = field + "[" + i + "]";
      OrderBody body = bodies.get(i);
      if (body == null) {
        throw new InvalidFieldException(at, "is required");
      }
      if (body.id() == null || body.id().isBlank() || body.id().length() > 128) {
        throw new InvalidFieldException(at + ".id", "must be 1 to 128 characters");
      }
      String participant = body.participant() == null ? body.id() : body.participant();
      try {
        orders.add(new Order(body.id(), participant, side, body.price(), body.quantity()));
      } catch (InvalidOrderException e) {
        throw new InvalidFieldException(at + "." + failedField(body), e.getMessage());
      }
    }
    return orders;
  }

  /** Which field an order's refusal is about: the first one missing or out of its rules. */
  private static String failedField(OrderBody body) {
    if (body.participant() != null && body.participant().isBlank()) {
      return "participant";
    }
    try {
      Order.checkedPrice("order " + body.id(), "price", body.price());
    } catch (InvalidOrderException e) {
      return "price";
    }
    return "quantity";
  }
}
