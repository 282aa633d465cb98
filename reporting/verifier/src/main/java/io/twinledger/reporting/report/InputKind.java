package io.twinledger.reporting.report;

import java.util.Arrays;

/**
 * The kinds of data a report reads. A reading batch is a {@code reading-batch} leaf; the books'
 * events are each a {@code domain-event} leaf whose stored payload the bundle carries; a market
 * slot is not in the audit log but on the ledger, a write of the slot's clearing transaction.
 */
public enum InputKind {
  /** A batch of raw twin readings. */
  READING_BATCH("reading-batch"),
  /** A {@code KpiPeriodClosed} event: one revision of a KPI period. */
  KPI_PERIOD("kpi-period"),
  /** A {@code KpiDefined} event: how a KPI is aggregated or derived. */
  KPI_DEFINITION("kpi-definition"),
  /** An {@code AssetRegistered} or {@code AssetParametersUpdated} event: the asset's parameters. */
  ASSET_PARAMETERS("asset-parameters"),
  /**
   * A {@code CorrectionRequested} or {@code CorrectionDecided} event: the request of a correction
   * in effect on a period's readings, or the decision that approved it.
   */
  CORRECTION("correction"),
  /** A {@code BondDefined} or {@code BondRevised} event: the bond's terms document. */
  BOND_TERMS("bond-terms"),
  /**
   * A {@code HoldingsRecorded} event: a bond's register of holders at one version, every holder's
   * units.
   */
  HOLDINGS("holdings"),
  /** A {@code ModelDefined} or {@code ModelRevised} event: a cash-flow model's definition. */
  MODEL("model"),
  /**
   * A market slot's {@code SlotClearing} as its clearing transaction wrote it on the energy-market
   * channel: the book, trades, accounts and conservation of one 15-minute slot.
   */
  MARKET_SLOT("market-slot");

  private final String label;

  InputKind(String label) {
    this.label = label;
  }

  /** The name in the canonical form. */
  public String label() {
    return label;
  }

  /**
   * Whether its evidence is a ledger write ({@link Input.LedgerWrite}) rather than an audit leaf.
   */
  public boolean onLedger() {
    return this == MARKET_SLOT;
  }

  /**
   * The kind labelled {@code label}.
   *
   * @throws IllegalArgumentException naming the known labels if there is none
   */
  public static InputKind ofLabel(String label) {
    return Arrays.stream(values())
        .filter(k -> k.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown input kind '"
                        + label
                        + "'; known: "
                        + Arrays.stream(values()).map(InputKind::label).toList()));
  }
}
