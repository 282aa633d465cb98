package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * A water district with one measured KPI, {@code system-input-volume} (MTQ, summed), registered
 * through the API: what tests of readings, periods, corrections and evidence start from.
 */
public final class InflowDistrict {

  private InflowDistrict() {}

  /** Registers it as the officer and waits until the read side shows it. */
  public static void register(Api api, String assetId, String timeZone) {
    var registered =
        api.post(
            "/api/v1/assets",
            "officer",
            """
            {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Inflow district %1$s",
             "timeZone": "%s",
             "parameters": {"mainsLengthKm": 10, "serviceConnections": 900,
                            "privatePipeLengthKm": 1, "averagePressureM": 40,
                            "tariff": {"amount": 2, "currency": "EUR"}},
             "kpis": [{"kpiId": "system-input-volume", "unit": "MTQ", "aggregation": "SUM",
                       "betterDirection": "LOWER", "thresholds": []}]}"""
                .formatted(assetId, timeZone));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/api/v1/assets/" + assetId, "officer").status() == 200);
  }
}
