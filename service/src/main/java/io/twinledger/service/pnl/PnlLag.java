package io.twinledger.service.pnl;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.pnl.projection.PnlProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * From a monthly KPI period's close to its P&amp;L lines: the timer {@value #LAG} (Prometheus
 * {@code twinledger_pnl_lag_seconds_count}, {@code _sum}, {@code _max}) records, for each {@code
 * KpiPeriodClosed} event of a MONTH period, the time from the event's timestamp to the commit of
 * the P&amp;L projection's transaction that applied it. Events handled again in a replay (after a
 * reset) are left out: their age says nothing about the projection keeping up.
 *
 * <p>An interceptor on the {@code pnl-projection} processor, so the projection in {@code
 * ledger/books} stays free of metrics.
 */
@Component
public class PnlLag implements ConfigurerModule {

  public static final String LAG = "twinledger.pnl.lag";

  private final Timer timer;
  private final Clock clock = Clock.systemUTC();

  public PnlLag(MeterRegistry registry) {
    this.timer =
        Timer.builder(LAG)
            .description(
                "From a monthly KPI period's close to the P&L projection having applied it")
            .register(registry);
  }

  @Override
  public void configureModule(Configurer configurer) {
    configurer
        .eventProcessing()
        .registerHandlerInterceptor(PnlProjection.PROCESSING_GROUP, configuration -> this::handle);
  }

  private Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    EventMessage<?> event = unitOfWork.getMessage();
    Object result = chain.proceed();
    if (KpiPeriodClosed.class.equals(event.getPayloadType())
        && !ReplayToken.isReplay(event)
        && PnlProjection.MONTH.equals(((KpiPeriodClosed) event.getPayload()).periodKind())) {
      Instant closedAt = event.getTimestamp();
      unitOfWork.afterCommit(u -> timer.record(Duration.between(closedAt, clock.instant())));
    }
    return result;
  }
}
