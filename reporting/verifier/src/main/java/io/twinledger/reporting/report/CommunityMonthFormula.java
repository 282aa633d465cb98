package io.twinledger.reporting.report;

import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.figures.CommunityFigures;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotOutcome;
import io.twinledger.reporting.bill.SlotVerification;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@value #NAME}: one of the village market's community figures over a month's slots, as
 * contracts-market's {@link CommunityFigures} defines it (its Javadoc holds each formula once).
 *
 * <p>Each input is a {@code market-slot}; its book is cleared and settled again with
 * contracts-market's code ({@link SlotVerification#recompute}), which must give the clearing the
 * ledger recorded, and the recomputed slot is added to a {@link CommunityFigures#tally}. A figure
 * reads only slots that count ({@link CommunityFigures#counts}): one in which no one moved energy
 * or money adds nothing, and listing it is refused. Parameters:
 *
 * <ul>
 *   <li>{@code measure}: which figure ({@link Measure}, such as {@code traded-kwh});
 *   <li>{@code month} ({@code 2026-11}) and {@code zone} ({@code Asia/Seoul}): every slot starts in
 *       that month in that zone, and no slot is read twice;
 *   <li>the community battery, when the market has one: {@code battery} (its participant id),
 *       {@code batteryCapacityKwh}, {@code batteryPowerKw}, {@code batteryRoundTripEfficiency},
 *       {@code batteryMinSocKwh}; its accounts count as the battery's, not a household's. They must
 *       state the battery every slot's clearing transaction wrote on the ledger ({@link
 *       MarketSlot#battery()}), and state none when the transactions wrote none.
 * </ul>
 *
 * <p>Values are plain decimals ({@link FigureFormula#text}): energy in kWh (unit {@code KWH}),
 * amounts exact in the slots' currency (unit the ISO 4217 code), the average price in currency per
 * kWh (unit {@code KRW/KWH}), cycles as a count (unit {@code C62}). A ratio whose denominator is
 * zero (no trade, no battery) is the word {@code none}. Self-sufficiency and self-consumption are
 * not offered: they need the consumption and generation behind the meters, which net metering does
 * not see.
 */
public record CommunityMonthFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "community-month";

  /** The value of a ratio with a zero denominator. */
  public static final String NONE = "none";

  /** The figures a {@value #NAME} figure can state, by the {@code measure} parameter. */
  public enum Measure {
    /**
     * {@link CommunityFigures#tradedKwh()}: energy traded in the market, the battery's included.
     */
    TRADED_KWH("traded-kwh", Unit.KWH, f -> Optional.of(f.tradedKwh())),
    /**
     * {@link CommunityFigures#tradedAmount()}: what sellers in the village received for it, money
     * paid to neighbours and the battery rather than to the utility.
     */
    TRADED_AMOUNT("traded-amount", Unit.MONEY, f -> Optional.of(f.tradedAmount())),
    /** {@link CommunityFigures#averagePrice()}: volume-weighted, the sellers' price. */
    AVERAGE_PRICE("average-price", Unit.PRICE, CommunityFigures::averagePrice),
    /** {@link CommunityFigures#utilityImportKwh()}: the households' energy from the utility. */
    UTILITY_IMPORT_KWH("utility-import-kwh", Unit.KWH, f -> Optional.of(f.utilityImportKwh())),
    /** {@link CommunityFigures#utilityExportKwh()}: the households' energy to the utility. */
    UTILITY_EXPORT_KWH("utility-export-kwh", Unit.KWH, f -> Optional.of(f.utilityExportKwh())),
    /** {@link CommunityFigures#householdSavings()}: against the bills without trading. */
    HOUSEHOLD_SAVINGS("household-savings", Unit.MONEY, f -> Optional.of(f.householdSavings())),
    /** {@link CommunityFigures#batteryChargedKwh()}. */
    BATTERY_CHARGED_KWH("battery-charged-kwh", Unit.KWH, f -> Optional.of(f.batteryChargedKwh())),
    /** {@link CommunityFigures#batteryDischargedKwh()}. */
    BATTERY_DISCHARGED_KWH(
        "battery-discharged-kwh", Unit.KWH, f -> Optional.of(f.batteryDischargedKwh())),
    /** {@link CommunityFigures#batteryNetRevenue()}: the community's. */
    BATTERY_NET_REVENUE("battery-net-revenue", Unit.MONEY, f -> Optional.of(f.batteryNetRevenue())),
    /** {@link CommunityFigures#batteryCycles()}: equivalent full cycles. */
    BATTERY_CYCLES("battery-cycles", Unit.COUNT, CommunityFigures::batteryCycles),
    /** {@link CommunityFigures#mechanismSurplus()}: the clearing's surplus, the community's. */
    MECHANISM_SURPLUS("mechanism-surplus", Unit.MONEY, f -> Optional.of(f.mechanismSurplus()));

    private final String label;
    private final Unit unit;
    private final Function<CommunityFigures, Optional<BigDecimal>> value;

    Measure(String label, Unit unit, Function<CommunityFigures, Optional<BigDecimal>> value) {
      this.label = label;
      this.unit = unit;
      this.value = value;
    }

    /** The {@code measure} parameter's value. */
    public String label() {
      return label;
    }

    /** The figure's unit when amounts are in {@code currency}. */
    public String unit(String currency) {
      return switch (unit) {
        case KWH -> "KWH";
        case MONEY -> currency;
        case PRICE -> currency + "/KWH";
        case COUNT -> "C62";
      };
    }

    /** The figure's value over {@code figures}, as figures write it. */
    public String value(CommunityFigures figures) {
      return value.apply(figures).map(FigureFormula::text).orElse(NONE);
    }

    /** Whether it is the battery's, and so meaningless without one. */
    public boolean ofBattery() {
      return label.startsWith("battery-");
    }

    /** The measure labelled {@code label}, if there is one. */
    public static Optional<Measure> ofLabel(String label) {
      return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    private enum Unit {
      KWH,
      MONEY,
      PRICE,
      COUNT
    }
  }

  /**
   * The parameters of a {@code measure} figure over {@code month} in {@code zone}, with the
   * battery's when the market has one.
   */
  public static Map<String, String> parameters(
      Measure measure, YearMonth month, ZoneId zone, Optional<CommunityBattery> battery) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("measure", measure.label());
    parameters.put("month", month.toString());
    parameters.put("zone", zone.getId());
    battery.ifPresent(
        b -> {
          parameters.put("battery", b.participant());
          parameters.put("batteryCapacityKwh", b.capacityKwh().toPlainString());
          parameters.put("batteryPowerKw", b.powerKw().toPlainString());
          parameters.put("batteryRoundTripEfficiency", b.roundTripEfficiency().toPlainString());
          parameters.put("batteryMinSocKwh", b.minSocKwh().toPlainString());
        });
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    Map<String, String> parameters = figure.parameters();
    Measure measure =
        Measure.ofLabel(parameters.getOrDefault("measure", ""))
            .orElseThrow(
                () ->
                    new FigureException(
                        "measure \""
                            + parameters.getOrDefault("measure", "")
                            + "\" is none of "
                            + Arrays.stream(Measure.values()).map(Measure::label).toList()));
    YearMonth month;
    ZoneId zone;
    try {
      month = YearMonth.parse(parameters.getOrDefault("month", ""));
      zone = ZoneId.of(parameters.getOrDefault("zone", ""));
    } catch (DateTimeException e) {
      throw new FigureException("needs a month (YYYY-MM) and a zone: " + e.getMessage());
    }
    if (figure.inputs().isEmpty()) {
      throw new FigureException("reads no slot");
    }
    Optional<CommunityBattery> named = battery(parameters);
    Optional<CommunityBattery> recorded = Optional.empty();
    List<SlotOutcome> outcomes = new ArrayList<>();
    Set<SlotId> seen = new HashSet<>();
    Optional<String> currency = Optional.empty();
    for (String id : figure.inputs()) {
      if (!data.isInput(id) || data.kind(id) != InputKind.MARKET_SLOT) {
        throw new FigureException("reads " + id + "; a community month reads only market slots");
      }
      MarketSlot slot = data.marketSlot(id);
      if (currency.isPresent() && !currency.get().equals(slot.currency())) {
        throw new FigureException(
            id + " is settled in " + slot.currency() + ", the others in " + currency.get());
      }
      if (outcomes.isEmpty()) {
        recorded = slot.battery();
      } else if (!same(recorded, slot.battery())) {
        throw new FigureException(
            id
                + " was cleared with "
                + describe(slot.battery())
                + ", the slots before it with "
                + describe(recorded));
      }
      currency = Optional.of(slot.currency());
      SlotOutcome outcome;
      try {
        outcome = SlotVerification.recompute(slot.clearing(), slot.terms(), slot.currency());
      } catch (SlotVerification.Failed e) {
        throw new FigureException(id + " does not recompute: " + e.getMessage());
      }
      if (!seen.add(outcome.slot())) {
        throw new FigureException("reads slot " + outcome.slot() + " twice");
      }
      if (!YearMonth.from(outcome.slot().start().atZone(zone)).equals(month)) {
        throw new FigureException(
            "slot " + outcome.slot() + " (" + id + ") is not in " + month + " (" + zone + ")");
      }
      if (!CommunityFigures.counts(outcome)) {
        throw new FigureException(
            "slot "
                + outcome.slot()
                + " ("
                + id
                + ") adds nothing: no one moved energy or money in it, so it does not count");
      }
      outcomes.add(outcome);
    }
    if (!same(named, recorded)) {
      throw new FigureException(
          "the figure names "
              + describe(named)
              + ", the slots' clearing transactions recorded "
              + describe(recorded));
    }
    CommunityFigures.Tally tally = CommunityFigures.tally(recorded);
    // Net metering sees no consumption or generation behind the meters: both stay zero.
    outcomes.forEach(outcome -> tally.add(outcome, BigDecimal.ZERO, BigDecimal.ZERO));
    String unit = measure.unit(currency.orElse(""));
    if (currency.isPresent() && !unit.equals(figure.unit())) {
      throw new FigureException(
          "a " + measure.label() + " is in " + unit + ", the figure states " + figure.unit());
    }
    return measure.value(tally.figures());
  }

  /** Whether both are no battery, or the same battery: its participant and its parameters. */
  private static boolean same(Optional<CommunityBattery> a, Optional<CommunityBattery> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    CommunityBattery x = a.get();
    CommunityBattery y = b.get();
    return x.participant().equals(y.participant())
        && x.capacityKwh().compareTo(y.capacityKwh()) == 0
        && x.powerKw().compareTo(y.powerKw()) == 0
        && x.roundTripEfficiency().compareTo(y.roundTripEfficiency()) == 0
        && x.minSocKwh().compareTo(y.minSocKwh()) == 0;
  }

  private static String describe(Optional<CommunityBattery> battery) {
    return battery
        .map(
            b ->
                "battery "
                    + b.participant()
                    + " ("
                    + b.capacityKwh().toPlainString()
                    + " kWh, "
                    + b.powerKw().toPlainString()
                    + " kW, round trip "
                    + b.roundTripEfficiency().toPlainString()
                    + ", at least "
                    + b.minSocKwh().toPlainString()
                    + " kWh)")
        .orElse("no battery");
  }

  private static Optional<CommunityBattery> battery(Map<String, String> parameters)
      throws FigureException {
    if (!parameters.containsKey("battery")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new CommunityBattery(
              parameters.get("battery"),
              new BigDecimal(parameters.getOrDefault("batteryCapacityKwh", "")),
              new BigDecimal(parameters.getOrDefault("batteryPowerKw", "")),
              new BigDecimal(parameters.getOrDefault("batteryRoundTripEfficiency", "")),
              new BigDecimal(parameters.getOrDefault("batteryMinSocKwh", ""))));
    } catch (IllegalArgumentException e) {
      throw new FigureException("the battery's parameters are not a battery: " + e.getMessage());
    }
  }
}
