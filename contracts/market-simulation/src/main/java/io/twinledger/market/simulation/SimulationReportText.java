package io.twinledger.market.simulation;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.figures.CommunityFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link SimulationReport} as Markdown, for people: energy in whole kWh, prices to 0.1 per kWh,
 * amounts in whole currency units, ratios in percent to 0.1, all rounded half-even for display only
 * (the report keeps exact values). A ratio without a denominator prints as "–".
 */
public final class SimulationReportText {

  private SimulationReportText() {}

  /** The report as Markdown. */
  public static String markdown(SimulationReport report) {
    StringBuilder out = new StringBuilder();
    String currency = report.currency();
    out.append("# ")
        .append(report.villageName())
        .append(", ")
        .append(report.settings().year())
        .append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Seed %d, %d households, %s, battery %s; %s slots of 15 minutes.%n%n",
            report.settings().seed(),
            report.households().size(),
            describe(report.settings().rule()),
            report.settings().battery() ? "on" : "off",
            grouped(BigDecimal.valueOf(report.slots()))));
    out.append(
        report.conservationHeld()
            ? "Conservation (energy and money) held on every one of the "
                + grouped(BigDecimal.valueOf(report.slotsChecked()))
                + " slots checked.\n\n"
            : "**Conservation failed on "
                + report.conservationFailures().size()
                + " of "
                + grouped(BigDecimal.valueOf(report.slotsChecked()))
                + " slots checked**, first "
                + report.conservationFailures().get(0)
                + ".\n\n");

    CommunityFigures with = report.withTrading();
    CommunityFigures without = report.withoutTrading();
    out.append("## The year\n\n| Figure | with trading | without trading |\n|---|---:|---:|\n");
    row(out, "consumption, kWh", kwh(with.consumptionKwh()), kwh(without.consumptionKwh()));
    row(out, "PV generation, kWh", kwh(with.generationKwh()), kwh(without.generationKwh()));
    row(
        out,
        "bought from the utility, kWh",
        kwh(with.utilityImportKwh()),
        kwh(without.utilityImportKwh()));
    row(
        out,
        "sold to the utility, kWh",
        kwh(with.utilityExportKwh()),
        kwh(without.utilityExportKwh()));
    row(
        out,
        "self-sufficiency",
        percent(with.selfSufficiency()),
        percent(without.selfSufficiency()));
    row(
        out,
        "self-consumption",
        percent(with.selfConsumption()),
        percent(without.selfConsumption()));
    row(out, "traded between members, kWh", kwh(with.tradedKwh()), "0");
    row(out, "average price, " + currency + "/kWh", price(with.averagePrice()), "–");
    row(out, "households' savings, " + currency, money(with.householdSavings()), "0");
    if (report.battery().isPresent()) {
      BatteryOutcome battery = report.battery().get();
      row(
          out,
          "battery charged / discharged, kWh",
          kwh(with.batteryChargedKwh()) + " / " + kwh(with.batteryDischargedKwh()),
          "–");
      row(out, "battery equivalent full cycles", decimal(with.batteryCycles(), 1), "–");
      row(
          out,
          "battery net revenue (the community's), " + currency,
          money(with.batteryNetRevenue()),
          "–");
      row(
          out,
          "battery state of charge, lowest / highest, kWh",
          kwh(battery.lowestStateKwh()) + " / " + kwh(battery.highestStateKwh()),
          "–");
    }
    if (with.mechanismSurplus().signum() != 0) {
      row(
          out,
          "mechanism surplus (the community's), " + currency,
          money(with.mechanismSurplus()),
          "–");
    }

    out.append(
        "\n## Months\n\n| Month | consumption kWh | PV kWh | self-sufficiency | self-consumption"
            + " | traded kWh | average price | savings "
            + currency
            + " |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (MonthFigures month : report.months()) {
      CommunityFigures f = month.figures();
      out.append("| ")
          .append(month.month())
          .append(" | ")
          .append(kwh(f.consumptionKwh()))
          .append(" | ")
          .append(kwh(f.generationKwh()))
          .append(" | ")
          .append(percent(f.selfSufficiency()))
          .append(" | ")
          .append(percent(f.selfConsumption()))
          .append(" | ")
          .append(kwh(f.tradedKwh()))
          .append(" | ")
          .append(price(f.averagePrice()))
          .append(" | ")
          .append(money(f.householdSavings()))
          .append(" |\n");
    }

    out.append(
        "\n## Households\n\n| Household | kWp | consumption kWh | PV kWh | bought kWh | sold kWh"
            + " | bill without trading | bill with trading | savings | savings % |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (HouseholdOutcome h : report.households()) {
      BigDecimal base = h.billWithoutTrading();
      Optional<BigDecimal> share =
          base.signum() > 0
              ? Optional.of(h.savings().divide(base, 6, RoundingMode.HALF_EVEN))
              : Optional.empty();
      out.append("| ")
          .append(h.household().id())
          .append(" | ")
          .append(h.household().peakPowerKw().toPlainString())
          .append(" | ")
          .append(kwh(h.consumptionKwh()))
          .append(" | ")
          .append(kwh(h.generationKwh()))
          .append(" | ")
          .append(kwh(h.boughtKwh()))
          .append(" | ")
          .append(kwh(h.soldKwh()))
          .append(" | ")
          .append(money(base))
          .append(" | ")
          .append(money(h.billWithTrading()))
          .append(" | ")
          .append(money(h.savings()))
          .append(" | ")
          .append(percent(share))
          .append(" |\n");
    }
    out.append(
        "\nBills are negative when the household is paid. Savings = the bill without trading"
            + " − the bill with trading, for the same metered energy.\n");
    return out.toString();
  }

  /** A clearing rule in words. */
  public static String describe(ClearingRule rule) {
    return switch (rule) {
      case ClearingRule.UniformPrice uniform ->
          "uniform price (κ = " + uniform.kappa().toPlainString() + ")";
      case ClearingRule.PayAsBid payAsBid -> "pay-as-bid";
      case ClearingRule.TradeReduction reduction -> "McAfee trade reduction";
    };
  }

  private static void row(StringBuilder out, String name, String with, String without) {
    out.append("| ")
        .append(name)
        .append(" | ")
        .append(with)
        .append(" | ")
        .append(without)
        .append(" |\n");
  }

  private static String kwh(BigDecimal value) {
    return grouped(value.setScale(0, RoundingMode.HALF_EVEN));
  }

  private static String money(BigDecimal value) {
    return grouped(value.setScale(0, RoundingMode.HALF_EVEN));
  }

  private static String price(Optional<BigDecimal> value) {
    return decimal(value, 1);
  }

  private static String decimal(Optional<BigDecimal> value, int scale) {
    return value.map(v -> v.setScale(scale, RoundingMode.HALF_EVEN).toPlainString()).orElse("–");
  }

  private static String percent(Optional<BigDecimal> ratio) {
    return ratio
        .map(r -> r.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %")
        .orElse("–");
  }

  private static String grouped(BigDecimal whole) {
    DecimalFormat format =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(whole);
  }
}
