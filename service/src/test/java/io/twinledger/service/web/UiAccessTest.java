package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.security.Roles;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.UiSession;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI's access rules, walked over every page: without a session a page redirects to sign-in;
 * with a role its {@code @RolesAllowed} does not admit it is a 403 page; with an admitted role it
 * renders. Forms need the session's CSRF token, and the API keeps its own authentication.
 */
@OnEmbeddedDb
class UiAccessTest {

  /** An asset of the sample city, present in demo mode. */
  private static final String SAMPLE_ASSET = "road-a12-s01";

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  /**
   * A GET handler of the UI.
   *
   * @param fragment a part of a page htmx fetches ({@link UiFragment}), not a page of its own
   */
  record PageRoute(String path, Set<String> roles, boolean open, boolean fragment) {}

  @Test
  void everyPageDeclaresItsRoles() {
    List<String> undeclared = new ArrayList<>();
    handlers
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              boolean underUi =
                  info.getPatternValues().stream().anyMatch(p -> p.startsWith("/ui/"));
              if ((isPage(method) || underUi)
                  && !method.hasMethodAnnotation(RolesAllowed.class)
                  && !method.hasMethodAnnotation(PermitAll.class)) {
                undeclared.add(method.toString());
              }
            });
    assertThat(undeclared).isEmpty();
  }

  @Test
  void everyPageAnswersEveryRoleAsDeclared() {
    List<PageRoute> pages = pages();
    assertThat(pages).as("the walk found the pages").hasSizeGreaterThanOrEqualTo(4);
    List<String> wrong = new ArrayList<>();
    Map<String, UiSession> sessions = new HashMap<>();
    for (String role : Roles.ALL) {
      UiSession session = new UiSession(port);
      assertThat(session.signIn(user(role)).location()).endsWith("/ui");
      sessions.put(role, session);
    }
    for (PageRoute page : pages) {
      UiSession.Page anonymous = new UiSession(port).get(page.path());
      if (!page.open() && !(anonymous.status() == 302 && anonymous.location().endsWith("/login"))) {
        wrong.add(page.path() + " anonymous -> " + anonymous.status() + " " + anonymous.location());
      }
      for (String role : Roles.ALL) {
        int status = sessions.get(role).get(page.path()).status();
        boolean admitted = page.open() || page.roles().contains(role);
        // An admitted page renders or redirects (the home page), or is a 404 for a path variable
        // that names nothing; it is never refused and never fails. A refused one is the 403 page.
        boolean ok = admitted ? status == 200 || status == 302 || status == 404 : status == 403;
        if (!ok) {
          wrong.add(page.path() + " " + role + " -> " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * axe-core on every page each role may open, in a real browser, and on the sign-in and 403 pages.
   * The journeys check the pages again with data in them.
   */
  @Test
  void everyPageIsAccessibleToEveryRoleThatMayOpenIt() {
    List<PageRoute> pages = pages();
    try (Browser anonymous = Browser.open(port)) {
      anonymous.go("/login").assertAccessible();
    }
    for (String role : Roles.ALL) {
      try (Browser browser = Browser.open(port)) {
        browser.signIn(user(role), user(role));
        for (PageRoute page : pages) {
          if (page.roles().contains(role) && !page.fragment()) {
            browser.go(page.path()).assertAccessible();
          }
        }
        browser.go(role.equals(Roles.RESIDENT) ? "/ui/portfolio" : "/ui/village");
        assertThat(browser.text()).contains("not for your role");
        browser.assertAccessible();
      }
    }
  }

  @Test
  void eachRoleLandsOnItsOwnHomeAndSeesOnlyItsNavigation() {
    UiSession officer = new UiSession(port);
    officer.signIn("officer");
    UiSession.Page home = officer.get("/ui");
    assertThat(home.location()).endsWith("/ui/portfolio");
    String portfolio = officer.get("/ui/portfolio").body();
    // The officer reads the village community's figures, never a resident's home.
    assertThat(portfolio)
        .contains("href=\"/ui/portfolio\"", "href=\"/ui/village/community\"")
        .doesNotContain("href=\"/ui/village\"", "href=\"/ui/village/bills\"");

    UiSession resident = new UiSession(port);
    resident.signIn("resident");
    assertThat(resident.get("/ui").location()).endsWith("/ui/village");
    assertThat(resident.get("/ui/village").body())
        .contains("href=\"/ui/village\"")
        .doesNotContain("/ui/portfolio");
    UiSession.Page refused = resident.get("/ui/portfolio");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("not for your role");
  }

  @Test
  void aWrongPasswordIsRefusedAndGivesNoSession() {
    UiSession session = new UiSession(port);
    session.get("/login");
    UiSession.Page answer =
        session.post("/login", Map.of("username", "officer", "password", "not-it"));
    assertThat(answer.location()).endsWith("/login?error");
    assertThat(session.get("/ui/portfolio").location()).endsWith("/login");
    assertThat(session.get("/login?error").body()).contains("user name or password is wrong");
  }

  @Test
  void formsWithoutTheSessionsCsrfTokenAreRefused() {
    UiSession session = new UiSession(port);
    session.get("/login");
    assertThat(session.postRaw("/login", Map.of("username", "officer", "password", "officer")))
        .as("sign-in without a token")
        .satisfies(p -> assertThat(p.location()).doesNotEndWith("/ui"));
    session.signIn("officer");
    UiSession.Page forged =
        session.postRaw("/logout", Map.of("_csrf", "forged-token-from-another-site"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("security token");
    assertThat(session.get("/ui/portfolio").status()).as("still signed in").isEqualTo(200);
    UiSession.Page out = session.post("/logout", Map.of());
    assertThat(out.location()).endsWith("/login?signed-out");
    assertThat(session.get("/ui/portfolio").location()).endsWith("/login");
  }

  @Test
  void theApiKeepsBasicAndProblemDetailsBesideTheUi() {
    Api api = new Api(port, json);
    assertThat(api.get("/api/v1/assets", "officer").status()).isEqualTo(200);
    Api.Response anonymous = api.get("/api/v1/assets", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    UiSession session = new UiSession(port);
    session.signIn("officer");
    assertThat(session.get("/api/v1/assets").status())
        .as("a UI session is no credential for the API")
        .isEqualTo(401);
  }

  private List<PageRoute> pages() {
    List<PageRoute> pages = new ArrayList<>();
    handlers
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              // Pages read with GET; the 403 page (any method) is reached by refusal, not walked.
              var methods = info.getMethodsCondition().getMethods();
              if (!isPage(method)
                  || methods.isEmpty()
                  || !methods.stream().allMatch(m -> m.name().equals("GET"))) {
                return;
              }
              RolesAllowed allowed = method.getMethodAnnotation(RolesAllowed.class);
              Set<String> roles = allowed == null ? Set.of() : Set.of(allowed.value());
              boolean open = method.hasMethodAnnotation(PermitAll.class);
              for (String pattern : info.getPatternValues()) {
                pages.add(
                    new PageRoute(
                        pattern.replace("{assetId}", SAMPLE_ASSET).replaceAll("\\{[^}/]+}", "walk"),
                        roles,
                        open,
                        method.hasMethodAnnotation(UiFragment.class)));
              }
            });
    return pages;
  }

  private static boolean isPage(HandlerMethod method) {
    return method.getBeanType().isAnnotationPresent(UiController.class);
  }

  /** Demo user names are the role names in lower case, first word only. */
  private static String user(String role) {
    return role.equals(Roles.FINANCE_OFFICER) ? "officer" : role.toLowerCase();
  }
}
