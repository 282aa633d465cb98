package io.twinledger.service.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, for the logs and the caller: the {@value #HEADER} header when the
 * caller sent a usable one, else a new random UUID. The id is echoed in the response's {@value
 * #HEADER} and put in the logging context as {@value #MDC_KEY} for everything logged while the
 * request is handled (the security filters included: this filter runs first), so JSON logs carry it
 * as a field.
 *
 * <p>A usable id is 1 to {@value #MAX_LENGTH} letters, digits, {@code .}, {@code _}, {@code :} or
 * {@code -} (a UUID, a W3C trace id, a proxy's request id). Anything else is replaced and never
 * logged as sent: it could forge log lines or fields.
 *
 * <p>At DEBUG ({@code logging.level.io.twinledger.service.logging=DEBUG}) each request is also
 * logged with its method, path, status and duration: an access log with request ids.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  public static final int MAX_LENGTH = 64;

  private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");
  private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> sent = Optional.ofNullable(request.getHeader(HEADER));
    String id = sent.filter(s -> USABLE.matcher(s).matches()).orElseGet(() -> newId());
    response.setHeader(HEADER, id);
    long started = System.nanoTime();
    try (MDC.MDCCloseable context = MDC.putCloseable(MDC_KEY, id)) {
      if (sent.isPresent() && !sent.get().equals(id)) {
        log.debug("Replaced an unusable {} of {} characters", HEADER, sent.get().length());
      }
      chain.doFilter(request, response);
      if (log.isDebugEnabled()) {
        log.debug(
            "{} {} {} in {} ms",
            request.getMethod(),
            request.getRequestURI(),
            response.getStatus(),
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
