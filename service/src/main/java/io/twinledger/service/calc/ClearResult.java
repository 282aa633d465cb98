package io.twinledger.service.calc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.Trade;
import java.math.BigDecimal;
import java.util.List;

/**
 * Response of {@code POST /api/v1/calc/clear}. Prices and quantities are exact decimals, never
 * rounded: the uniform price is {@code (1 - kappa) * low + kappa * high} as computed.
 *
 * @param price the one price sellers receive per kWh; absent for pay-as-bid and when nothing trades
 * @param volume the kWh traded
 * @param surplus what buyers pay beyond sellers' revenue and fees (McAfee's reduced case), else 0
 * @param trades the bilateral trades
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClearResult(
    BigDecimal price, BigDecimal volume, BigDecimal surplus, List<TradeItem> trades) {

  /**
   * One trade: {@code quantity} kWh from the ask's seller to the bid's buyer; the seller receives
   * {@code price} per kWh, the buyer pays {@code buyerPrice} (shown only where it differs) plus the
   * grid fee.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TradeItem(
      String bid, String ask, BigDecimal quantity, BigDecimal price, BigDecimal buyerPrice) {

    static TradeItem of(Trade trade) {
      return new TradeItem(
          trade.bid(),
          trade.ask(),
          trade.quantity(),
          trade.price(),
          trade.buyerPrice().compareTo(trade.price()) == 0 ? null : trade.buyerPrice());
    }
  }

  static ClearResult of(ClearingResult result) {
    return new ClearResult(
        result.price().orElse(null),
        result.volume(),
        result.trades().stream().map(Trade::surplus).reduce(BigDecimal.ZERO, BigDecimal::add),
        result.trades().stream().map(TradeItem::of).toList());
  }
}
