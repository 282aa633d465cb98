package io.twinledger.service.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Enforces each endpoint's {@code @RolesAllowed} in the security filter chain, so the declaration
 * on the handler method is the single source of truth and is checked before the body is parsed.
 *
 * <p>A handler without a declaration is refused to everyone (fail closed). A request that maps to
 * no handler needs an authenticated caller and then gets the framework's 404 or 405.
 */
public final class EndpointRoles implements AuthorizationManager<RequestAuthorizationContext> {

  private final RequestMappingHandlerMapping handlers;
  private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

  public EndpointRoles(RequestMappingHandlerMapping handlers) {
    this.handlers = handlers;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    Optional<HandlerMethod> handler = handler(context.getRequest());
    if (handler.isPresent() && handler.get().hasMethodAnnotation(PermitAll.class)) {
      return new AuthorizationDecision(true);
    }
    if (!trust.isAuthenticated(caller)) {
      return new AuthorizationDecision(false);
    }
    if (handler.isEmpty()) {
      return new AuthorizationDecision(true);
    }
    RolesAllowed allowed = handler.get().getMethodAnnotation(RolesAllowed.class);
    if (allowed == null) {
      return new AuthorizationDecision(false);
    }
    return new AuthorizationDecision(
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(
                authority ->
                    Arrays.stream(allowed.value()).anyMatch(r -> authority.equals("ROLE_" + r))));
  }

  private Optional<HandlerMethod> handler(HttpServletRequest request) {
    Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    try {
      ServletRequestPathUtils.parseAndCache(request);
      HandlerExecutionChain chain = handlers.getHandler(request);
      return chain != null && chain.getHandler() instanceof HandlerMethod method
          ? Optional.of(method)
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    } finally {
      if (previousPath == null) {
        request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
      }
    }
  }
}
