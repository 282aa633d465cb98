package io.twinledger.service.problem;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a duplicate key, an unknown field, a number or boolean where
 * text is expected, text where a number is expected, a fraction where a whole number is expected, a
 * number where a date is expected, or anything after the document is refused with {@code 400
 * invalid-field} naming the field ({@link ApiExceptionHandler}).
 *
 * <p>Only the API's HTTP converter and the request mapping in {@code AssetRequests} read with
 * {@link #strict}; the application's own {@link JsonMapper} bean, which reads what the service
 * stored itself, stays as Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
public class StrictRequestJson implements WebMvcConfigurer {

  /** The application's mapper with the strict reading rules of this class. */
  public static JsonMapper strict(JsonMapper base) {
    return base.rebuild()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Boolean,
            c ->
                c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.DateTime,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .build();
  }

  private final JsonMapper json;

  public StrictRequestJson(JsonMapper json) {
    this.json = json;
  }

  /**
   * JSON bodies are converted with {@link #strict}, which writes as the application's mapper does.
   * This configurer runs after Boot's (order 0), so its JSON converter replaces Boot's in place,
   * after the string converter that endpoints reading a raw body rely on.
   */
  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict(json)));
  }
}
