package io.twinledger.service.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /api/docs}, with both ways to authenticate. */
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
}
