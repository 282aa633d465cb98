package io.twinledger.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.twinledger.service.support.OnEmbeddedDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request ids over real HTTP: a usable {@code X-Request-Id} is echoed and carried by what is logged
 * while the request is handled; an unusable one (too long, or with characters that could forge a
 * log line or a JSON field) is replaced, and appears in no log line; none sent, one is made.
 */
@OnEmbeddedDb
class RequestIdTest {

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RequestIdFilter.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level level;

  @BeforeEach
  void capture() {
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
    logger.setLevel(level);
  }

  @Test
  void aUsableRequestIdIsEchoedAndLogged() throws Exception {
    HttpResponse<String> response = get("abc");

    assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).contains("abc");
    ILoggingEvent access = accessLine();
    assertThat(access.getMDCPropertyMap()).containsEntry(RequestIdFilter.MDC_KEY, "abc");
    assertThat(access.getFormattedMessage())
        .isEqualTo("GET /actuator/health 200 in %s ms", access.getArgumentArray()[3]);
  }

  @Test
  void anUnusableRequestIdIsReplacedAndNeverLogged() throws Exception {
    String forged = "abc\",\"level\":\"ERROR";
    String tooLong = "a".repeat(RequestIdFilter.MAX_LENGTH + 1);
    for (String sent : List.of(forged, tooLong, "two words", "")) {
      logged.list.clear();
      HttpResponse<String> response = get(sent);

      String id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
      assertThat(id).as(sent).isNotEqualTo(sent);
      assertThat(UUID.fromString(id)).as("a new random id").isNotNull();
      assertThat(accessLine().getMDCPropertyMap()).containsEntry(RequestIdFilter.MDC_KEY, id);
      for (ILoggingEvent event : logged.list) {
        assertThat(event.getFormattedMessage()).doesNotContain(sent.isEmpty() ? "\u0000" : sent);
        assertThat(event.getMDCPropertyMap().values()).doesNotContain(sent);
      }
    }
  }

  @Test
  void withoutARequestIdOneIsMade() throws Exception {
    HttpResponse<String> first = get(null);
    HttpResponse<String> second = get(null);

    String one = first.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
    String other = second.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
    assertThat(UUID.fromString(one)).isNotEqualTo(UUID.fromString(other));
  }

  private HttpResponse<String> get(String requestId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"));
    if (requestId != null) {
      request.header(RequestIdFilter.HEADER, requestId);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  /** The filter's access line for the request just sent. */
  private ILoggingEvent accessLine() {
    return logged.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith("GET /actuator/health "))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no access line in " + logged.list));
  }
}
