package io.twinledger.service.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.service.problem.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chain for the API, the actuator and the API description; the web UI has its own
 * ({@link UiSecurityConfiguration}), which comes first and claims only its paths. Authentication is
 * HTTP Basic against configured accounts, remembered for a short TTL ({@link PasswordLogins}), or a
 * bearer token from {@code POST /api/v1/auth/token} ({@link AccessTokens}) in embedded mode; bearer
 * JWTs in OIDC mode. Failed logins are throttled ({@link FailedLogins}: 429 with {@code
 * Retry-After}) and counted in {@value #AUTH_FAILURES}. Authorisation is each endpoint's
 * {@code @RolesAllowed}, enforced by {@link EndpointRoles}. Failures are problem details, a request
 * whose endpoint cannot be determined included (500, see {@link EndpointRoles}). Every response
 * carries {@link #CONTENT_SECURITY_POLICY}; HSTS goes only with HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** Paths anyone may read: liveness for orchestrators and the API description. */
  public static final List<String> PUBLIC_PATHS =
      List.of(
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/info",
          "/api/docs",
          "/api/docs/**",
          "/swagger-ui/**");

  /** Failed logins, tagged {@code reason}: bad-credentials, invalid-token, locked-out. */
  public static final String AUTH_FAILURES = "twinledger.auth.failures";

  /** The {@code reason}s of {@value #AUTH_FAILURES}, as {@link #failureReason} names them. */
  public static final List<String> AUTH_FAILURE_REASONS =
      List.of("bad-credentials", "invalid-token", "locked-out");

  /**
   * On every response. {@code img-src data:} is for the icons Swagger UI's stylesheet inlines; it
   * loads no inline script.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      SecurityProperties properties,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
      JsonMapper json,
      MeterRegistry meters,
      ObjectProvider<PasswordLogins> passwords,
      ObjectProvider<AccessTokens> tokens)
      throws Exception {
    // At 0 from the start, so that a rate or an increase sees the first failures.
    AUTH_FAILURE_REASONS.forEach(reason -> meters.counter(AUTH_FAILURES, "reason", reason));
    AuthenticationEntryPoint unauthenticated =
        (request, response, failure) -> {
          String reason = failureReason(failure);
          if (reason != null) {
            meters.counter(AUTH_FAILURES, "reason", reason).increment();
          }
          if (failure instanceof FailedLogins.LockedOut locked) {
            response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
            write(
                response,
                json,
                Problems.of(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "login-throttled",
                    "Too many failed logins",
                    "too many failed logins for this user or from this address; retry after "
                        + locked.retryAfterSeconds()
                        + " s"));
            return;
          }
          response.setHeader(
              "WWW-Authenticate",
              failure instanceof OAuth2AuthenticationException
                  ? "Bearer error=\"invalid_token\""
                  : properties.mode() == SecurityProperties.Mode.EMBEDDED
                      ? "Basic realm=\"TwinLedger\""
                      : "Bearer");
          write(
              response,
              json,
              Problems.of(
                  HttpStatus.UNAUTHORIZED,
                  "unauthenticated",
                  "Authentication required",
                  "sign in to use this endpoint"));
        };
    http.csrf(csrf -> csrf.disable())
        // HSTS stays Spring Security's default: sent only on secure requests (HTTPS, or behind a
        // proxy that says so with X-Forwarded-Proto), never over plain HTTP.
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(PUBLIC_PATHS.toArray(String[]::new))
                    .permitAll()
                    // The container's error pages for any request, not /error called directly.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    // OPTIONS answers only which methods a path allows, which /api/docs tells
                    // anyone anyway; it reads no body and runs no handler.
                    .requestMatchers(HttpMethod.OPTIONS)
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(Roles.OPERATOR)
                    .anyRequest()
                    .access(new EndpointRoles(handlers)))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            write(
                                response,
                                json,
                                Problems.of(
                                    HttpStatus.FORBIDDEN,
                                    "forbidden",
                                    "Forbidden",
                                    "your role may not use this endpoint"))));
    http.addFilterBefore(refuseUnresolvedEndpoints(json), AuthorizationFilter.class);
    if (properties.mode() == SecurityProperties.Mode.OIDC) {
      http.oauth2ResourceServer(
          oauth ->
              oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtRoles(properties.rolesClaim()))));
    } else {
      // Basic pays bcrypt once per credential and TTL (PasswordLogins); bearer tokens from
      // POST /api/v1/auth/token cost a MAC. Both are refused while a lock-out lasts.
      http.authenticationManager(new ProviderManager(passwords.getObject()));
      http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
      JwtAuthenticationProvider bearer =
          new JwtAuthenticationProvider(tokens.getObject().decoder());
      bearer.setJwtAuthenticationConverter(jwtRoles(AccessTokens.ROLES_CLAIM));
      http.oauth2ResourceServer(
          oauth ->
              oauth
                  .authenticationEntryPoint(unauthenticated)
                  .jwt(jwt -> jwt.authenticationManager(new ProviderManager(bearer))));
    }
    return http.build();
  }

  /**
   * Embedded mode's password check, one for the API's HTTP Basic and the web UI's sign-in form, so
   * both count failed logins against the same throttle.
   */
  @Bean
  @OnEmbeddedMode
  PasswordLogins passwordLogins(
      SecurityProperties properties, PasswordEncoder passwordEncoder, UserDetailsService users) {
    DaoAuthenticationProvider bcrypt = new DaoAuthenticationProvider(users);
    bcrypt.setPasswordEncoder(passwordEncoder);
    return new PasswordLogins(
        bcrypt,
        new FailedLogins(properties.loginThrottle(), System::nanoTime),
        properties.basicCache(),
        System::nanoTime);
  }

  /** Embedded mode's bearer tokens, signed with a key made at start. */
  @Bean
  @OnEmbeddedMode
  AccessTokens accessTokens(SecurityProperties properties) {
    return new AccessTokens(properties.tokenTtl(), Clock.systemUTC());
  }

  /** Bcrypt at the default cost of 10, which the configured hashes carry themselves. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  @OnEmbeddedMode
  InMemoryUserDetailsManager embeddedUsers(SecurityProperties properties) {
    if (properties.users().isEmpty()) {
      log.warn(
          "No user accounts are configured: add them to config/users.yml (see README) or run"
              + " './twinledger demo'");
    }
    return new InMemoryUserDetailsManager(
        properties.users().stream()
            .map(
                u ->
                    User.withUsername(u.name())
                        .password(u.passwordHash())
                        .roles(u.roles().toArray(String[]::new))
                        .build())
            .toList());
  }

  /**
   * Answers a request whose endpoint {@link EndpointRoles} cannot determine with a 500 problem
   * detail: it is refused, and the cause goes to the log, not to the caller.
   */
  private static Filter refuseUnresolvedEndpoints(JsonMapper json) {
    return (request, response, chain) -> {
      try {
        chain.doFilter(request, response);
      } catch (EndpointRoles.LookupFailed e) {
        log.error("Refused a request: {}", e.getMessage(), e);
        write(
            (HttpServletResponse) response,
            json,
            Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "endpoint-unresolved",
                "Internal error",
                "the server cannot tell which endpoint serves this request, so it refused it"));
      }
    };
  }

  /** The {@code reason} tag of {@link #AUTH_FAILURES}, or null when it is no failed login. */
  static String failureReason(AuthenticationException failure) {
    if (failure instanceof FailedLogins.LockedOut) {
      return "locked-out";
    }
    if (failure instanceof BadCredentialsException) {
      return "bad-credentials";
    }
    if (failure instanceof OAuth2AuthenticationException) {
      return "invalid-token";
    }
    return null;
  }

  private static JwtAuthenticationConverter jwtRoles(String claim) {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    Converter<Jwt, Collection<GrantedAuthority>> roles =
        jwt -> Roles.authorities(jwt.getClaimAsStringList(claim));
    converter.setJwtGrantedAuthoritiesConverter(roles);
    return converter;
  }

  private static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
