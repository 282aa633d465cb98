package io.twinledger.service.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem-detail refusal a handler method answers besides those every endpoint of its kind gives
 * ({@link ProblemResponses}): a 409 for a stale version, a 422, a 503 without a twin mapping. It
 * goes into the OpenAPI document only; the handler's code still decides. swagger's own
 * {@code @ApiResponse} is not used for these because springdoc then drops the success response it
 * derives from the return type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Refusal.List.class)
public @interface Refusal {

  /** The HTTP status, such as 409. */
  int status();

  /** The problem types (slugs) and when they are answered. */
  String description();

  /** The refusals of one method. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    Refusal[] value();
  }
}
