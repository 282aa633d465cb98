package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A correction of one stored reading through the API with four eyes: requested by the operator,
 * approved by the finance officer. What the evidence and report tests correct a closed period with.
 */
public final class ApprovedCorrection {

  private ApprovedCorrection() {}

  /**
   * Corrects the reading of {@code asset} observed at {@code at} and has it approved; returns the
   * correction's number. The periods it changes close again on the period job's next run.
   *
   * @param action the JSON fields naming the action and any value, such as {@code "action":
   *     "SUPERSEDE", "value": 10}
   */
  public static long of(Api api, String asset, String at, String action, String reason) {
    JsonNode reading =
        api.get(
                "/api/v1/twin/readings?asset="
                    + asset
                    + "&from="
                    + at
                    + "&to="
                    + Instant.parse(at).plusSeconds(1),
                "auditor")
            .json()
            .get(0)
            .get("reading");
    var requested =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            "{%s, \"reason\": \"%s\", \"reading\": {\"source\": \"%s\", \"sensorId\": \"%s\","
                    .formatted(
                        action,
                        reason,
                        reading.get("source").asString(),
                        reading.get("sensorId").asString())
                + " \"observedAt\": \""
                + at
                + "\"}}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    assertThat(requested.json().get("status").asString())
        .as("a correction of a closed period waits for a second person")
        .isEqualTo("WAITING");
    long id = requested.json().get("correctionId").asLong();
    var approved = api.post("/api/v1/twin/corrections/" + id + "/approve", "officer", "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    return id;
  }
}
