package io.twinledger.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The service's own {@code logback-spring.xml}, loaded into a logger context of its own with the
 * properties Spring Boot sets from {@code logging.*} (application.yml's correlation pattern
 * included): JSON lines with the request and transaction ids when {@code
 * logging.structured.format.console} names a format, Boot's text with the ids otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleEncoderTest {

  @Test
  void aStructuredFormatGivesJsonLinesCarryingTheRequestAndTransactionIds(CapturedOutput output)
      throws Exception {
    for (String format : List.of("ecs", "logstash")) {
      LoggerContext context = configured(format);
      try (var request = MDC.putCloseable(RequestIdFilter.MDC_KEY, "abc");
          var tx = MDC.putCloseable("txId", "4f2a")) {
        context.getLogger("io.twinledger.test").info("Anchored {}", format);
      } finally {
        context.stop();
      }
      JsonNode json = JsonMapper.builder().build().readTree(line(output, "Anchored " + format));
      assertThat(json.get("requestId").asString()).as(format).isEqualTo("abc");
      assertThat(json.get("txId").asString()).as(format).isEqualTo("4f2a");
    }
  }

  @Test
  void withoutAFormatLinesAreBootsTextWithTheIds(CapturedOutput output) throws Exception {
    LoggerContext context = configured("");
    Logger logger = context.getLogger("io.twinledger.test");
    try (var request = MDC.putCloseable(RequestIdFilter.MDC_KEY, "abc")) {
      logger.info("Plain text");
      try (var tx = MDC.putCloseable("txId", "4f2a")) {
        logger.info("Text in a transaction");
      }
    }
    logger.info("Text outside a request");
    context.stop();

    assertThat(line(output, "Plain text"))
        .doesNotStartWith("{")
        .contains(" INFO ")
        .contains(" [abc] io.twinledger.test");
    assertThat(line(output, "Text in a transaction")).contains(" [abc tx=4f2a] io.twinledger.test");
    assertThat(line(output, "Text outside a request"))
        .doesNotContain("[]")
        .contains("] io.twinledger.test");
  }

  /**
   * Spring Boot's own set-up, in a JVM of its own: {@code --logging.structured.format.console=ecs}
   * with the service's {@code logging.config} gives JSON lines; Boot passes the format to the file
   * and the Spring environment to the encoder.
   */
  @Test
  void springBootSwitchesTheServicesConsoleToJson() throws Exception {
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                JsonLogsApp.class.getName(),
                "--logging.config=classpath:logback-spring.xml",
                "--logging.structured.format.console=ecs",
                "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    String line =
        out.lines()
            .filter(l -> l.contains("Logged through Spring Boot's set-up"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(out));
    JsonNode json = JsonMapper.builder().build().readTree(line);
    assertThat(json.at("/log/level").asString()).isEqualTo("INFO");
    assertThat(json.get("requestId").asString()).isEqualTo("abc");
    assertThat(json.get("txId").asString()).isEqualTo("4f2a");
  }

  private static String line(CapturedOutput output, String message) {
    return output.getOut().lines().filter(l -> l.contains(message)).findFirst().orElseThrow();
  }

  /**
   * A context configured from the service's file, with the properties Boot sets: {@code format} for
   * {@code logging.structured.format.console}, application.yml's {@code
   * logging.pattern.correlation}.
   */
  private static LoggerContext configured(String format) throws Exception {
    JsonNode application;
    try (InputStream in = ConsoleEncoderTest.class.getResourceAsStream("/application.yml")) {
      application = new YAMLMapper().readTree(in);
    }
    LoggerContext context = new LoggerContext();
    context.putObject(Environment.class.getName(), new StandardEnvironment());
    context.setMDCAdapter(MDC.getMDCAdapter());
    context.putProperty("CONSOLE_LOG_STRUCTURED_FORMAT", format);
    context.putProperty("CONSOLE_LOG_CHARSET", "UTF-8");
    context.putProperty("CONSOLE_LOG_THRESHOLD", "TRACE");
    context.putProperty(
        "LOG_CORRELATION_PATTERN", application.at("/logging/pattern/correlation").asString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try (InputStream in = ConsoleEncoderTest.class.getResourceAsStream("/logback-spring.xml")) {
      configurator.doConfigure(in);
    }
    return context;
  }
}
