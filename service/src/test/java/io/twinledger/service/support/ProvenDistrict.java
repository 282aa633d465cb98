package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.demo.SampleCity;
import java.time.Duration;

/**
 * A water district whose KPI periods are proven: registered with one measured KPI (m³ a month,
 * lower is better, with the thresholds given), its readings imported as a CSV file through the API,
 * its periods closed by the period job and a checkpoint covering their batches anchored. What the
 * evidence, performance and bond tests start from.
 */
public final class ProvenDistrict {

  private final Api api;
  private final Runnable closePeriods;
  private final Runnable checkpoint;

  /**
   * @param closePeriods closes the periods that are due ({@code KpiPeriodJob::closeDuePeriods})
   * @param checkpoint signs and anchors a checkpoint ({@code AuditJobs::checkpoint})
   */
  public ProvenDistrict(Api api, Runnable closePeriods, Runnable checkpoint) {
    this.api = api;
    this.closePeriods = closePeriods;
    this.checkpoint = checkpoint;
  }

  /**
   * Registers {@code asset} with KPI {@code kpi}, imports {@code readings} (CSV lines {@code
   * observedAt,value} of one inlet meter) and waits for {@code months} closed monthly periods, then
   * anchors them.
   *
   * @param thresholds the KPI's thresholds as a JSON array, {@code []} for none
   */
  public void register(
      String asset, String kpi, String thresholds, int months, String... readings) {
    var registered =
        api.post(
            "/api/v1/assets",
            "officer",
            """
            {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Proven district %1$s",
             "timeZone": "%s",
             "parameters": {"mainsLengthKm": 10, "serviceConnections": 900,
                            "privatePipeLengthKm": 1, "averagePressureM": 40,
                            "tariff": {"amount": 2, "currency": "EUR"}},
             "kpis": [{"kpiId": "%s", "unit": "MTQ", "aggregation": "SUM",
                       "betterDirection": "LOWER", "thresholds": %s}]}"""
                .formatted(asset, SampleCity.TIME_ZONE, kpi, thresholds));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/api/v1/assets/" + asset, "officer").status() == 200);
    importReadings(asset, kpi, readings);
    closePeriods.run();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get(
                            "/api/v1/assets/" + asset + "/kpis/" + kpi + "/periods?kind=MONTH",
                            "auditor")
                        .json()
                        .size()
                    == months);
    checkpoint.run();
  }

  /**
   * Imports {@code readings} of {@code asset}'s {@code kpi} (CSV lines {@code observedAt,value} of
   * one inlet meter, in m³) as one CSV file through the API: one batch.
   */
  public void importReadings(String asset, String kpi, String... readings) {
    StringBuilder csv =
        new StringBuilder("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
    for (String reading : readings) {
      String[] parts = reading.split(",");
      csv.append(asset)
          .append(',')
          .append(kpi)
          .append(',')
          .append(asset)
          .append("-inlet,")
          .append(parts[0])
          .append(',')
          .append(parts[1])
          .append(",MTQ\n");
    }
    var imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=" + asset + ".csv&format=csv",
            "operator",
            csv.toString());
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }
}
