package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.UiSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live updates stream ({@code /ui/live/readings}): only a session whose role may read readings
 * subscribes; a stream for one asset hears of that asset's readings only, a stream for all of every
 * asset's.
 */
@OnEmbeddedDb
class LiveStreamTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired LiveReadings live;
  @Autowired KpiPeriodJob periodJob;

  @Test
  void withoutASessionTheStreamRedirectsToSignIn() {
    UiSession anonymous = new UiSession(port);
    UiSession.Page answer = anonymous.get("/ui/live/readings");
    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.location()).endsWith("/login");
  }

  @Test
  void aRoleThatMayNotReadReadingsIsRefused() {
    UiSession resident = new UiSession(port);
    resident.signIn("resident");
    HttpResponse<Stream<String>> refused = resident.stream("/ui/live/readings");
    try (Stream<String> body = refused.body()) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .doesNotStartWith("text/event-stream");
    }
    assertThat(resident.get("/ui/live/readings?asset=road-a12-s01").status()).isEqualTo(403);
  }

  @Test
  void aStreamTellsOfTheReadingsOfItsAssetAndAStreamForAllOfEveryAssets() throws Exception {
    Api api = new Api(port, json);
    String watched = "live-" + UUID.randomUUID().toString().substring(0, 8);
    String other = "live-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, watched, "Europe/Amsterdam");
    InflowDistrict.register(api, other, "Europe/Amsterdam");
    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    int before = live.listening();
    HttpResponse<Stream<String>> one = investor.stream("/ui/live/readings?asset=" + watched);
    HttpResponse<Stream<String>> all = investor.stream("/ui/live/readings");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    assertThat(all.statusCode()).isEqualTo(200);
    try (Stream<String> oneBody = one.body();
        Stream<String> allBody = all.body()) {
      BlockingQueue<String> oneLines = lines(oneBody);
      BlockingQueue<String> allLines = lines(allBody);
      assertThat(live.listening()).isEqualTo(before + 2);

      importReading(api, other, 1);
      importReading(api, watched, 2);
      List<String> heard = until(oneLines, watched);
      assertThat(heard).contains("event:reading").noneMatch(l -> l.contains(other));
      assertThat(until(allLines, other)).contains("event:reading");

      importReading(api, other, 3);
      importReading(api, watched, 4);
      assertThat(until(oneLines, watched))
          .as("the other asset's readings are not told on the watched asset's stream")
          .noneMatch(l -> l.contains(other));
    }
  }

  @Test
  void closedPeriodsAreToldAndTheJobsProgressCountsThem() throws Exception {
    Api api = new Api(port, json);
    String asset = "live-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "Europe/Amsterdam");
    UiSession operator = new UiSession(port);
    operator.signIn("operator");
    HttpResponse<Stream<String>> stream = operator.stream("/ui/live/readings?asset=" + asset);
    assertThat(stream.statusCode()).isEqualTo(200);
    try (Stream<String> body = stream.body()) {
      BlockingQueue<String> lines = lines(body);
      // A day long past: its period is due at once.
      importReading(api, asset, 3 * 24 * 60);

      int recorded = periodJob.closeDuePeriods();

      assertThat(recorded).isPositive();
      until(lines, asset, "period");
      KpiPeriodJob.Progress progress = periodJob.progress();
      assertThat(progress.last()).isPresent();
      assertThat(progress.last().get().finishedAt()).isPresent();
      assertThat(progress.last().get().assetsDone()).isEqualTo(progress.last().get().assets());
    }
  }

  /** Reads the stream's lines in the background, as they arrive. */
  private static BlockingQueue<String> lines(Stream<String> body) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                body.forEach(lines::add);
              } catch (RuntimeException closed) {
                // The test closed the stream.
              }
            });
    return lines;
  }

  /** The lines up to and including the first data line naming {@code assetId}; 20 s at most. */
  private static List<String> until(BlockingQueue<String> lines, String assetId)
      throws InterruptedException {
    return until(lines, assetId, "reading");
  }

  /**
   * The lines up to and including the first data line of an {@code event} naming {@code assetId};
   * 20 s at most.
   */
  private static List<String> until(BlockingQueue<String> lines, String assetId, String event)
      throws InterruptedException {
    List<String> read = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        read.add(line);
        if (line.startsWith("data:")
            && List.of(line.substring(5).split(" ")).contains(assetId)
            && read.size() >= 2
            && read.get(read.size() - 2).equals("event:" + event)) {
          return read;
        }
      }
    }
    throw new AssertionError(
        "no " + event + " event naming " + assetId + " within 20 s; read " + read);
  }

  private static void importReading(Api api, String asset, int minutesAgo) {
    Instant at =
        Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutesAgo, ChronoUnit.MINUTES);
    var response =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=live-" + asset + ".csv&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                + asset
                + ",system-input-volume,meter-"
                + asset
                + ","
                + at
                + ",12.5,MTQ\n",
            "text/csv");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }
}
