package io.twinledger.service.web;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.util.List;

/**
 * The field errors a form shows next to its fields: the {@code errors} of the RFC 9457 problem the
 * API answers for the same input, each a request field's path and the reason, built from the same
 * exceptions the API's problem details come from ({@code ApiExceptionHandler}).
 *
 * <p>A form field shows the errors whose path is the field's name or starts with it ({@code assets}
 * shows {@code assets[1]}); {@link #general} are those of no field of the form, shown above it.
 */
public record FieldErrors(List<FieldError> all) {

  /** One error: the request field's path as the API names it, and why it was refused. */
  public record FieldError(String field, String reason) {}

  public FieldErrors {
    all = List.copyOf(all);
  }

  /** No error: the form as first shown. */
  public static FieldErrors none() {
    return new FieldErrors(List.of());
  }

  /** The one error of an invalid field ({@code 400 invalid-field} in the API). */
  public static FieldErrors of(InvalidFieldException e) {
    return of(e.field(), e.reason());
  }

  /** Every error of an invalid model definition ({@code 422 invalid-model} in the API). */
  public static FieldErrors of(InvalidModelException e) {
    return new FieldErrors(
        e.errors().stream().map(error -> new FieldError(error.path(), error.message())).toList());
  }

  /** One error about one field. */
  public static FieldErrors of(String field, String reason) {
    return new FieldErrors(List.of(new FieldError(field, reason)));
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** Whether the form field {@code name} has an error. */
  public boolean has(String name) {
    return !at(name).isEmpty();
  }

  /** The errors of the form field {@code name}: its path or one below it. */
  public List<FieldError> at(String name) {
    return all.stream().filter(e -> belongsTo(e.field(), name)).toList();
  }

  /** The errors of none of the form's {@code fields}: shown above the form. */
  public List<FieldError> general(List<String> fields) {
    return all.stream()
        .filter(e -> fields.stream().noneMatch(f -> belongsTo(e.field(), f)))
        .toList();
  }

  private static boolean belongsTo(String path, String name) {
    return path.equals(name)
        || path.startsWith(name + ".")
        || path.startsWith(name + "[")
        || path.startsWith(name + " ");
  }
}
