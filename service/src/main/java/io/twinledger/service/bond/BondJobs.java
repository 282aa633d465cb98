package io.twinledger.service.bond;

import io.twinledger.service.scheduling.ScheduledJob;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The bonds' schedule: every half minute, determinations that fell due are proposed (new KPI
 * periods proven under a new anchored checkpoint), payments that fell due are declared, and
 * declared payments are paid on each chain that has not paid them. Every step is idempotent, so a
 * payout interrupted by a crash completes on the next run after the restart.
 */
public class BondJobs extends ScheduledJob {

  private static final Logger log = LoggerFactory.getLogger(BondJobs.class);

  private final BondDeterminations determinations;
  private final BondPayouts payouts;

  public BondJobs(BondDeterminations determinations, BondPayouts payouts) {
    this.determinations = determinations;
    this.payouts = payouts;
  }

  /** Proposes, declares and pays what is due; returns what it did, for tests and the CLI. */
  @Scheduled(
      fixedDelayString = "${twinledger.bonds.run-every:PT30S}",
      initialDelayString = "${twinledger.bonds.run-every:PT30S}")
  public List<String> runDue() {
    return run(
        () -> {
          List<String> proposed = determinations.proposeDue();
          List<String> declared = payouts.declareDue();
          List<String> paid = payouts.payDue();
          if (!proposed.isEmpty() || !declared.isEmpty() || !paid.isEmpty()) {
            log.info("Bonds: proposed {}, declared {}, paid {}", proposed, declared, paid);
          }
          return Stream.of(proposed, declared, paid).flatMap(List::stream).toList();
        },
        List.of());
  }
}
