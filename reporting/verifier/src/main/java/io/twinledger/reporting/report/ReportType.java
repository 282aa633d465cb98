package io.twinledger.reporting.report;

import java.util.Arrays;

/** The kinds of report TwinLedger issues; each label is how the canonical form names it. */
public enum ReportType {
  /** An environmental impact bond's outcome: measured reduction, method, tier, payment. */
  BOND_OUTCOME("bond-outcome"),
  /** A sustainability-linked bond's KPI against its target, after ICMA's SLB Principles. */
  SLB_KPI("slb-kpi"),
  /** An availability payment's monthly statement: MaxPP, deductions, payment. */
  AVAILABILITY_STATEMENT("availability-statement"),
  /** A per-unit performance contract's statement, such as a non-revenue water contractor's. */
  PER_UNIT_STATEMENT("per-unit-statement"),
  /**
   * An investor's statement: the payouts one token holder received, with the units and the
   * performance behind each.
   */
  INVESTOR_STATEMENT("investor-statement"),
  /** An asset's P&amp;L over whole months: each line per month from its model, and totals. */
  PNL_STATEMENT("pnl-statement"),
  /**
   * A portfolio's P&amp;L over whole months: each asset's lines and totals as in its own P&amp;L
   * statement, and the portfolio's net income per currency, by month and over the period.
   */
  PORTFOLIO_PNL_STATEMENT("portfolio-pnl-statement"),
  /**
   * The village energy market's month: traded energy, prices, the utility's share, savings and the
   * community battery, from the slots the ledger cleared.
   */
  COMMUNITY_ENERGY("community-energy");

  private final String label;

  ReportType(String label) {
    this.label = label;
  }

  /** The name in the canonical form, such as {@code slb-kpi}. */
  public String label() {
    return label;
  }

  /**
   * The type labelled {@code label}.
   *
   * @throws IllegalArgumentException naming the known labels if there is none
   */
  public static ReportType ofLabel(String label) {
    return Arrays.stream(values())
        .filter(t -> t.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown report type '"
                        + label
                        + "'; known: "
                        + Arrays.stream(values()).map(ReportType::label).toList()));
  }
}
