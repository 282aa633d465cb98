package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over real HTTP, through the service's filter chain: a request whose handler lookup fails (here
 * two endpoints, registered for the test only, that match it equally well) is refused to every
 * caller with a 500 problem detail that keeps the cause to the server, and no handler runs.
 */
@OnEmbeddedDb
class EndpointLookupHttpTest {

  private static final String PATH = "/api/v1/lookup-test/";

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  private final Entries entries = new Entries();
  private final List<RequestMappingInfo> registered = new ArrayList<>();

  @BeforeEach
  void registerTwoEndpointsForOnePath() throws NoSuchMethodException {
    for (String pattern : List.of(PATH + "{entry}", PATH + "{page}")) {
      RequestMappingInfo info =
          RequestMappingInfo.paths(pattern)
              .methods(RequestMethod.GET)
              .options(handlers.getBuilderConfiguration())
              .build();
      handlers.registerMapping(info, entries, Entries.class.getMethod("read", String.class));
      registered.add(info);
    }
  }

  @AfterEach
  void unregister() {
    registered.forEach(handlers::unregisterMapping);
  }

  @Test
  void anAmbiguousEndpointIsRefusedToEveryCallerWithAProblemDetail() {
    Api api = new Api(port, json);
    for (String user : Arrays.asList(null, "resident", "auditor")) {
      var answer = api.get(PATH + "x", user);
      assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(500);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      JsonNode problem = answer.json();
      assertThat(problem.get("type").asString())
          .isEqualTo("urn:problem-type:twinledger:endpoint-unresolved");
      assertThat(problem.get("status").asInt()).isEqualTo(500);
      assertThat(answer.body()).as("the cause stays in the log").doesNotContain("Ambiguous");
    }
    assertThat(entries.reads).hasValue(0);
  }

  /** The endpoints' handler, for auditors; it counts the reads that reach it. */
  public static class Entries {

    final AtomicInteger reads = new AtomicInteger();

    @RolesAllowed(Roles.AUDITOR)
    public String read(String id) {
      reads.incrementAndGet();
      return id;
    }
  }
}
