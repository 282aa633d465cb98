package io.twinledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@link EndpointRoles} against a real handler mapping: only the framework's "no handler matches"
 * outcomes count as no handler; any other failure to find the handler refuses the request, whatever
 * the caller's roles.
 */
class EndpointLookupTest {

  private static final Authentication RESIDENT = user("resident", Roles.RESIDENT);
  private static final Authentication AUDITOR = user("auditor", Roles.AUDITOR);
  private static final Authentication ANONYMOUS =
      new AnonymousAuthenticationToken(
          "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

  private RequestMappingHandlerMapping handlers;

  @BeforeEach
  void mapEndpoints() throws Exception {
    handlers = mapping();
    // GET /reports/{id} answers JSON; POST /reports/{id} takes and answers JSON and needs ?kind.
    map(
        "read",
        RequestMappingInfo.paths("/reports/{id}")
            .methods(RequestMethod.GET)
            .produces("application/json"));
    map(
        "file",
        RequestMappingInfo.paths("/reports/{id}")
            .methods(RequestMethod.POST)
            .consumes("application/json")
            .produces("application/json")
            .params("kind"));
    // Two patterns that match /ledger/x equally well: the lookup fails as ambiguous at run time.
    map("entry", RequestMappingInfo.paths("/ledger/{entry}").methods(RequestMethod.GET));
    map("page", RequestMappingInfo.paths("/ledger/{page}").methods(RequestMethod.GET));
  }

  @Test
  void aDeclaredEndpointAdmitsItsRolesOnly() {
    EndpointRoles roles = new EndpointRoles(handlers);
    assertThat(roles.authorize(() -> AUDITOR, get("/reports/7")).isGranted()).isTrue();
    assertThat(roles.authorize(() -> RESIDENT, get("/reports/7")).isGranted()).isFalse();
  }

  @Test
  void anAmbiguousMappingRefusesTheRequestInsteadOfTakingItForNoHandler() {
    EndpointRoles roles = new EndpointRoles(handlers);
    for (Authentication caller : List.of(RESIDENT, AUDITOR, ANONYMOUS)) {
      assertThatThrownBy(() -> roles.authorize(() -> caller, get("/ledger/x")))
          .as(caller.getName())
          .isInstanceOf(EndpointRoles.LookupFailed.class)
          .hasMessage("cannot tell which endpoint serves GET /ledger/x")
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Ambiguous handler methods");
    }
  }

  @Test
  void anInternalErrorInTheLookupRefusesTheRequest() throws Exception {
    RequestMappingHandlerMapping broken =
        new RequestMappingHandlerMapping() {
          @Override
          protected HandlerMethod getHandlerInternal(HttpServletRequest request) {
            throw new IllegalArgumentException("mapping registry corrupted");
          }
        };
    broken.setApplicationContext(context());
    broken.afterPropertiesSet();
    EndpointRoles roles = new EndpointRoles(broken);

    assertThatThrownBy(() -> roles.authorize(() -> AUDITOR, get("/reports/7")))
        .isInstanceOf(EndpointRoles.LookupFailed.class)
        .hasRootCauseMessage("mapping registry corrupted");
  }

  /**
   * The outcomes of a lookup that found no handler for the request: an unknown path (null), and a
   * known path asked with another method (405), content type (415), accepted type (406) or without
   * a required parameter (400). The dispatcher answers them; the caller need only be authenticated.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /nothing/here",
        "DELETE /reports/7",
        "POST /reports/7?kind=a text/plain application/json",
        "POST /reports/7?kind=a application/json text/csv",
        "POST /reports/7 application/json application/json"
      })
  void aRequestNoHandlerServesNeedsOnlyAnAuthenticatedCaller(String request) {
    EndpointRoles roles = new EndpointRoles(handlers);
    assertThat(roles.authorize(() -> RESIDENT, request(request)).isGranted()).isTrue();
    assertThat(roles.authorize(() -> ANONYMOUS, request(request)).isGranted()).isFalse();
  }

  /** {@code "METHOD /path?query [content-type accept]"}. */
  private static RequestAuthorizationContext request(String line) {
    String[] parts = line.split(" ");
    String[] target = parts[1].split("\\?");
    MockHttpServletRequest request = new MockHttpServletRequest(parts[0], target[0]);
    if (target.length > 1) {
      String[] parameter = target[1].split("=");
      request.setParameter(parameter[0], parameter[1]);
    }
    if (parts.length > 2) {
      request.setContentType(parts[2]);
      request.addHeader("Accept", parts[3]);
    }
    return new RequestAuthorizationContext(request);
  }

  private static RequestAuthorizationContext get(String path) {
    return request("GET " + path);
  }

  private static RequestMappingHandlerMapping mapping() throws Exception {
    RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
    mapping.setApplicationContext(context());
    mapping.afterPropertiesSet();
    return mapping;
  }

  private static GenericApplicationContext context() {
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();
    return context;
  }

  private void map(String method, RequestMappingInfo.Builder info) throws NoSuchMethodException {
    handlers.registerMapping(
        info.options(handlers.getBuilderConfiguration()).build(),
        new Handlers(),
        Handlers.class.getDeclaredMethod(method, String.class));
  }

  private static Authentication user(String name, String role) {
    return UsernamePasswordAuthenticationToken.authenticated(
        name, null, AuthorityUtils.createAuthorityList("ROLE_" + role));
  }

  /** The handlers the mappings point at, all for auditors; none is ever invoked. */
  static class Handlers {

    @RolesAllowed(Roles.AUDITOR)
    public String read(String id) {
      return id;
    }

    @RolesAllowed(Roles.AUDITOR)
    public String file(String id) {
      return id;
    }

    @RolesAllowed(Roles.AUDITOR)
    public String entry(String id) {
      return id;
    }

    @RolesAllowed(Roles.AUDITOR)
    public String page(String id) {
      return id;
    }
  }
}
