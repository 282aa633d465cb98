package io.twinledger.service.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to every operation the refusals every endpoint of its kind can answer, derived from the
 * handler method as the request pipeline treats it, and gives every 4xx and 5xx response the
 * problem-detail body it really has:
 *
 * <ul>
 *   <li>400 for any operation: a field, parameter or path the guards or the handler refuse;
 *   <li>401, 403 and 429 (failed-login throttle) for every endpoint {@code EndpointRoles} guards,
 *       that is every one not {@code @PermitAll};
 *   <li>404 when the path names something by id ({@code @PathVariable}): it is looked up;
 *   <li>415 when the operation takes a body: {@code RequestGuards} refuses a missing, wildcard or
 *       other content type.
 * </ul>
 *
 * Refusals only some endpoints give (409 for a stale version, 422, 503 without a twin mapping, 429
 * over a source's delivery rate) are declared on the handler method with {@link Refusal}. A 201
 * names the new resource in {@code Location}, a 429 says when to retry in {@code Retry-After}.
 */
final class ProblemResponses implements OperationCustomizer {

  /** The component schema of RFC 9457 problem details, as {@code Problems} builds them. */
  static final String SCHEMA = "ProblemDetail";

  private static final String MEDIA_TYPE =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    ApiResponses responses = operation.getResponses();
    for (Refusal refusal :
        AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), Refusal.class)) {
      add(responses, Integer.toString(refusal.status()), refusal.description());
    }
    add(responses, "400", "Refused: invalid-field names the field or parameter at fault");
    if (!handler.hasMethodAnnotation(PermitAll.class)) {
      add(responses, "401", "Not signed in, or the credential is wrong or expired");
      add(responses, "403", "The caller's role may not use this endpoint");
      add(
          responses,
          "429",
          "login-throttled (embedded mode): too many failed logins for this user or address");
    }
    if (Arrays.stream(handler.getMethodParameters())
        .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class))) {
      add(responses, "404", "Nothing has the id in the path");
    }
    if (operation.getRequestBody() != null) {
      add(
          responses,
          "415",
          "Content-Type missing, a wildcard, or a type this endpoint does not read");
    }
    responses.forEach(
        (code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(problemContent());
          }
          if (code.equals("201")) {
            response.addHeaderObject(
                "Location", header("Where the new resource is read", "uri-reference"));
          }
          if (code.equals("429")) {
            response.addHeaderObject("Retry-After", header("Seconds to wait", null));
          }
        });
    return operation;
  }

  /** A refusal declared on the method keeps its own description; a second cause is appended. */
  private static void add(ApiResponses responses, String code, String description) {
    ApiResponse declared = responses.get(code);
    if (declared == null) {
      responses.addApiResponse(code, new ApiResponse().description(description));
    } else if (!declared.getDescription().contains(description)) {
      declared.setDescription(declared.getDescription() + "; or: " + description);
    }
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            MEDIA_TYPE,
            new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + SCHEMA)));
  }

  private static Header header(String description, String format) {
    JsonSchema schema = new JsonSchema();
    schema.typesItem("string");
    if (format != null) {
      schema.format(format);
    }
    return new Header().description(description).schema(schema);
  }
}
