package io.twinledger.service.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;

/**
 * An empty Spring application, run in a JVM of its own by {@link ConsoleEncoderTest}: Spring Boot
 * sets up logging from the command line's {@code logging.*} exactly as for the service, then one
 * line is logged with a request and a transaction id.
 */
@Configuration(proxyBeanMethods = false)
class JsonLogsApp {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(JsonLogsApp.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    try (var context = application.run(args);
        var request = MDC.putCloseable(RequestIdFilter.MDC_KEY, "abc");
        var tx = MDC.putCloseable("txId", "4f2a")) {
      LoggerFactory.getLogger(JsonLogsApp.class).info("Logged through Spring Boot's set-up");
    }
  }
}
