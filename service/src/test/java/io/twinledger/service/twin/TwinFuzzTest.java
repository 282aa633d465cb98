package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded mutations of valid NGSI-LD notifications and bulk files, sent over HTTP: none may crash
 * the service or get a 5xx; each is stored, or refused with a problem, or quarantined. Thousands
 * more go through the pipeline directly in twin-adapter's {@code IngestionFuzzTest}; here the count
 * is bounded by the cost of checking a bcrypt password on every request.
 */
@OnEmbeddedDb
public class TwinFuzzTest {

  private static final long SEED = 20261121L;

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Test
  void mutatedNotificationsNeverCauseA5xx() throws Exception {
    String valid;
    try (InputStream in = getClass().getResourceAsStream("/ngsild/road-segment-normalized.json")) {
      valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Api api = new Api(port, json);
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String mutated = mutate(valid, random);
      var response = api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", mutated);
      if (response.status() >= 500
          || (response.status() != 200
              && !response.contentType().startsWith("application/problem+json"))) {
        failures.add(response.status() + " for " + mutated);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void mutatedBulkFilesNeverCauseA5xx() {
    String valid =
        """
        asset_id,kpi_id,sensor_id,observed_at,value,unit_code
        dma-north-hill,system-input-volume,inlet,2019-03-01T00:00:00Z,125000,MTQ
        dma-north-hill,system-input-volume,inlet,2019-03-02T00:00:00Z,4100000,LTR
        gi-rock-creek-a,runoff-volume,outfall,2019-03-03T00:05:00Z,21.5,MTQ
        """;
    Api api = new Api(port, json);
    Random random = new Random(SEED + 1);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String mutated = mutate(valid, random);
      var response =
          api.send("POST", "/api/v1/twin/imports?name=fuzz-" + i + ".csv", "operator", mutated);
      if (response.status() >= 500) {
        failures.add(response.status() + " for " + mutated);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** One to three random edits: delete, duplicate, insert garbage, swap a token, truncate. */
  public static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && s.length() > 1; e++) {
      int at = random.nextInt(s.length());
      int len = 1 + random.nextInt(Math.min(20, s.length() - at));
      switch (random.nextInt(7)) {
        case 0 -> s.delete(at, at + len);
        case 1 -> s.insert(at, s.substring(at, at + len));
        case 2 -> s.insert(at, GARBAGE[random.nextInt(GARBAGE.length)]);
        case 3 -> s.setLength(at);
        case 4 -> s.replace(at, at + len, "1e400");
        case 5 -> s.replace(at, at + len, "{\"type\":\"Property\",\"value\":{\"a\":[[[[]]]]}}");
        default -> s.setCharAt(at, (char) random.nextInt(0x2FFF));
      }
    }
    return s.toString();
  }

  private static final String[] GARBAGE = {
    "null",
    "\"\"",
    "[]",
    "{}",
    ",",
    "\"value\":",
    "\u0000",
    "-",
    "NaN",
    "\"2026-13-45T99:99:99Z\"",
    "\"observedAt\":\"yesterday\"",
    "\"unitCode\":\"XYZ\"",
    "9".repeat(500),
    "\\u0000",
    "\"@context\":7"
  };
}
