package io.twinledger.service.demo;

import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.ledger.bond.BondRegistry;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.api.CosignDetermination;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.service.bond.BondTokens;
import io.twinledger.service.scheduling.ScheduledJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Riverton's bonds in the demo ({@link SampleBonds}): defined, issued and placed with their holders
 * on every chain once; the bond jobs then determine, declare and pay them as the twin data closes
 * and checkpoints anchor.
 *
 * <p>The demo year is history: the demo's trustee co-signs the sample bonds' determinations of
 * months before the last closed one, under the name {@value #HISTORY_TRUSTEE}, so that the year's
 * payments are made. The newest ones wait in the queue for the {@code trustee} user, who co-signs
 * them on the trustee's page or through the API.
 */
@Component
@ConditionalOnProperty(
    name = {"twinledger.demo.enabled", "twinledger.demo.bonds.enabled"},
    havingValue = "true")
public class DemoBonds extends ScheduledJob {

  /** Whom the demo's history co-signs as. */
  static final String HISTORY_TRUSTEE = "demo-history";

  private static final Logger log = LoggerFactory.getLogger(DemoBonds.class);

  private final BondRegistry registry;
  private final Bonds bonds;
  private final BondTokens tokens;
  private final CommandGateway commands;
  private final Clock clock;

  @Autowired
  public DemoBonds(BondRegistry registry, Bonds bonds, BondTokens tokens, CommandGateway commands) {
    this(registry, bonds, tokens, commands, Clock.systemDefaultZone());
  }

  DemoBonds(
      BondRegistry registry, Bonds bonds, BondTokens tokens, CommandGateway commands, Clock clock) {
    this.registry = registry;
    this.bonds = bonds;
    this.tokens = tokens;
    this.commands = commands;
    this.clock = clock;
  }

  /**
   * Defines, issues and places the sample bonds that are missing or unfinished.
   *
   * @return the ids of the bonds placed now
   */
  public List<String> load() {
    return SampleBonds.of(LocalDate.now(clock)).stream()
        .filter(this::load)
        .map(SampleBonds.Sample::bondId)
        .toList();
  }

  private boolean load(SampleBonds.Sample sample) {
    BondTerms terms = BondTermsDocuments.parseJson(sample.terms());
    try {
      if (bonds.find(sample.bondId()).isEmpty()) {
        registry.define(terms);
      }
      BondView bond = awaitBond(sample.bondId());
      if (bond.status().equals("DRAFT")) {
        registry.issue(sample.bondId(), Optional.of(bond.termsHash()));
        bond = awaitStatus(sample.bondId(), "ISSUED");
      }
      if (bond.registerVersion() == 0) {
        tokens.place(sample.bondId(), terms.currency().getCurrencyCode(), sample.holders());
        return true;
      }
    } catch (BondRuleViolation | IllegalStateException e) {
      log.warn("Sample bond {} not loaded: {}", sample.bondId(), e.getMessage());
    }
    return false;
  }

  /**
   * Co-signs the proposed determinations whose periods are all older than the last closed month.
   *
   * @return the ids co-signed now
   */
  @Scheduled(
      fixedDelayString = "${twinledger.bonds.run-every:PT30S}",
      initialDelayString = "${twinledger.bonds.run-every:PT30S}")
  public List<String> cosignHistory() {
    return run(this::cosignOlderMonths, List.of());
  }

  private List<String> cosignOlderMonths() {
    YearMonth lastClosed = YearMonth.now(clock).minusMonths(1);
    Set<String> samples =
        SampleBonds.of(LocalDate.now(clock)).stream()
            .map(SampleBonds.Sample::bondId)
            .collect(Collectors.toSet());
    return bonds.determinationsIn("PROPOSED").stream()
        .filter(d -> samples.contains(d.bondId()))
        .filter(d -> d.periods().stream().allMatch(p -> p.month().isBefore(lastClosed)))
        .map(this::cosign)
        .flatMap(Optional::stream)
        .toList();
  }

  private Optional<String> cosign(DeterminationView d) {
    try {
      commands.sendAndWait(
          new CosignDetermination(d.bondId(), d.determinationId(), HISTORY_TRUSTEE));
      return Optional.of(d.bondId() + "/" + d.determinationId());
    } catch (BondRuleViolation e) {
      return Optional.empty();
    }
  }

  private BondView awaitBond(String bondId) {
    return await(bondId, v -> true);
  }

  private BondView awaitStatus(String bondId, String status) {
    return await(bondId, v -> v.status().equals(status));
  }

  /** The read side follows the commands within moments; the demo waits for it. */
  private BondView await(String bondId, Predicate<BondView> ready) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<BondView> view = bonds.find(bondId).filter(ready);
      if (view.isPresent()) {
        return view.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("bond " + bondId + " did not show in the read side");
  }
}
