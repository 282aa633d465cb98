package io.twinledger.service.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The web UI's filter chain. It claims only {@link #PATHS} and comes before the API's ({@link
 * SecurityConfiguration}), which keeps HTTP Basic and bearer tokens and never sees a UI session.
 *
 * <p>Sign-in is a form against the configured accounts in embedded mode, through the same {@link
 * PasswordLogins} and throttle as HTTP Basic, and the authorization code flow with PKCE at the OIDC
 * issuer in OIDC mode ({@link SecurityProperties.UiClient}). Either way the user gets a session
 * cookie, every form carries a CSRF token, and each page's {@code @RolesAllowed} is enforced by the
 * same {@link EndpointRoles} as the API's endpoints. Without a session a page redirects to {@value
 * #LOGIN}; with the wrong role it is a 403 page.
 */
@Configuration(proxyBeanMethods = false)
public class UiSecurityConfiguration {

  /** The sign-in page. */
  public static final String LOGIN = "/login";

  /** The paths this chain claims; all others are the API's. */
  public static final List<String> PATHS =
      List.of(
          "/",
          "/ui",
          "/ui/**",
          LOGIN,
          "/logout",
          "/webjars/**",
          "/favicon.ico",
          "/oauth2/authorization/**",
          "/login/oauth2/code/**");

  /** What anyone may fetch: the sign-in page and what it loads. */
  private static final String[] OPEN =
      List.of(LOGIN, "/ui/css/**", "/ui/js/**", "/ui/img/**", "/webjars/**", "/favicon.ico")
          .toArray(String[]::new);

  /** The registration id of the web UI's OIDC client, the last segment of its redirect URI. */
  public static final String OIDC_REGISTRATION = "twinledger";

  @Bean
  @Order(1)
  SecurityFilterChain uiSecurity(
      HttpSecurity http,
      SecurityProperties properties,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
      MeterRegistry meters,
      ObjectProvider<PasswordLogins> passwords,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer)
      throws Exception {
    AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
    denied.setErrorPage("/ui/denied");
    LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(LOGIN);
    http.securityMatcher(PATHS.toArray(String[]::new))
        .headers(
            h ->
                h.contentSecurityPolicy(
                    csp -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(OPEN)
                    .permitAll()
                    // An async dispatch only resumes a request this chain already authorized (a
                    // live stream ending after its session was signed out or expired).
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .anyRequest()
                    .access(new EndpointRoles(handlers)))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(denied)
                    .authenticationEntryPoint(
                        (request, response, failure) -> {
                          // An htmx request after the session ended: a redirect would swap the
                          // sign-in page into a fragment, so htmx is told to load it instead.
                          if (request.getHeader("HX-Request") != null) {
                            response.setHeader("HX-Redirect", LOGIN);
                            response.setStatus(401);
                            return;
                          }
                          signIn.commence(request, response, failure);
                        }))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?signed-out"));
    if (properties.mode() == SecurityProperties.Mode.EMBEDDED) {
      http.authenticationManager(new ProviderManager(passwords.getObject()))
          .formLogin(
              form ->
                  form.loginPage(LOGIN)
                      .defaultSuccessUrl("/ui", true)
                      .failureHandler(
                          (request, response, failure) -> {
                            String reason = SecurityConfiguration.failureReason(failure);
                            if (reason != null) {
                              meters
                                  .counter(SecurityConfiguration.AUTH_FAILURES, "reason", reason)
                                  .increment();
                            }
                            response.sendRedirect(
                                LOGIN
                                    + (failure instanceof FailedLogins.LockedOut locked
                                        ? "?locked=" + locked.retryAfterSeconds()
                                        : "?error"));
                          }));
    } else if (properties.uiClient().configured()) {
      ClientRegistrationRepository clients = oidcClient(properties.uiClient(), issuer);
      DefaultOAuth2AuthorizationRequestResolver pkce =
          new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
      pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
      http.oauth2Login(
          oauth ->
              oauth
                  .loginPage(LOGIN)
                  .clientRegistrationRepository(clients)
                  .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                  .userInfoEndpoint(u -> u.userAuthoritiesMapper(rolesFrom(properties)))
                  .defaultSuccessUrl("/ui", true)
                  .failureUrl(LOGIN + "?error"));
    }
    return http.build();
  }

  /**
   * The UI's client, its endpoints discovered from the issuer on first sign-in rather than at
   * start, so the service starts while the identity provider is down.
   */
  private static ClientRegistrationRepository oidcClient(
      SecurityProperties.UiClient client, String issuer) {
    if (issuer.isBlank()) {
      throw new IllegalStateException(
          "twinledger.security.ui-client needs"
              + " spring.security.oauth2.resourceserver.jwt.issuer-uri in OIDC mode");
    }
    Supplier<ClientRegistration> registration =
        SingletonSupplier.of(
            () ->
                ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(OIDC_REGISTRATION)
                    .clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .clientAuthenticationMethod(
                        client.clientSecret().isBlank()
                            ? ClientAuthenticationMethod.NONE
                            : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .scope(client.scopes())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .build());
    return id -> OIDC_REGISTRATION.equals(id) ? registration.get() : null;
  }

  /** Roles from the ID token's roles claim, as the API reads them from an access token. */
  private static GrantedAuthoritiesMapper rolesFrom(SecurityProperties properties) {
    return authorities -> {
      Collection<GrantedAuthority> roles = new ArrayList<>();
      for (GrantedAuthority authority : authorities) {
        if (authority instanceof OidcUserAuthority oidc) {
          roles.addAll(
              Roles.authorities(oidc.getIdToken().getClaimAsStringList(properties.rolesClaim())));
        }
      }
      return roles;
    };
  }
}
