package io.twinledger.service.problem;

import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.bond.BondNotFoundException;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.correction.api.CorrectionRuleViolation;
import io.twinledger.ledger.model.ModelNotFoundException;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.token.TokenRefusal;
import io.twinledger.reporting.UnknownSubjectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;

/**
 * Maps failures to RFC 9457 problem details. Validation failures name the field; conflicts name the
 * field the client must change. Nothing here decides business rules: it only translates.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final URI BLANK = URI.create("about:blank");

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return Problems.aboutField(
        HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field", e.field(), e.reason());
  }

  @ExceptionHandler(AssetRuleViolation.class)
  ProblemDetail ruleViolation(AssetRuleViolation e) {
    return Problems.aboutField(
        HttpStatus.CONFLICT,
        "asset-rule",
        "Not allowed in the asset's state",
        e.field(),
        e.getMessage());
  }

  @ExceptionHandler(CorrectionRuleViolation.class)
  ProblemDetail correctionRule(CorrectionRuleViolation e) {
    return Problems.aboutField(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "correction-rule",
        "Not allowed by the correction rules",
        e.field(),
        e.getMessage());
  }

  @ExceptionHandler(InvalidModelException.class)
  ProblemDetail invalidModel(InvalidModelException e) {
    return everyField(
        "invalid-model",
        "Invalid model definition",
        e.errors().stream().map(error -> Map.entry(error.path(), error.message())).toList());
  }

  @ExceptionHandler(ModelRuleViolation.class)
  ProblemDetail modelRule(ModelRuleViolation e) {
    return Problems.aboutField(
        HttpStatus.CONFLICT,
        "model-rule",
        "Not allowed in the model's state",
        e.field(),
        e.getMessage());
  }

  @ExceptionHandler(InvalidBondTermsException.class)
  ProblemDetail invalidTerms(InvalidBondTermsException e) {
    return everyField(
        "invalid-terms",
        "Invalid bond terms",
        e.errors().stream().map(error -> Map.entry(error.path(), error.message())).toList());
  }

  /**
   * A 422 naming every problem of a document: the first in {@code detail} (with how many there
   * are), each as {@code {"field", "reason"}} in {@code errors}.
   */
  private static ProblemDetail everyField(
      String type, String title, List<Map.Entry<String, String>> errors) {
    Map.Entry<String, String> first = errors.getFirst();
    String firstText =
        first.getKey().isEmpty() ? first.getValue() : first.getKey() + ": " + first.getValue();
    ProblemDetail problem =
        Problems.of(
            HttpStatus.UNPROCESSABLE_CONTENT,
            type,
            title,
            errors.size() == 1 ? firstText : errors.size() + " problems: " + firstText + "; …");
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.getKey(), "reason", e.getValue())).toList());
    return problem;
  }

  @ExceptionHandler(BondRuleViolation.class)
  ProblemDetail bondRule(BondRuleViolation e) {
    return Problems.aboutField(
        HttpStatus.CONFLICT,
        "bond-rule",
        "Not allowed in the bond's state",
        e.field(),
        e.getMessage());
  }

  @ExceptionHandler(TokenRefusal.class)
  ProblemDetail tokenRefused(TokenRefusal e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT, "token-refused", "Refused by the token's rules", e.getMessage());
    problem.setProperty("code", e.code());
    return problem;
  }

  @ExceptionHandler(BondNotFoundException.class)
  ProblemDetail bondNotFound(BondNotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ProblemDetail modelNotFound(ModelNotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(UnknownSubjectException.class)
  ProblemDetail unknownSubject(UnknownSubjectException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(AggregateStreamCreationException.class)
  ProblemDetail duplicate(AggregateStreamCreationException e) {
    return Problems.aboutField(
        HttpStatus.CONFLICT,
        "duplicate-id",
        "Duplicate id",
        "assetId",
        "an asset with this id already exists");
  }

  @ExceptionHandler(ConflictingAggregateVersionException.class)
  ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
    ProblemDetail problem =
        Problems.aboutField(
            HttpStatus.CONFLICT,
            "stale-version",
            "Stale expected version",
            "expectedVersion",
            "expected version "
                + e.getExpectedVersion()
                + " but the asset is at version "
                + e.getActualVersion()
                + "; reload it and retry");
    problem.setProperty("currentVersion", e.getActualVersion());
    return problem;
  }

  @ExceptionHandler(ConcurrencyException.class)
  ProblemDetail concurrentChange(ConcurrencyException e) {
    return Problems.aboutField(
        HttpStatus.CONFLICT,
        "concurrent-change",
        "Concurrent change",
        "expectedVersion",
        "the asset was changed concurrently; reload it and retry");
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    InvalidFieldException violation =
        e.getCause() instanceof JacksonException jackson
            ? JsonFieldPaths.violation(jackson, "")
            : new InvalidFieldException("body", "is missing or not readable JSON");
    return ResponseEntity.badRequest().body(invalidField(violation));
  }

  /**
   * The problems Spring MVC answers itself (an unknown path, an unsupported media type, a missing
   * parameter) have no type, which RFC 9457 reads as {@code about:blank}; they get the type their
   * status names, as every other problem has a type of its own.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || BLANK.equals(problem.getType()))) {
      problem.setType(Problems.type(Problems.slug(status)));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  /**
   * A client that hangs up mid-response (a load generator stopping, a closed browser tab) is not
   * the service's failure and nobody can be answered: it gets no WARN line per connection.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotWritable(
      HttpMessageNotWritableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      return null;
    }
    return super.handleHttpMessageNotWritable(e, headers, status, request);
  }
}
