package io.twinledger.market.clearing;

import io.twinledger.market.order.Order;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One side of a book in rank order, with prices and quantities as scaled longs: prices in units of
 * {@code 10^-PRICE_SCALE} per kWh (bids at their effective price, less the fee), quantities in Wh.
 * Exact: orders allow no finer prices or quantities, so the longs lose nothing, and comparisons and
 * sums on the curves need no decimal arithmetic.
 */
final class RankedSide {

  /** An order in the ranking; {@code fill} is the Wh it trades, set by {@link #fill}. */
  static final class Entry {
    final Order order;
    final long price;
    final long quantity;
    long fill;

    Entry(Order order, long price, long quantity) {
      this.order = order;
      this.price = price;
      this.quantity = quantity;
    }
  }

  private static final Comparator<Entry> BIDS =
      (x, y) -> {
        int c = Long.compare(y.price, x.price);
        return c != 0 ? c : x.order.id().compareTo(y.order.id());
      };

  private static final Comparator<Entry> ASKS =
      (x, y) -> {
        int c = Long.compare(x.price, y.price);
        return c != 0 ? c : x.order.id().compareTo(y.order.id());
      };

  final Entry[] entries;

  private RankedSide(Entry[] entries) {
    this.entries = entries;
  }

  /** Bids ranked by effective price ({@code price - fee}), highest first, then by id. */
  static RankedSide bids(List<Order> bids, long fee) {
    Entry[] entries = new Entry[bids.size()];
    for (int i = 0; i < entries.length; i++) {
      Order o = bids.get(i);
      entries[i] = new Entry(o, priceUnits(o.price()) - fee, wh(o.quantity()));
    }
    Arrays.sort(entries, BIDS);
    return new RankedSide(entries);
  }

  /** Asks ranked by price, lowest first, then by id. */
  static RankedSide asks(List<Order> asks) {
    Entry[] entries = new Entry[asks.size()];
    for (int i = 0; i < entries.length; i++) {
      Order o = asks.get(i);
      entries[i] = new Entry(o, priceUnits(o.price()), wh(o.quantity()));
    }
    Arrays.sort(entries, ASKS);
    return new RankedSide(entries);
  }

  /** A price of at most {@link Order#PRICE_SCALE} decimals in units of {@code 10^-PRICE_SCALE}. */
  static long priceUnits(BigDecimal price) {
    return price.setScale(Order.PRICE_SCALE).movePointRight(Order.PRICE_SCALE).longValueExact();
  }

  /** A price in units back to a decimal without trailing zeros (never a negative scale). */
  static BigDecimal price(long units) {
    return canonical(BigDecimal.valueOf(units, Order.PRICE_SCALE));
  }

  static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Wh back to kWh with three decimals. */
  static BigDecimal kwh(long wh) {
    return BigDecimal.valueOf(wh, Order.QUANTITY_SCALE);
  }

  private static long wh(BigDecimal kwh) {
    return kwh.movePointRight(Order.QUANTITY_SCALE).longValueExact();
  }

  /**
   * Sets the fills of the first {@code count} entries for a traded volume of {@code volume} Wh
   * whose last Wh lies in entry {@code marginal}: every entry ranked at a better price than the
   * marginal one is filled in full; the entries at the marginal price share the rest pro rata to
   * their quantities, in whole Wh, largest remainder, equal remainders to the smaller id (they are
   * in id order already, and the sort of remainders is stable); entries beyond get nothing.
   */
  void fill(int count, long volume, int marginal) {
    for (int i = 0; i < entries.length; i++) {
      entries[i].fill = 0;
    }
    if (volume == 0) {
      return;
    }
    long level = entries[marginal].price;
    int first = marginal;
    while (first > 0 && entries[first - 1].price == level) {
      first--;
    }
    int end = marginal + 1;
    while (end < count && entries[end].price == level) {
      end++;
    }
    long left = volume;
    for (int i = 0; i < first; i++) {
      entries[i].fill = entries[i].quantity;
      left -= entries[i].quantity;
    }
    long tied = 0;
    for (int i = first; i < end; i++) {
      tied += entries[i].quantity;
    }
    if (left == tied) {
      for (int i = first; i < end; i++) {
        entries[i].fill = entries[i].quantity;
      }
      return;
    }
    int n = end - first;
    long[] remainders = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      Entry e = entries[first + i];
      long hi = Math.multiplyHigh(left, e.quantity);
      long lo = left * e.quantity;
      if (hi == 0 && lo >= 0) {
        e.fill = lo / tied;
        remainders[i] = lo % tied;
      } else {
        BigInteger[] qr =
            BigInteger.valueOf(left)
                .multiply(BigInteger.valueOf(e.quantity))
                .divideAndRemainder(BigInteger.valueOf(tied));
        e.fill = qr[0].longValueExact();
        remainders[i] = qr[1].longValueExact();
      }
      given += e.fill;
    }
    long extra = left - given;
    if (extra > 0) {
      Integer[] byRemainder = new Integer[n];
      for (int i = 0; i < n; i++) {
        byRemainder[i] = i;
      }
      Arrays.sort(byRemainder, (x, y) -> Long.compare(remainders[y], remainders[x]));
      for (int i = 0; i < extra; i++) {
        entries[first + byRemainder[i]].fill++;
      }
    }
  }
}
