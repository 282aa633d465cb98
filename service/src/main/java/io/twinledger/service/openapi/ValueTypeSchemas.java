package io.twinledger.service.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schemas for the value types the API writes as JSON scalars, as the application's {@link
 * JsonMapper} writes them. swagger-core introspects classes as beans with Jackson 2, which knows
 * nothing of the Jackson 3 serializers: it would describe a {@link Currency} as an object with
 * {@code displayName} and {@code symbol}, and a Jackson 3 {@link JsonNode} as an object of {@code
 * isArray}-style flags.
 *
 * <p>A field of a reference type may be written as {@code null} (an empty {@code Optional}, an
 * asset not decommissioned, a job not started, a KPI without a derivation), so a property of such a
 * type admits {@code null}; a primitive never does. An interface is left alone: springdoc makes it
 * "one of" its subtypes after this converter has run, and no such field is ever null.
 */
final class ValueTypeSchemas implements ModelConverter {

  /** Decimals keep every digit; the mapper writes them as JSON numbers or as text. */
  private final boolean decimalsAsText;

  ValueTypeSchemas(JsonMapper json) {
    this.decimalsAsText = json.writeValueAsString(BigDecimal.ONE).startsWith("\"");
  }

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    Schema<?> schema = valueType(raw);
    if (schema == null) {
      schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
    if (schema != null
        && type.getPropertyName() != null
        && !raw.isPrimitive()
        && !raw.isInterface()) {
      return orNull(schema);
    }
    return schema;
  }

  private Schema<?> valueType(Class<?> raw) {
    if (raw == Currency.class) {
      return text().pattern("^[A-Z]{3}$").description("ISO 4217 currency code").example("EUR");
    }
    if (raw == BigDecimal.class) {
      return decimalsAsText
          ? text().format("decimal").description("exact decimal, written as text")
          : new JsonSchema().typesItem("number");
    }
    if (raw == MediaType.class) {
      return text().example("application/json");
    }
    if (JsonNode.class.isAssignableFrom(raw)) {
      return new JsonSchema().description("any JSON value");
    }
    return null;
  }

  private static Schema<?> text() {
    return new JsonSchema().typesItem("string");
  }

  /**
   * The schema admitting {@code null} too: a named model (which the caller would turn into a
   * reference) or a reference as {@code anyOf} the reference and null, a scalar with {@code null}
   * among its types; "any" stays as it is.
   */
  private static Schema<?> orNull(Schema<?> schema) {
    if (schema.getName() != null || schema.get$ref() != null) {
      String ref =
          schema.get$ref() != null
              ? schema.get$ref()
              : Components.COMPONENTS_SCHEMAS_REF + schema.getName();
      return new JsonSchema()
          .anyOf(List.of(new JsonSchema().$ref(ref), new JsonSchema().typesItem("null")));
    }
    Set<String> types = schema.getTypes();
    if (types == null || types.isEmpty() || types.contains("null")) {
      return schema;
    }
    Set<String> withNull = new LinkedHashSet<>(types);
    withNull.add("null");
    schema.setTypes(withNull);
    if (schema.getEnum() != null) {
      List<Object> values = new ArrayList<>(schema.getEnum());
      values.add(null);
      @SuppressWarnings("unchecked")
      Schema<Object> enumerated = (Schema<Object>) schema;
      enumerated.setEnum(values);
    }
    return schema;
  }
}
