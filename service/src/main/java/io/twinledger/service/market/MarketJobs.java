package io.twinledger.service.market;

import io.twinledger.market.slot.SlotId;
import io.twinledger.service.scheduling.ScheduledJob;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The market's schedule: every {@code twinledger.energy.run-every}, the slots due are cleared. */
public class MarketJobs extends ScheduledJob {

  private static final Logger log = LoggerFactory.getLogger(MarketJobs.class);

  private final Optional<MarketSettlement> settlement;

  /**
   * @param settlement the market's settlement; empty where the service runs no market
   */
  public MarketJobs(Optional<MarketSettlement> settlement) {
    this.settlement = settlement;
  }

  /** Clears the slots due; returns them, for tests. */
  @Scheduled(
      fixedDelayString = "${twinledger.energy.run-every:PT10S}",
      initialDelayString = "${twinledger.energy.run-every:PT10S}")
  public List<SlotId> runDue() {
    return run(
        () -> {
          List<SlotId> cleared = settlement.map(s -> s.clearDue(this::stopping)).orElse(List.of());
          if (!cleared.isEmpty()) {
            log.info(
                "Energy market: cleared {} slot(s), {} to {}",
                cleared.size(),
                cleared.getFirst(),
                cleared.getLast());
          }
          return cleared;
        },
        List.of());
  }
}
