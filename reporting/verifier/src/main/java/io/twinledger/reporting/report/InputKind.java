package io.twinledger.reporting.report;

import java.util.Arrays;

/**
 * The kinds of data a report reads. A reading batch is a {@code reading-batch} leaf; the others are
 * events of the books, each a {@code domain-event} leaf whose stored payload the bundle carries.
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
  /** A {@code BondDefined} or {@code BondRevised} event: the bond's terms document. */
  BOND_TERMS("bond-terms"),
  /**
   * A {@code HoldingsRecorded} event: a bond's register of holders at one version, every holder's
   * units.
   */
  HOLDINGS("holdings");

  private final String label;

  InputKind(String label) {
    this.label = label;
  }

  /** The name in the canonical form. */
  public String label() {
    return label;
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
