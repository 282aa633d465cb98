package io.twinledger.market.figures;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.Trade;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.slot.SlotOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The community's figures over a run of slots, each formula defined once here. Sums are exact;
 * ratios are rounded half-even to {@value #RATIO_SCALE} decimals, the average price to {@value
 * #PRICE_SCALE}. A ratio with a zero denominator is empty.
 *
 * <ul>
 *   <li><b>self-sufficiency</b> = consumption met locally (own PV, neighbours, the battery) / total
 *       consumption = {@code (consumptionKwh - utilityImportKwh) / consumptionKwh}; the battery
 *       charges only from the community, so all it delivers is local;
 *   <li><b>self-consumption</b> = local generation consumed inside the community (including what
 *       the battery stores and loses) / local generation = {@code (generationKwh -
 *       utilityExportKwh) / generationKwh};
 *   <li><b>traded volume</b> = the sum of the slots' cleared volumes, kWh (the battery's trades
 *       included);
 *   <li><b>average price</b> = volume-weighted over every trade: {@code sum(quantity * price) /
 *       sum(quantity)}, the sellers' price;
 *   <li><b>households' savings</b> = the bill without trading - the bill with trading, for the same
 *       metered energy, summed over households (not the battery);
 *   <li><b>battery net revenue</b> = what the battery received for energy sold - what it paid for
 *       energy bought, fees included; the community's;
 *   <li><b>battery cycles</b> = equivalent full cycles = {@code dischargedKwh / (capacityKwh -
 *       minSocKwh)}.
 * </ul>
 *
 * Consumption and generation are the metered (or simulated) actuals of the slots, never forecasts:
 * computing self-sufficiency from forecast loads is a known pitfall. Utility import and export are
 * the settlement's, net per household and slot.
 *
 * @param slots the number of slots
 * @param consumptionKwh the households' total consumption
 * @param generationKwh the households' total generation
 * @param utilityImportKwh bought from the utility
 * @param utilityExportKwh sold to the utility
 * @param tradedKwh traded in the market
 * @param tradedAmount paid to sellers for it, {@code sum(quantity * price)}
 * @param householdSavings the households' savings
 * @param batteryChargedKwh bought by the battery
 * @param batteryDischargedKwh sold by the battery
 * @param batteryNetRevenue the battery's net revenue
 * @param mechanismSurplus the clearing's surplus (McAfee's reduced case), the community's
 * @param batteryUsableKwh the battery's usable capacity, zero without one
 */
public record CommunityFigures(
    long slots,
    BigDecimal consumptionKwh,
    BigDecimal generationKwh,
    BigDecimal utilityImportKwh,
    BigDecimal utilityExportKwh,
    BigDecimal tradedKwh,
    BigDecimal tradedAmount,
    BigDecimal householdSavings,
    BigDecimal batteryChargedKwh,
    BigDecimal batteryDischargedKwh,
    BigDecimal batteryNetRevenue,
    BigDecimal mechanismSurplus,
    BigDecimal batteryUsableKwh) {

  /** Decimals of a ratio. */
  public static final int RATIO_SCALE = 6;

  /** Decimals of the average price. */
  public static final int PRICE_SCALE = 4;

  /** Self-sufficiency, a ratio in {@code [0, 1]}. */
  public Optional<BigDecimal> selfSufficiency() {
    return ratio(consumptionKwh.subtract(utilityImportKwh), consumptionKwh, RATIO_SCALE);
  }

  /** Self-consumption, a ratio in {@code [0, 1]}. */
  public Optional<BigDecimal> selfConsumption() {
    return ratio(generationKwh.subtract(utilityExportKwh), generationKwh, RATIO_SCALE);
  }

  /** The volume-weighted average price sellers received. */
  public Optional<BigDecimal> averagePrice() {
    return ratio(tradedAmount, tradedKwh, PRICE_SCALE);
  }

  /** Equivalent full cycles of the battery. */
  public Optional<BigDecimal> batteryCycles() {
    return ratio(batteryDischargedKwh, batteryUsableKwh, RATIO_SCALE);
  }

  private static Optional<BigDecimal> ratio(
      BigDecimal numerator, BigDecimal denominator, int scale) {
    return denominator.signum() == 0
        ? Optional.empty()
        : Optional.of(numerator.divide(denominator, scale, RoundingMode.HALF_EVEN));
  }

  /**
   * Whether {@code outcome} changes any figure but the number of slots: it has a trade or a
   * surplus, or a participant moved energy or money in it. A slot in which no one was metered, or
   * everyone metered at zero, does not; a statement of figures lists only slots that count.
   */
  public static boolean counts(SlotOutcome outcome) {
    return !outcome.clearing().trades().isEmpty()
        || outcome.clearing().surplus().signum() != 0
        || outcome.accounts().accounts().stream().anyMatch(CommunityFigures::moved);
  }

  private static boolean moved(ParticipantAccount a) {
    return Stream.of(
            a.netKwh(),
            a.boughtKwh(),
            a.boughtAmount(),
            a.soldKwh(),
            a.soldAmount(),
            a.feesAmount(),
            a.utilityImportKwh(),
            a.utilityImportAmount(),
            a.utilityExportKwh(),
            a.utilityExportAmount(),
            a.baselineTotal())
        .anyMatch(v -> v.signum() != 0);
  }

  /** A tally to which slots are added one by one; {@link Tally#figures()} reads it. */
  public static Tally tally(Optional<CommunityBattery> battery) {
    return new Tally(battery);
  }

  /** Adds slots up. Not thread-safe. */
  public static final class Tally {
    private final Optional<CommunityBattery> battery;
    private long slots;
    private BigDecimal consumption = BigDecimal.ZERO;
    private BigDecimal generation = BigDecimal.ZERO;
    private BigDecimal utilityImport = BigDecimal.ZERO;
    private BigDecimal utilityExport = BigDecimal.ZERO;
    private BigDecimal traded = BigDecimal.ZERO;
    private BigDecimal tradedAmount = BigDecimal.ZERO;
    private BigDecimal savings = BigDecimal.ZERO;
    private BigDecimal charged = BigDecimal.ZERO;
    private BigDecimal discharged = BigDecimal.ZERO;
    private BigDecimal batteryRevenue = BigDecimal.ZERO;
    private BigDecimal surplus = BigDecimal.ZERO;

    private Tally(Optional<CommunityBattery> battery) {
      this.battery = battery;
    }

    /**
     * Adds a slot.
     *
     * @param outcome the slot's market
     * @param consumptionKwh the households' consumption in the slot
     * @param generationKwh the households' generation in the slot
     */
    public Tally add(SlotOutcome outcome, BigDecimal consumptionKwh, BigDecimal generationKwh) {
      slots++;
      consumption = consumption.add(consumptionKwh);
      generation = generation.add(generationKwh);
      String batteryId = battery.map(CommunityBattery::participant).orElse(null);
      for (ParticipantAccount a : outcome.accounts().accounts()) {
        if (a.participant().equals(batteryId)) {
          charged = charged.add(a.boughtKwh());
          discharged = discharged.add(a.soldKwh());
          batteryRevenue = batteryRevenue.subtract(a.total());
        } else {
          utilityImport = utilityImport.add(a.utilityImportKwh());
          utilityExport = utilityExport.add(a.utilityExportKwh());
          savings = savings.add(a.savings());
        }
      }
      for (Trade t : outcome.clearing().trades()) {
        traded = traded.add(t.quantity());
        tradedAmount = tradedAmount.add(t.sellerAmount());
      }
      surplus = surplus.add(outcome.clearing().surplus());
      return this;
    }

    /** The figures of the slots added so far. */
    public CommunityFigures figures() {
      return new CommunityFigures(
          slots,
          consumption,
          generation,
          utilityImport,
          utilityExport,
          traded,
          tradedAmount,
          savings,
          charged,
          discharged,
          batteryRevenue,
          surplus,
          battery.map(CommunityBattery::usableKwh).orElse(BigDecimal.ZERO));
    }
  }
}
