package io.twinledger.market.simulation.tariff;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the utility charges and pays the village per kWh, and the local grid fee a buyer pays on
 * each kWh bought from a neighbour. Prices in the currency's units per kWh, exact.
 *
 * @param currency ISO 4217 code
 * @param retail the import price per {@link TouSeason} and {@link TouPeriod}; every combination
 *     present
 * @param feedIn the export price, flat
 * @param gridFee the fee per kWh traded between neighbours, paid by the buyer, >= 0
 */
public record VillageTariff(
    String currency,
    Map<TouSeason, Map<TouPeriod, BigDecimal>> retail,
    BigDecimal feedIn,
    BigDecimal gridFee) {

  /**
   * Plausible 2025 figures for a Korean household, in KRW/kWh, excluding VAT and the electric power
   * industry fund; assumptions, not a published tariff. Korean households mostly pay KEPCO's tiered
   * residential tariff (energy charges of about 120, 215 and 307 KRW/kWh by monthly tier, plus
   * climate-environment and fuel-cost adjustments); a time-of-use residential tariff exists as a
   * pilot. The village is modelled on a time-of-use tariff at about the same average level, with an
   * evening peak:
   *
   * <pre>
   *                 off-peak  mid-peak  peak
   *   summer           120       170     250
   *   spring/autumn    120       150     200
   *   winter           130       170     240
   * </pre>
   *
   * Feed-in 110 KRW/kWh: about the 2025 system marginal price (SMP) on the mainland, what small
   * producers are paid for surplus. Grid fee 10 KRW/kWh for the local network between neighbours
   * (an assumption: Korea has no peer-to-peer wheeling charge yet). With these, a trade is possible
   * in every period, since every retail price ≥ feed-in + fee.
   */
  public static final VillageTariff KOREA_RESIDENTIAL_TOU_2025 =
      new VillageTariff(
          "KRW",
          Map.of(
              TouSeason.SUMMER, periods("120", "170", "250"),
              TouSeason.SPRING_AUTUMN, periods("120", "150", "200"),
              TouSeason.WINTER, periods("130", "170", "240")),
          new BigDecimal("110"),
          new BigDecimal("10"));

  public VillageTariff {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
    }
    if (feedIn == null || feedIn.signum() < 0) {
      throw new IllegalArgumentException("feedIn must be >= 0, was " + feedIn);
    }
    if (gridFee == null || gridFee.signum() < 0) {
      throw new IllegalArgumentException("gridFee must be >= 0, was " + gridFee);
    }
    Map<TouSeason, Map<TouPeriod, BigDecimal>> copy = new EnumMap<>(TouSeason.class);
    for (TouSeason season : TouSeason.values()) {
      Map<TouPeriod, BigDecimal> prices = retail == null ? null : retail.get(season);
      for (TouPeriod period : TouPeriod.values()) {
        BigDecimal price = prices == null ? null : prices.get(period);
        if (price == null || price.compareTo(feedIn) < 0) {
          throw new IllegalArgumentException(
              "retail price for "
                  + season
                  + " "
                  + period
                  + " must be present and >= the feed-in tariff "
                  + feedIn
                  + ", was "
                  + price);
        }
      }
      copy.put(season, Map.copyOf(new EnumMap<>(prices)));
    }
    retail = Map.copyOf(copy);
  }

  /** The retail (import) price for a slot starting at a local time. */
  public BigDecimal retailAt(LocalDateTime localStart) {
    return retail
        .get(TouSeason.of(localStart.getMonth()))
        .get(TouPeriod.of(localStart.toLocalTime()));
  }

  private static Map<TouPeriod, BigDecimal> periods(String offPeak, String midPeak, String peak) {
    return Map.of(
        TouPeriod.OFF_PEAK, new BigDecimal(offPeak),
        TouPeriod.MID_PEAK, new BigDecimal(midPeak),
        TouPeriod.PEAK, new BigDecimal(peak));
  }
}
