package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ProvenDistrict} with a P&amp;L: its readings proven, and a cash-flow model defined over
 * the API that books the water sold (the KPI at a tariff) as revenue and a fixed fee a month as an
 * operating cost, in EUR. What the P&amp;L report tests issue statements of.
 */
public final class ProvenPnl {

  /** The district's KPI, the volume the model sells. */
  public static final String KPI = "system-input-volume";

  private ProvenPnl() {}

  /**
   * {@link #define} with the months of the asset P&amp;L statement tests: 150 m³ in March and 300
   * m³ in April 2025 at 2.35 EUR a m³, less 40 EUR a month; net income 312.50 and 665.00 EUR.
   */
  public static void marchAndApril2025(
      Api api, ProvenDistrict district, String asset, String model) {
    define(
        api,
        district,
        asset,
        model,
        "2.35",
        "40",
        2,
        "2025-03-04T08:00:00Z,100",
        "2025-03-20T08:00:00Z,50",
        "2025-04-10T08:00:00Z,300");
  }

  /**
   * Registers {@code asset} with {@code readings} proven over {@code months} months, defines model
   * {@code model} on it (revenue {@code sales}: the volume at {@code tariff} EUR a m³; operating
   * cost {@code fee}: {@code fee} EUR a month), and waits until the P&amp;L projection has computed
   * each month.
   *
   * @param readings CSV lines {@code observedAt,value} of one inlet meter, in m³
   */
  public static void define(
      Api api,
      ProvenDistrict district,
      String asset,
      String model,
      String tariff,
      String fee,
      int months,
      String... readings) {
    district.register(asset, KPI, "[]", months, readings);
    var defined =
        api.post(
            "/api/v1/models",
            "officer",
            """
            {"assets": ["%s"], "definition": {"id": "%s", "name": "Water sales of %1$s",
             "assetClass": "WATER_DISTRICT", "currency": "EUR",
             "parameters": {"tariff": {"value": %s, "unit": "EUR/MTQ"},
                            "fee": {"value": %s, "unit": "EUR"}},
             "lines": [
              {"id": "sales", "kind": "REVENUE", "label": "Water sales",
               "formula": "kpi('%s') * param('tariff')"},
              {"id": "fee", "kind": "OPERATING_COST", "label": "Operator fee",
               "formula": "param('fee')"}]}}"""
                .formatted(asset, model, tariff, fee, KPI));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    WaterPnl.awaitStatements(api, asset, "MONTH", months);
  }
}
