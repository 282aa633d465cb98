package io.twinledger.service.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.ledger.audit.LogWatch;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The audit log's alarm as operators see it: the {@code audit} health component is DOWN while an
 * alarm of the {@link LogWatch} is open (raised and not acknowledged), and the gauge {@code
 * twinledger.audit.alarm} is 1 then, 0 otherwise. Both read the watch; they hold no state.
 */
@Component("audit")
public class AuditAlarm implements HealthIndicator {

  private final LogWatch watch;

  public AuditAlarm(LogWatch watch, MeterRegistry registry) {
    this.watch = watch;
    Gauge.builder("twinledger.audit.alarm", this, a -> a.open() ? 1 : 0)
        .description("1 while the audit log's integrity alarm is raised and not acknowledged")
        .register(registry);
  }

  private boolean open() {
    return watch.alarm().map(LogWatch.Alarm::open).orElse(false);
  }

  @Override
  public Health health() {
    return watch
        .alarm()
        .filter(LogWatch.Alarm::open)
        .map(
            a ->
                Health.down()
                    .withDetail("logId", a.logId())
                    .withDetail("defect", a.defect())
                    .withDetail("defects", a.defects())
                    .withDetail("raisedAt", a.raisedAt().toString())
                    .withDetail("signing", "stopped until the log is intact")
                    .build())
        .orElseGet(() -> Health.up().build());
  }
}
