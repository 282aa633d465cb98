package io.twinledger.service.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description served at {@code /api/docs}: both ways to authenticate, the
 * problem-detail refusals of every operation ({@link ProblemResponses}), value types as the API
 * writes them ({@link ValueTypeSchemas}), built once after start-up ({@link PrebuiltApiDocs}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionConfiguration {

  @Bean
  OpenAPI twinLedgerApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("TwinLedger API")
                .version("v1")
                .description(
                    "Infrastructure assets and their KPIs, event-sourced. Errors are RFC 9457"
                        + " problem details whose 'field' names the offending request field."))
        .components(
            new Components()
                .addSchemas(ProblemResponses.SCHEMA, problemDetail())
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("basic"))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  ProblemResponses problemResponses() {
    return new ProblemResponses();
  }

  @Bean
  ValueTypeSchemas valueTypeSchemas(JsonMapper json) {
    return new ValueTypeSchemas(json);
  }

  /** Replaces springdoc's own resource, which backs off when one is defined. */
  @Bean
  OpenApiWebMvcResource openApiResource(
      ObjectFactory<OpenAPIService> openApiService,
      AbstractRequestService requests,
      GenericResponseService responses,
      OperationService operations,
      SpringDocConfigProperties properties,
      SpringDocProviders providers,
      SpringDocCustomizers customizers) {
    return new PrebuiltApiDocs(
        openApiService, requests, responses, operations, properties, providers, customizers);
  }

  /**
   * RFC 9457 as {@code Problems} and Spring write it: {@code type} is {@code
   * urn:problem-type:twinledger:<slug>}; {@code field} and {@code errors} name the request field at
   * fault; some problems carry more ({@code currentVersion}, {@code quarantined}).
   */
  private static Schema<?> problemDetail() {
    Schema<?> text = new JsonSchema().typesItem("string");
    return new JsonSchema()
        .typesItem("object")
        .description("An RFC 9457 problem detail")
        .addProperty("type", new JsonSchema().typesItem("string").format("uri-reference"))
        .addProperty("title", text)
        .addProperty("status", new JsonSchema().typesItem("integer").format("int32"))
        .addProperty("detail", text)
        .addProperty("instance", new JsonSchema().typesItem("string").format("uri-reference"))
        .addProperty("field", text)
        .addProperty(
            "errors",
            new JsonSchema()
                .typesItem("array")
                .items(
                    new JsonSchema()
                        .typesItem("object")
                        .addProperty("field", text)
                        .addProperty("reason", text)))
        .additionalProperties(true)
        .required(List.of("title", "status"));
  }
}
