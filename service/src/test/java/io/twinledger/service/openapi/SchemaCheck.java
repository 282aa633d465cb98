package io.twinledger.service.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a schema of an OpenAPI 3.1 document: the JSON Schema keywords
 * springdoc writes ({@code $ref}, {@code type} with {@code null}, {@code properties}, {@code
 * required}, {@code items}, {@code additionalProperties}, {@code enum}, {@code pattern}, {@code
 * allOf}, {@code oneOf}, {@code anyOf}). No validator library reads Jackson 3 trees, so this one is
 * small and stricter than JSON Schema in one way: a property the schema does not name is an error
 * unless the schema gives {@code additionalProperties} or names no properties at all, so the
 * document must list every field the API writes.
 */
final class SchemaCheck {

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** Every way {@code value} breaks {@code schema}, each with its JSON path; empty when it fits. */
  List<String> errors(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    check(value, schema, "$", errors, true);
    return errors;
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asString();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local references are checked: " + ref);
      }
      schema = document.at(ref.substring(1));
      if (schema.isMissingNode()) {
        throw new IllegalArgumentException("dangling reference " + ref);
      }
    }
    return schema;
  }

  /**
   * @param closed whether a property this schema (with its {@code allOf} parts) does not name is an
   *     error; not within an {@code allOf} part, which names only some of the properties
   */
  private void check(
      JsonNode value, JsonNode schema, String path, List<String> errors, boolean closed) {
    schema = resolve(schema);
    for (JsonNode part : schema.path("allOf")) {
      check(value, part, path, errors, false);
    }
    if (schema.has("oneOf") || schema.has("anyOf")) {
      String keyword = schema.has("oneOf") ? "oneOf" : "anyOf";
      int fits = 0;
      List<String> why = new ArrayList<>();
      for (JsonNode option : schema.get(keyword)) {
        List<String> optionErrors = new ArrayList<>();
        check(value, option, path, optionErrors, true);
        if (optionErrors.isEmpty()) {
          fits++;
        } else {
          why.add(optionErrors.getFirst());
        }
      }
      if (fits == 0 || (keyword.equals("oneOf") && fits > 1)) {
        errors.add(path + ": fits " + fits + " of the " + keyword + " options " + why);
      }
    }
    Set<String> types = types(schema);
    if (!types.isEmpty() && types.stream().noneMatch(type -> hasType(value, type))) {
      errors.add(path + ": " + kind(value) + " where the schema says " + types);
      return;
    }
    if (schema.has("enum") && value.isValueNode()) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        errors.add(path + ": " + value + " is not in " + schema.get("enum"));
      }
    }
    if (schema.has("pattern")
        && value.isString()
        && !Pattern.compile(schema.get("pattern").asString()).matcher(value.asString()).find()) {
      errors.add(path + ": '" + value.asString() + "' does not match " + schema.get("pattern"));
    }
    if (value.isObject()) {
      checkObject(value, schema, path, errors, closed);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]", errors, true);
      }
    }
  }

  private void checkObject(
      JsonNode value, JsonNode schema, String path, List<String> errors, boolean closed) {
    Set<String> named = new LinkedHashSet<>();
    collectPropertyNames(schema, named);
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asString())) {
        errors.add(path + ": required property " + required.asString() + " is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    for (String name : value.propertyNames()) {
      String at = path + "." + name;
      if (properties.has(name)) {
        check(value.get(name), properties.get(name), at, errors, true);
      } else if (schema.has("additionalProperties")
          && schema.get("additionalProperties").isObject()) {
        check(value.get(name), schema.get("additionalProperties"), at, errors, true);
      } else if (closed
          && !named.isEmpty()
          && !named.contains(name)
          && !schema.has("additionalProperties")) {
        errors.add(at + ": the schema does not name this property");
      }
    }
  }

  /** The properties a schema names, its {@code allOf} parts' included. */
  private void collectPropertyNames(JsonNode schema, Set<String> names) {
    schema = resolve(schema);
    schema.path("properties").propertyNames().forEach(names::add);
    for (JsonNode part : schema.path("allOf")) {
      collectPropertyNames(part, names);
    }
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = schema.path("type");
    if (type.isString()) {
      types.add(type.asString());
    }
    type.forEach(t -> types.add(t.asString()));
    return types;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "null" -> value.isNull();
      case "string" -> value.isString();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(value);
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
