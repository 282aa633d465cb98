package io.twinledger.service.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.ledger.audit.LogWatch;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The audit log's alarm as operators see it: the {@code audit} health component is DOWN while an
 * alarm of the {@link LogWatch} is open (raised and not acknowledged), and the gauge {@value
 * #ALARM} is 1 then, 0 otherwise. The gauge {@value #INTEGRITY} ({@code
 * twinledger_audit_integrity}) is the latest integrity check's result, acknowledged or not: 1
 * intact, 0 not intact, NaN before the first check (the first checkpoint run). All read the watch;
 * they hold no state.
 */
@Component("audit")
public class AuditAlarm implements HealthIndicator {

  public static final String ALARM = "twinledger.audit.alarm";
  public static final String INTEGRITY = "twinledger.audit.integrity";

  private final LogWatch watch;

  public AuditAlarm(LogWatch watch, MeterRegistry registry) {
    this.watch = watch;
    Gauge.builder(ALARM, this, a -> a.open() ? 1 : 0)
        .description("1 while the audit log's integrity alarm is raised and not acknowledged")
        .register(registry);
    Gauge.builder(
            INTEGRITY,
            watch,
            w -> w.lastCheck().map(check -> check.intact() ? 1.0 : 0.0).orElse(Double.NaN))
        .description("The latest integrity check of the audit log: 1 intact, 0 not intact")
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
