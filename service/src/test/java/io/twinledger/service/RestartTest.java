package io.twinledger.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zero-install mode end to end: demo profile, embedded PostgreSQL in a data directory, stopped
 * and started again. Every asset and event survives, the sample city is not duplicated, and the
 * event stream continues where it stopped.
 */
class RestartTest {

  @TempDir Path dataDir;

  @Test
  void stoppingAndStartingKeepsEveryAssetAndEvent() {
    String water =
        """
        {"assetId": "restart-dma", "assetClass": "WATER_DISTRICT", "name": "Restart DMA",
         "timeZone": "UTC", "parameters": {"mainsLengthKm": 12, "serviceConnections": 900,
         "privatePipeLengthKm": 1.4, "averagePressureM": 40,
         "tariff": {"amount": 1.9, "currency": "EUR"}}}""";
    String kpi =
        """
        {"expectedVersion": %d, "unit": "P1", "aggregation": "LAST", "betterDirection": "LOWER",
         "thresholds": []}""";

    JsonNode eventsBefore;
    try (ConfigurableApplicationContext first = start()) {
      Api api = api(first);
      var registered = api.post("/api/v1/assets", "operator", water);
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
      assertThat(
              api.put("/api/v1/assets/restart-dma/kpis/nrw", "operator", kpi.formatted(0)).status())
          .isEqualTo(200);
      awaitAssets(api, SampleCity.assets().size() + 1);
      eventsBefore = api.get("/api/v1/assets/restart-dma/events", "auditor").json();
    }

    try (ConfigurableApplicationContext second = start()) {
      Api api = api(second);
      JsonNode assets = awaitAssets(api, SampleCity.assets().size() + 1);
      assertThat(assets).hasSize(SampleCity.assets().size() + 1);
      assertThat(api.get("/api/v1/assets/restart-dma/events", "auditor").json())
          .isEqualTo(eventsBefore);
      var next = api.put("/api/v1/assets/restart-dma/kpis/nrw-2", "operator", kpi.formatted(1));
      assertThat(next.json().get("version").asLong()).isEqualTo(2);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(TwinLedgerApplication.class)
        .profiles("demo")
        .run(
            "--server.port=0",
            "--twinledger.data-dir=" + dataDir,
            // EmbeddedBrokerTest restarts the service with its broker.
            "--twinledger.twin.mqtt.embedded=false",
            "--twinledger.demo.feed.enabled=false",
            "--twinledger.demo.bonds.enabled=false",
            "--twinledger.demo.village.enabled=false");
  }

  private static Api api(ConfigurableApplicationContext context) {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    return new Api(port, context.getBean(JsonMapper.class));
  }

  private static JsonNode awaitAssets(Api api, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/assets", "officer").json(), assets -> assets.size() == count);
  }
}
