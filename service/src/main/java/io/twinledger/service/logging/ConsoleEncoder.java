package io.twinledger.service.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's encoder in {@code logback-spring.xml}: Spring Boot's structured JSON ({@link
 * StructuredLogEncoder}) when {@code logging.structured.format.console} names a format ({@code
 * ecs}, {@code logstash}, {@code gelf}), else Boot's text pattern. Boot switches between the two
 * only in its built-in configuration, which the service cannot use (the HiveMQ jar's {@code
 * logback.xml} would be found first), and Logback's own conditionals need Janino.
 *
 * <p>JSON lines carry the logging context (MDC) as fields: {@code requestId} ({@link
 * RequestIdFilter}) and {@code txId} while a Fabric transaction is submitted.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

  private String pattern = "%m%n";
  private String format = "";
  private Charset charset = StandardCharsets.UTF_8;
  private Encoder<ILoggingEvent> delegate;

  /** The text pattern, used when no structured format is set. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** The structured format; blank for text. */
  public void setFormat(String format) {
    this.format = format == null ? "" : format.strip();
  }

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  /** Whether lines are structured (JSON) rather than text. */
  public boolean structured() {
    return !format.isEmpty();
  }

  @Override
  public void start() {
    if (structured()) {
      StructuredLogEncoder json = new StructuredLogEncoder();
      json.setFormat(format);
      json.setCharset(charset);
      delegate = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      text.setCharset(charset);
      delegate = text;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
