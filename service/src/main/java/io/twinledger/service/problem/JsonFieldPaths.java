package io.twinledger.service.problem;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Translates Jackson's parse failures into an {@link InvalidFieldException} that names the field by
 * its path in the request body, such as {@code parameters.conditionThresholds.lanes} or {@code
 * thresholds[1].value}.
 */
public final class JsonFieldPaths {

  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[.*?\\]\\)");

  private JsonFieldPaths() {}

  /**
   * The violation a Jackson failure stands for; a domain check's own field is kept.
   *
   * @param root the field the parsed document sits in, such as {@code parameters}; empty for the
   *     request body itself, which is then named {@code body} when no deeper path is known
   */
  public static InvalidFieldException violation(JacksonException e, String root) {
    String path = join(root, path(e));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidFieldException invalid) {
        return path.isEmpty() ? invalid : invalid.within(path);
      }
    }
    if (e instanceof StreamReadException read && !(e instanceof MismatchedInputException)) {
      String message = read.getOriginalMessage();
      if (message != null && message.startsWith("Duplicate Object property")) {
        String at = path.isEmpty() ? join(root, parserPath(read)) : path;
        return new InvalidFieldException(at.isEmpty() ? "body" : at, "is a duplicate key");
      }
      return new InvalidFieldException(
          path.isEmpty() ? "body" : path, "is not well-formed JSON: " + notWellFormed(read));
    }
    String field = path.isEmpty() ? "body" : path;
    if (e instanceof InvalidFormatException format) {
      return new InvalidFieldException(
          field, "'" + format.getValue() + "' is not " + describe(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new InvalidFieldException(field, "must be " + describe(mismatch.getTargetType()));
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return new InvalidFieldException(field, firstLine(cause.getMessage()));
  }

  /**
   * Why a text is not well-formed JSON (or YAML), in one line: Jackson's description, without the
   * description of the source it puts into some ({@code (start marker at [Source: REDACTED …])}),
   * then the line and column where reading stopped.
   */
  public static String notWellFormed(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    String problem = START_MARKER.matcher(message).replaceAll("").replaceAll("\\s+", " ").strip();
    TokenStreamLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? problem
        : problem + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static String join(String root, String path) {
    if (root.isEmpty() || path.isEmpty()) {
      return root + path;
    }
    return path.startsWith("[") ? root + path : root + "." + path;
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Where the parser was when it failed, such as {@code flows[2].date}; empty at the root. */
  private static String parserPath(StreamReadException e) {
    if (e.processor() == null) {
      return "";
    }
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (TokenStreamContext context = e.processor().streamReadContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inObject() && context.currentName() != null) {
        parts.addFirst(context.currentName());
      } else if (context.inArray() && context.hasCurrentIndex()) {
        parts.addFirst("[" + context.getCurrentIndex() + "]");
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (!path.isEmpty() && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == BigDecimal.class || type == Double.class || type == double.class) {
      return "a decimal number";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == BigInteger.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date such as 2008-01-01";
    }
    if (type == Currency.class) {
      return "an ISO 4217 currency code such as EUR";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "is invalid";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
