package io.twinledger.service.market;

import io.twinledger.service.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The energy market contract's refusals as RFC 9457 problems ({@code market-refused}, with the
 * contract's {@code code}); nothing was recorded. Kept beside the market rather than in the
 * service-wide handler, which no domain package depends back on.
 */
@RestControllerAdvice(assignableTypes = {EnergyController.class})
public class MarketProblems {

  @ExceptionHandler(MarketRefusal.class)
  ProblemDetail refused(MarketRefusal e) {
    HttpStatus status =
        switch (e.code()) {
          case "INVALID_ARGUMENT", "LIMIT_OUT_OF_BOUNDS" -> HttpStatus.BAD_REQUEST;
          case "HOUSEHOLD_NOT_FOUND", "SLOT_NOT_CLEARED", "METER_READING_MISSING" ->
              HttpStatus.NOT_FOUND;
          case "NOT_OPERATOR", "NOT_A_HOUSEHOLD", "OTHER_HOUSEHOLD" -> HttpStatus.FORBIDDEN;
          default -> HttpStatus.CONFLICT;
        };
    ProblemDetail problem =
        Problems.of(status, "market-refused", "Refused by the market's rules", e.getMessage());
    problem.setProperty("code", e.code());
    return problem;
  }
}
