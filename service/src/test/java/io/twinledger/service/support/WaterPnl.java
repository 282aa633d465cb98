package io.twinledger.service.support;

import static org.awaitility.Awaitility.await;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.service.demo.SampleCity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import tools.jackson.databind.JsonNode;

/**
 * A water district with a P&amp;L, made through the service as production makes it: the sample
 * city's North Hill DMA registered afresh under a new id, its monthly KPI periods recorded, and the
 * {@code water-nrw} template defined as its model over the API. Months are of 2026.
 */
public final class WaterPnl {

  private static final String OFFICER = "officer";

  private WaterPnl() {}

  /** A new copy of the sample city's North Hill DMA, once the read side shows it; its id. */
  public static String waterDistrict(CommandGateway commands, Api api) {
    RegisterAsset sample =
        SampleCity.assets().stream()
            .filter(a -> a.assetId().equals("dma-north-hill"))
            .findFirst()
            .orElseThrow();
    String id = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    commands.sendAndWait(
        new RegisterAsset(
            id, sample.name(), sample.timeZone(), sample.parameters(), sample.kpis()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/api/v1/assets/" + id, OFFICER).status() == 200);
    return id;
  }

  /**
   * Records a KPI's monthly period of 2026, fully covered, its evidence one batch whose digest is
   * {@code digit} 64 times.
   */
  public static void close(
      CommandGateway commands,
      String asset,
      String kpi,
      int month,
      int revision,
      String value,
      String unit,
      char digit) {
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset,
            kpi,
            YearMonth.of(2026, month),
            revision,
            new BigDecimal(value),
            unit,
            String.valueOf(digit).repeat(64)));
  }

  /**
   * The API's body defining the {@code water-nrw} template as model {@code modelId} of the asset.
   */
  public static String waterModel(String modelId, String asset) {
    String definition =
        ModelDefinitions.toJson(Templates.load("water-nrw"))
            .replace("\"id\" : \"water-nrw\"", "\"id\" : \"" + modelId + "\"");
    return "{\"assets\": [\"" + asset + "\"], \"definition\": " + definition + "}";
  }

  /** The asset's statements of one period kind, once there are {@code count} of them. */
  public static JsonNode awaitStatements(Api api, String asset, String period, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var answer = api.get("/api/v1/pnl/assets/" + asset + "?period=" + period, OFFICER);
              return answer.status() == 200 && answer.json().get("statements").size() == count;
            });
    return api.get("/api/v1/pnl/assets/" + asset + "?period=" + period, OFFICER).json();
  }
}
