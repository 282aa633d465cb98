package io.twinledger.service.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.SpringDocCustomizers;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.SpringDocProviders;
import org.springdoc.core.service.AbstractRequestService;
import org.springdoc.core.service.GenericResponseService;
import org.springdoc.core.service.OpenAPIService;
import org.springdoc.core.service.OperationService;
import org.springdoc.core.utils.Constants;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Springdoc's {@code /api/docs} endpoint, with the document built once in the background as soon as
 * the application is ready instead of by the first request. Building it scans every controller and
 * model class and took seconds (docs/benchmarks.md); springdoc then serves it from its cache.
 *
 * <p>Springdoc caches one document per locale. {@code springdoc.allowed-locales} names one, so
 * every request, whatever its {@code Accept-Language}, gets the document built here.
 */
final class PrebuiltApiDocs extends OpenApiWebMvcResource {

  private static final Logger log = LoggerFactory.getLogger(PrebuiltApiDocs.class);

  private final Locale locale;

  PrebuiltApiDocs(
      ObjectFactory<OpenAPIService> openApiService,
      AbstractRequestService requests,
      GenericResponseService responses,
      OperationService operations,
      SpringDocConfigProperties properties,
      SpringDocProviders providers,
      SpringDocCustomizers customizers) {
    super(openApiService, requests, responses, operations, properties, providers, customizers);
    this.locale =
        properties.getAllowedLocales() == null || properties.getAllowedLocales().isEmpty()
            ? Locale.getDefault()
            : Locale.forLanguageTag(properties.getAllowedLocales().getFirst());
  }

  /** Public, as all of {@code /api/docs}; declared so for {@code EndpointRoles}. */
  @Override
  @PermitAll
  @Operation(hidden = true)
  @GetMapping(value = Constants.API_DOCS_URL, produces = MediaType.APPLICATION_JSON_VALUE)
  public byte[] openapiJson(
      HttpServletRequest request, @Value(Constants.API_DOCS_URL) String apiDocsUrl, Locale locale)
      throws JsonProcessingException {
    return super.openapiJson(request, apiDocsUrl, locale);
  }

  /** Public, as all of {@code /api/docs}; declared so for {@code EndpointRoles}. */
  @Override
  @PermitAll
  @Operation(hidden = true)
  @GetMapping(
      value = Constants.DEFAULT_API_DOCS_URL_YAML,
      produces = Constants.APPLICATION_OPENAPI_YAML)
  public byte[] openapiYaml(
      HttpServletRequest request,
      @Value(Constants.DEFAULT_API_DOCS_URL_YAML) String apiDocsUrl,
      Locale locale)
      throws JsonProcessingException {
    return super.openapiYaml(request, apiDocsUrl, locale);
  }

  /**
   * Builds the document and writes it once, which also loads the serializers the first request
   * would load. A daemon thread: a shutdown right after start must not wait for it.
   */
  @EventListener(ApplicationReadyEvent.class)
  void buildInBackground() {
    Thread.ofPlatform().daemon().name("api-docs-build").start(this::build);
  }

  private void build() {
    long start = System.nanoTime();
    try {
      writeJsonValue(getOpenApi(locale));
      log.debug("Built the OpenAPI document in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("Could not build the OpenAPI document ahead; the first request will try again", e);
    }
  }
}
