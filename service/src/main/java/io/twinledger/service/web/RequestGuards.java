package io.twinledger.service.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.service.problem.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every request before its body is read, and answers every refusal, the servlet container's
 * and the security firewall's included, with an RFC 9457 problem:
 *
 * <ul>
 *   <li>a path variable (an id) with a control character: {@code 400 invalid-field};
 *   <li>an endpoint that takes a body, called without a {@code Content-Type} or with a wildcard
 *       one: {@code 415}, as for a type it does not read;
 *   <li>a path the firewall refuses ({@code //}, {@code %2e}, {@code ;}, NUL): {@code 400
 *       request-rejected};
 *   <li>{@code TRACE}: {@code 405 method-not-allowed};
 *   <li>anything the container answers through {@code /error}: a problem with that status.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RequestGuards implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new Guard());
  }

  /** Checks path variables and the body's content type once the handler is known. */
  static final class Guard implements HandlerInterceptor {

    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler)
        throws HttpMediaTypeNotSupportedException {
      if (!(handler instanceof HandlerMethod method)) {
        return true;
      }
      if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
          instanceof Map<?, ?> variables) {
        variables.forEach(
            (name, value) -> {
              if (value instanceof String text && hasControlCharacter(text)) {
                throw new InvalidFieldException(
                    name.toString(), "must not contain control characters");
              }
            });
      }
      if (takesBody(request, method)) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
          throw new HttpMediaTypeNotSupportedException(
              "Content-Type is required; send the body's media type, such as application/json");
        }
        MediaType type;
        try {
          type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
          throw new HttpMediaTypeNotSupportedException("Content-Type is not a media type");
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
          throw new HttpMediaTypeNotSupportedException(
              "Content-Type must name the body's media type, not a wildcard");
        }
      }
      return true;
    }

    /** A {@code @RequestBody}, or a POST or PUT that reads the request (a streamed upload). */
    private static boolean takesBody(HttpServletRequest request, HandlerMethod method) {
      boolean write = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
      for (var parameter : method.getMethodParameters()) {
        if (parameter.hasParameterAnnotation(RequestBody.class)
            || (write
                && (ServletRequest.class.isAssignableFrom(parameter.getParameterType())
                    || InputStream.class.isAssignableFrom(parameter.getParameterType())))) {
          return true;
        }
      }
      return false;
    }
  }

  /** True when {@code text} holds a C0 or C1 control character or DEL, NUL included. */
  public static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  /** Requests the security firewall refuses. */
  @Bean
  RequestRejectedHandler problemForRejectedRequests(JsonMapper json) {
    return (request, response, rejected) ->
        write(
            response,
            json,
            Problems.of(
                HttpStatus.BAD_REQUEST,
                "request-rejected",
                "Request rejected",
                "the request's path or headers are not allowed (such as '//', '%2e', ';' or a"
                    + " control character)"));
  }

  /**
   * Tomcat would answer {@code TRACE} itself with an HTML page; it is let through to {@link
   * #refuseTrace} instead. What Tomcat refuses before any servlet sees it (a NUL or an encoded
   * {@code /} in the path, a malformed request line) is a problem too ({@link ProblemReport}).
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
    return factory -> {
      factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(ProblemReport.class.getName());
            }
          });
    };
  }

  /** Tomcat's own error answers, as problems without a stack trace or server version. */
  public static class ProblemReport extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String slug = status == 400 ? "request-rejected" : status >= 500 ? "internal-error" : "error";
      try {
        Writer writer = response.getReporter();
        if (writer == null) {
          return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        writer.write(
            "{\"type\":\"urn:problem-type:twinledger:"
                + slug
                + "\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\"the server refused the request before reading it (such as a NUL"
                + " or an encoded '/' in the path)\"}");
        response.finishResponse();
      } catch (IOException | IllegalStateException e) {
        // The connection is gone or the response committed; nothing more can be said.
      }
    }
  }

  /** {@code TRACE} would echo the request, credentials included: refused before anything else. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> refuseTrace(JsonMapper json) {
    OncePerRequestFilter filter =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(
              HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            if ("TRACE".equalsIgnoreCase(request.getMethod())) {
              response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
              write(
                  response,
                  json,
                  Problems.of(
                      HttpStatus.METHOD_NOT_ALLOWED,
                      "method-not-allowed",
                      "Method not allowed",
                      "TRACE is not supported"));
              return;
            }
            chain.doFilter(request, response);
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** What the container sends to {@code /error}, as a problem; never a stack trace. */
  @Controller
  @Hidden
  @RequestMapping("${server.error.path:/error}")
  static class ProblemErrors implements ErrorController {

    /**
     * No role may call it: the container's error dispatches reach it, permitted by dispatcher type
     * in {@code SecurityConfiguration}; a request for {@code /error} itself is refused.
     */
    @RequestMapping
    @RolesAllowed({})
    @ResponseBody
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
      Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      HttpStatus status =
          code instanceof Integer value && HttpStatus.resolve(value) != null
              ? HttpStatus.resolve(value)
              : HttpStatus.INTERNAL_SERVER_ERROR;
      ProblemDetail problem =
          Problems.of(
              status,
              Problems.slug(status),
              status.getReasonPhrase(),
              status.is5xxServerError()
                  ? "the server failed; the cause is in its log"
                  : "the request was refused: " + status.getReasonPhrase());
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
  }

  static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
