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
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Enforces each endpoint's {@code @RolesAllowed} in the security filter chain, so the declaration
 * on the handler method is the single source of truth and is checked before the body is parsed.
 *
 * <p>A handler without a declaration is refused to everyone (fail closed). A request that maps to
 * no handler needs an authenticated caller and then gets the framework's answer: 404 for an unknown
 * path; 405, 415, 406 or 400 for a known path asked with another method, content type, accepted
 * type or without a required parameter. Only those outcomes of the lookup mean "no handler".
 *
 * <p>When the lookup fails in any other way (two handlers match equally well, the mapping itself
 * breaks), the roles the request needs are unknown, so it must not pass, whoever asks: {@link
 * #authorize} throws {@link LookupFailed} and {@link SecurityConfiguration} answers 500 with a
 * problem detail, logging the cause. It is not a 403: the fault is the server's, not the caller's;
 * a 403 would tell a caller who holds the right role that they lack it, and would keep a broken
 * deployment out of the server-error rate that monitoring watches.
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
    } catch (HttpRequestMethodNotSupportedException
        | HttpMediaTypeNotSupportedException
        | HttpMediaTypeNotAcceptableException
        | UnsatisfiedServletRequestParameterException noMatch) {
      return Optional.empty();
    } catch (Exception e) {
      throw new LookupFailed(
          "cannot tell which endpoint serves "
              + request.getMethod()
              + " "
              + request.getRequestURI(),
          e);
    } finally {
      if (previousPath == null) {
        request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
      }
    }
  }

  /**
   * The handler lookup failed for a reason other than "no handler matches", so the roles the
   * request needs are unknown and it is refused. The message names the request; the cause is the
   * lookup's failure, for the log only.
   */
  public static final class LookupFailed extends RuntimeException {

    LookupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
