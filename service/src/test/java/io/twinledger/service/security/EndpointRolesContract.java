package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.web.UiController;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks every endpoint with every role and without credentials, and checks the answer against the
 * roles the endpoint declares: 401 without credentials, 403 for a role it does not admit, neither
 * for a role it admits. Request bodies are empty objects, so admitted writes fail validation and
 * change nothing.
 */
abstract class EndpointRolesContract {

  /** An asset of the sample city, present in demo mode. */
  static final String SAMPLE_ASSET = "road-a12-s01";

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  record Endpoint(String method, String path, Set<String> roles, boolean open) {}

  @Test
  void everyApplicationEndpointDeclaresItsRoles() {
    List<String> undeclared = new ArrayList<>();
    handlers
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (ours(method)
                  && !method.hasMethodAnnotation(RolesAllowed.class)
                  && !method.hasMethodAnnotation(PermitAll.class)) {
                undeclared.add(method.toString());
              }
            });
    assertThat(undeclared).isEmpty();
  }

  @Test
  void everyEndpointAnswersEveryRoleAsDeclared() {
    Api api = new Api(port, json);
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).as("the walk found the API").hasSizeGreaterThanOrEqualTo(7);
    List<String> wrong = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      String body = endpoint.method().equals("GET") ? null : "{}";
      int anonymous = api.send(endpoint.method(), endpoint.path(), null, body).status();
      if (endpoint.open() ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
        wrong.add(endpoint + " anonymous -> " + anonymous);
      }
      for (String role : Roles.ALL) {
        int status = api.send(endpoint.method(), endpoint.path(), user(role), body).status();
        boolean admitted = endpoint.open() || endpoint.roles().contains(role);
        boolean ok = admitted ? status != 401 && status != 403 : status == 403;
        if (!ok) {
          wrong.add(endpoint + " " + role + " -> " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    handlers
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (ours(info, method)) {
                endpoints.addAll(endpoints(info, method));
              }
            });
    endpoints.add(new Endpoint("GET", "/actuator/health", Set.of(), true));
    endpoints.add(new Endpoint("GET", "/actuator/info", Set.of(), true));
    endpoints.add(new Endpoint("GET", "/api/docs", Set.of(), true));
    endpoints.add(new Endpoint("GET", "/actuator/prometheus", Set.of(Roles.OPERATOR), false));
    return endpoints;
  }

  private static List<Endpoint> endpoints(RequestMappingInfo info, HandlerMethod method) {
    RolesAllowed allowed = method.getMethodAnnotation(RolesAllowed.class);
    Set<String> roles = allowed == null ? Set.of() : Set.copyOf(Arrays.asList(allowed.value()));
    boolean open = method.hasMethodAnnotation(PermitAll.class);
    List<Endpoint> endpoints = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      // Any other path variable (a job or model id) gets a value that names nothing: 404 at most.
      String path =
          pattern
              .replace("{assetId}", SAMPLE_ASSET)
              .replace("{kpiId}", "walk")
              .replaceAll("\\{[^}/]+}", "walk");
      info.getMethodsCondition()
          .getMethods()
          .forEach(m -> endpoints.add(new Endpoint(m.name(), path, roles, open)));
    }
    return endpoints;
  }

  /**
   * Our API endpoints. The web UI's handlers (its pages, and its event streams under {@code /ui})
   * answer a session, not HTTP Basic: UiAccessTest and LiveStreamTest walk them.
   */
  private static boolean ours(HandlerMethod method) {
    return method.getBeanType().getPackageName().startsWith("io.twinledger")
        && !method.getBeanType().isAnnotationPresent(UiController.class);
  }

  private static boolean ours(RequestMappingInfo info, HandlerMethod method) {
    return ours(method) && info.getPatternValues().stream().noneMatch(p -> p.startsWith("/ui/"));
  }

  /** Demo user names are the role names in lower case, first word only. */
  private static String user(String role) {
    return switch (role) {
      case Roles.FINANCE_OFFICER -> "officer";
      default -> role.toLowerCase();
    };
  }
}
