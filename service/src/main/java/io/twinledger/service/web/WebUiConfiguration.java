package io.twinledger.service.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The web UI's shared parts: its navigation and the formats its templates call as {@code @fmt}. */
@Configuration(proxyBeanMethods = false)
public class WebUiConfiguration {

  @Bean
  Navigation navigation(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
    return new Navigation(handlers);
  }

  @Bean("fmt")
  Formats formats() {
    return new Formats();
  }
}
