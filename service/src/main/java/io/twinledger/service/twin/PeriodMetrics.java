package io.twinledger.service.twin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.store.DuePeriod;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * KPI periods as the closing job records them ({@code KpiPeriodJob}).
 *
 * <ul>
 *   <li>{@value #CLOSED} ({@code twinledger_periods_closed_total}), tagged {@code kind} ({@code
 *       DAY}, {@code MONTH}, …) and {@code revision}: {@code first} for a period's first close,
 *       {@code revised} for a later revision (late readings or a correction).
 *   <li>{@value #LATE} ({@code twinledger_periods_late_total}), tagged {@code kind}: closes of a
 *       period that was already closed and has since received readings, i.e. readings that arrived
 *       after their period's grace ({@code twinledger.twin.close-grace}) had passed and the period
 *       had closed. A revision caused only by a correction is not late.
 * </ul>
 */
@Component
public class PeriodMetrics {

  public static final String CLOSED = "twinledger.periods.closed";
  public static final String LATE = "twinledger.periods.late";

  private final Map<PeriodKind, Counter> first = new EnumMap<>(PeriodKind.class);
  private final Map<PeriodKind, Counter> revised = new EnumMap<>(PeriodKind.class);
  private final Map<PeriodKind, Counter> late = new EnumMap<>(PeriodKind.class);

  public PeriodMetrics(MeterRegistry registry) {
    for (PeriodKind kind : PeriodKind.values()) {
      first.put(kind, closed(registry, kind, "first"));
      revised.put(kind, closed(registry, kind, "revised"));
      late.put(
          kind,
          Counter.builder(LATE)
              .description("Periods closed again because readings arrived after they closed")
              .tag("kind", kind.name())
              .register(registry));
    }
  }

  private static Counter closed(MeterRegistry registry, PeriodKind kind, String revision) {
    return Counter.builder(CLOSED)
        .description("KPI periods closed, first closes and later revisions")
        .tag("kind", kind.name())
        .tag("revision", revision)
        .register(registry);
  }

  /** The period was recorded under {@code due}'s revision. */
  public void closed(DuePeriod due) {
    PeriodKind kind = due.window().kind();
    if (due.revision() == 1) {
      first.get(kind).increment();
      return;
    }
    revised.get(kind).increment();
    if (due.maxBatchId() > due.previousBatchId()) {
      late.get(kind).increment();
    }
  }
}
