package io.twinledger.service.openapi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the first {@code GET /api/docs} takes on a freshly started service, over HTTP, beside
 * the next two. A {@code GET /actuator/health} goes first: the first request of any kind pays for
 * the servlet and the filter chain, which is not the document's cost. {@code -Dbench.wait-ms=N}
 * waits N ms after start-up before asking (0 by default: the worst case, asked at once). Run:
 * {@code ./mvnw -Pbench -pl service -am verify -DskipITs -Dtest=ApiDocsFirstRequestBenchmark}.
 */
@Tag("benchmark")
@OnEmbeddedDb
class ApiDocsFirstRequestBenchmark {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Test
  void firstAndNextRequests() throws InterruptedException {
    Api api = new Api(port, json);
    long waitMs = Long.getLong("bench.wait-ms", 0);
    Thread.sleep(waitMs);
    assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    for (int i = 1; i <= 3; i++) {
      long start = System.nanoTime();
      Api.Response docs = api.get("/api/docs", null);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(docs.status()).isEqualTo(200);
      System.out.printf("GET /api/docs #%d after waiting %d ms: %d ms%n", i, waitMs, ms);
    }
  }
}
