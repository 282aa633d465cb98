package io.twinledger.service.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;

/**
 * Decimals are written as plain JSON numbers, the digits a client reads back exactly: {@code
 * 0.0000000000} and {@code 10800}, never {@code 0E-10} or {@code 1.08E+4}. A {@link
 * java.math.BigDecimal} keeps its scale, so an amount rounded to cents shows its two decimals and a
 * ratio rounded to ten shows ten. The API's converter is built from this mapper ({@code
 * StrictRequestJson}), so every response body follows it.
 */
@Configuration(proxyBeanMethods = false)
public class PlainDecimals {

  @Bean
  JsonMapperBuilderCustomizer writeDecimalsPlain() {
    return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
  }
}
