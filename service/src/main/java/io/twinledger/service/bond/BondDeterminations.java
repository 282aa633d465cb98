package io.twinledger.service.bond;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.Determination;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.api.CheckpointRef;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.DisputeDetermination;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.api.ProposeDetermination;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.evidence.export.EvidenceExport.ProvenPeriods;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The process manager of determinations: for each issued bond, it reads each feature's KPI periods
 * that are closed and proven (every reading batch a leaf of the audit log under an anchored
 * checkpoint), decides what the terms pay on them with {@link BondPayments#determine}, and proposes
 * a determination for each decision not yet proposed. The trustee co-signs or rejects.
 *
 * <p>A single-observation feature (outcome tiers, a coupon step-up) is decided once, when its
 * observation is proven: id {@code f<feature>-<observation date>}, with or without a payment. A
 * monthly feature (availability, per unit) is decided per payment: id {@code f<feature>-<payment
 * date>}. A month whose payment is nil proposes nothing. Periods revised after a determination
 * dispute it ({@link #disputeRevision}); a rejected determination is proposed again only when a
 * period it used has a new revision.
 */
public class BondDeterminations {

  private final CommandGateway commands;
  private final Bonds bonds;
  private final AssetCatalog assets;
  private final KpiPeriods periods;
  private final EvidenceExport evidence;

  public BondDeterminations(
      CommandGateway commands,
      Bonds bonds,
      AssetCatalog assets,
      KpiPeriods periods,
      EvidenceExport evidence) {
    this.commands = commands;
    this.bonds = bonds;
    this.assets = assets;
    this.periods = periods;
    this.evidence = evidence;
  }

  /**
   * Proposes every determination that has fallen due.
   *
   * @return the ids proposed now, as {@code bond/determination}
   */
  public List<String> proposeDue() {
    List<String> proposed = new ArrayList<>();
    for (BondView bond : bonds.list()) {
      if (bond.status().equals("ISSUED")) {
        proposeDue(bond).forEach(id -> proposed.add(bond.bondId() + "/" + id));
      }
    }
    return proposed;
  }

  private List<String> proposeDue(BondView bond) {
    BondTerms terms = BondPayouts.terms(bond);
    Map<String, DeterminationView> existing = new HashMap<>();
    bonds.determinations(bond.bondId()).forEach(d -> existing.put(d.determinationId(), d));
    List<String> proposed = new ArrayList<>();
    for (int i = 0; i < terms.features().size(); i++) {
      PerformanceFeature feature = terms.features().get(i);
      Optional<AssetView> asset = feature.asset().flatMap(assets::find);
      if (asset.isEmpty()) {
        continue;
      }
      Optional<ProvenInputs> inputs = proven(terms, feature, asset.get());
      if (inputs.isEmpty()) {
        continue;
      }
      Determination decided = BondPayments.determine(terms, i, inputs.get().observations());
      for (Proposal proposal : proposals(i, feature, decided, inputs.get())) {
        DeterminationView before = existing.get(proposal.id());
        boolean again = before != null && before.status().equals("REJECTED");
        if (before != null && !(again && !before.periods().equals(proposal.periods()))) {
          continue;
        }
        try {
          commands.sendAndWait(
              new ProposeDetermination(
                  bond.bondId(),
                  proposal.id(),
                  i,
                  proposal.outcome(),
                  proposal.periods(),
                  inputs.get().checkpoint(),
                  proposal.payments()));
          proposed.add(proposal.id());
        } catch (BondRuleViolation alreadyThere) {
          // Another instance proposed it first; the aggregate keeps one.
        }
      }
    }
    return proposed;
  }

  /**
   * Raises a dispute on every co-signed or proposed determination that used an earlier revision of
   * this period. Called for each {@code KpiPeriodClosed} of a monthly period after its first.
   *
   * @return the determinations disputed now, as {@code bond/determination}
   */
  public List<String> disputeRevision(
      String assetId, String kpiId, YearMonth month, int revision, Optional<BigDecimal> value) {
    List<String> disputed = new ArrayList<>();
    for (BondView bond : bonds.list()) {
      for (DeterminationView determination : bonds.determinations(bond.bondId())) {
        if (determination.status().equals("REJECTED")) {
          continue;
        }
        boolean used =
            determination.periods().stream()
                .anyMatch(
                    p ->
                        p.assetId().equals(assetId)
                            && p.kpiId().equals(kpiId)
                            && p.month().equals(month)
                            && p.revision() < revision);
        if (!used) {
          continue;
        }
        PeriodUse revised =
            new PeriodUse(
                assetId, kpiId, month, revision, value.orElse(BigDecimal.ZERO), List.of());
        Boolean raised =
            commands.sendAndWait(
                new DisputeDetermination(bond.bondId(), determination.determinationId(), revised));
        if (Boolean.TRUE.equals(raised)) {
          disputed.add(bond.bondId() + "/" + determination.determinationId());
        }
      }
    }
    return disputed;
  }

  /** The proven monthly periods of a feature's KPIs over the bond's life, as observations. */
  private Optional<ProvenInputs> proven(
      BondTerms terms, PerformanceFeature feature, AssetView asset) {
    ZoneId zone = ZoneId.of(asset.timeZone());
    Instant from = terms.issueDate().minusYears(2).atStartOfDay(zone).toInstant();
    Instant to = terms.maturity().plusMonths(1).atStartOfDay(zone).toInstant();
    List<KpiPeriodView> closed = new ArrayList<>();
    for (String kpi : feature.kpis()) {
      closed.addAll(periods.of(asset.assetId(), kpi, Optional.of("MONTH"), from, to, false));
    }
    Optional<ProvenPeriods> proven = evidence.provenLeaves(closed);
    if (proven.isEmpty() || proven.get().leaves().isEmpty()) {
      return Optional.empty();
    }
    Map<String, PeriodUse> uses = new HashMap<>();
    List<Observation> observations = new ArrayList<>();
    proven
        .get()
        .leaves()
        .forEach(
            (period, leaves) -> {
              YearMonth month = YearMonth.from(period.periodStart().atZone(zone));
              PeriodUse use =
                  new PeriodUse(
                      asset.assetId(),
                      period.kpiId(),
                      month,
                      period.revision(),
                      period.value().orElseThrow(),
                      leaves.stream().sorted().toList());
              uses.put(key(period.kpiId(), month), use);
              observations.add(
                  new Observation(period.kpiId(), month.atDay(1), period.value().orElseThrow()));
            });
    return Optional.of(new ProvenInputs(observations, uses, checkpoint(proven.get().checkpoint())));
  }

  private static List<Proposal> proposals(
      int index, PerformanceFeature feature, Determination decided, ProvenInputs inputs) {
    return switch (feature) {
      case OutcomeTiers tiers ->
          single(index, tiers.kpi(), tiers.observationDate(), decided, inputs);
      case CouponStepUp stepUp ->
          single(index, stepUp.kpi(), stepUp.observationDate(), decided, inputs).stream()
              .map(p -> new Proposal(p.id(), p.outcome(), p.periods(), List.of()))
              .toList();
      default -> monthly(index, decided, inputs);
    };
  }

  private static List<Proposal> single(
      int index,
      String kpi,
      LocalDate observationDate,
      Determination decided,
      ProvenInputs inputs) {
    PeriodUse use = inputs.uses().get(key(kpi, YearMonth.from(observationDate)));
    if (use == null || !decided.pending().isEmpty()) {
      return List.of();
    }
    return List.of(
        new Proposal(
            "f" + index + "-" + observationDate,
            String.join("; ", decided.outcomes()),
            List.of(use),
            decided.payments().stream().map(BondDeterminations::decided).toList()));
  }

  private static List<Proposal> monthly(int index, Determination decided, ProvenInputs inputs) {
    List<Proposal> proposals = new ArrayList<>();
    for (BondPayment payment : decided.payments()) {
      List<PeriodUse> used =
          payment.observations().stream()
              .map(o -> inputs.uses().get(key(o.kpi(), YearMonth.from(o.date()))))
              .filter(Objects::nonNull)
              .distinct()
              .toList();
      // A month inside the lag reads no period: its payment follows from the terms alone, and the
      // determination says so with no periods to prove.
      proposals.add(
          new Proposal(
              "f" + index + "-" + payment.date(), payment.rule(), used, List.of(decided(payment))));
    }
    return proposals;
  }

  private static DecidedPayment decided(BondPayment payment) {
    return new DecidedPayment(
        BondPayouts.paymentId(payment),
        payment.date(),
        payment.kind().name(),
        payment.payer().name(),
        payment.payee().name(),
        payment.amount(),
        payment.rule());
  }

  private static CheckpointRef checkpoint(SignedCheckpoint signed) {
    Checkpoint checkpoint = signed.checkpoint();
    return new CheckpointRef(
        checkpoint.logId(),
        checkpoint.treeSize(),
        checkpoint.root().hex(),
        signed.anchor().map(a -> a.txId()).orElse(""),
        signed.anchor().map(a -> a.blockNumber()).orElse(-1L));
  }

  private static String key(String kpi, YearMonth month) {
    return kpi + "@" + month;
  }

  private record ProvenInputs(
      List<Observation> observations, Map<String, PeriodUse> uses, CheckpointRef checkpoint) {}

  private record Proposal(
      String id, String outcome, List<PeriodUse> periods, List<DecidedPayment> payments) {}
}
