package io.twinledger.service.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.service.audit.LedgerStatus;
import io.twinledger.service.ledger.ChannelHeight;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ledger and the anchoring of the audit log, as operators watch them:
 *
 * <ul>
 *   <li>{@value #HEIGHT} ({@code twinledger_ledger_height}), tagged {@code channel}: blocks on each
 *       channel of the embedded peer; in fabric mode, on the service's channel as the gateway
 *       peer's block events tell ({@link ChannelHeight}); absent without a ledger.
 *   <li>{@value #ANCHORING_LAG} ({@code twinledger_audit_anchoring_lag_seconds}): while leaves of
 *       the audit log wait for anchoring, how long ago the latest anchored checkpoint was taken; 0
 *       when none wait; NaN while nothing was ever anchored ({@link LedgerStatus}).
 *   <li>{@value #UNANCHORED} ({@code twinledger_audit_leaves_unanchored}): leaves that no anchored
 *       checkpoint covers yet, which shows an anchoring that never started.
 * </ul>
 *
 * The integrity status is {@code twinledger_audit_integrity} ({@code audit.AuditAlarm}).
 */
@Component
public class LedgerMetrics {

  public static final String HEIGHT = "twinledger.ledger.height";
  public static final String ANCHORING_LAG = "twinledger.audit.anchoring.lag";
  public static final String UNANCHORED = "twinledger.audit.leaves.unanchored";

  public LedgerMetrics(
      MeterRegistry registry,
      LedgerStatus status,
      ObjectProvider<EmbeddedPeer> peer,
      ObjectProvider<ChannelHeight> network) {
    peer.ifAvailable(
        embedded -> {
          for (String channel : embedded.channels()) {
            Gauge.builder(HEIGHT, embedded, p -> p.channel(channel).height())
                .description("Blocks on the channel, as the embedded peer holds them")
                .tag("channel", channel)
                .register(registry);
          }
        });
    network.ifAvailable(
        followed ->
            Gauge.builder(HEIGHT, followed, ChannelHeight::height)
                .description("Blocks on the channel, as the gateway peer's block events tell")
                .tag("channel", followed.channel())
                .register(registry));
    Gauge.builder(
            ANCHORING_LAG,
            status,
            s -> s.now().anchoringLag().map(lag -> lag.toMillis() / 1e3).orElse(Double.NaN))
        .description("Age of the latest anchored checkpoint while leaves wait for anchoring")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(UNANCHORED, status, s -> s.now().leavesUnanchored())
        .description("Audit log leaves no anchored checkpoint covers yet")
        .register(registry);
  }
}
