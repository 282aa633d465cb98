package io.twinledger.twin.mapping;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Where a value sits in a JSON message payload, written either as a JSON pointer (RFC 6901) such as
 * {@code /rain/depth}, or as a top-level field name such as {@code depth}. The empty string is the
 * whole payload, for devices that publish a bare number.
 *
 * @param expression the pointer or field name as configured
 */
public record PayloadPath(String expression) {

  /** RFC 6901 escapes '~' as "~0" and '/' as "~1"; any other '~' is an error. */
  private static final Pattern LONE_TILDE = Pattern.compile("~(?![01])");

  /**
   * @throws InvalidMappingException if a pointer is malformed
   */
  public PayloadPath {
    Objects.requireNonNull(expression, "expression");
    if (expression.startsWith("/") && LONE_TILDE.matcher(expression).find()) {
      throw new InvalidMappingException(
          "", "is not a valid JSON pointer: '~' must be followed by '0' or '1' (RFC 6901)");
    } else if (!expression.isEmpty() && expression.isBlank()) {
      throw new InvalidMappingException("", "must not be blank");
    }
  }

  /** The pointer this path stands for. */
  public JsonPointer pointer() {
    if (expression.startsWith("/")) {
      return JsonPointer.compile(expression);
    }
    return expression.isEmpty()
        ? JsonPointer.empty()
        : JsonPointer.empty().appendProperty(expression);
  }

  /** The node at this path in {@code payload}, if there is one. */
  public Optional<JsonNode> find(JsonNode payload) {
    JsonNode node = payload.at(pointer());
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }
}
