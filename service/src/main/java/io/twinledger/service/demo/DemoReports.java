package io.twinledger.service.demo;

import io.twinledger.finance.bond.payment.PendingPayment;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.reporting.compliance.BondReports;
import io.twinledger.service.bond.BondPayouts;
import io.twinledger.service.report.ComplianceReports;
import io.twinledger.service.report.StoredReport;
import io.twinledger.service.scheduling.ScheduledJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The compliance reports of Riverton's bonds in the demo ({@link SampleBonds}): issued by the demo
 * finance officer {@value #OFFICER} once the bonds' determinations are co-signed ({@link
 * DemoBonds}), and attested by the demo auditor {@value #AUDITOR}.
 *
 * <p>Each bond with a performance feature gets one report per calendar month of its demo year in
 * which a determination decides ({@link DeterminationView#decidedFor}: pays, or observes when it
 * pays nothing), and one for the demo year itself, {@code [issue date, issue date + 1 year)}: the
 * months before the current one. A period is reported once it has ended, no payment in it still
 * waits for KPI data (the bond's schedule has none pending there), and every determination deciding
 * in it is decided, co-signed or rejected, with at least one co-signed: a report never shows a
 * payment the trustee may still refuse, and the year's report is not issued before its last month
 * is determined. An outcome between the tiers and an SLB's target are reported in the month
 * observed, though they pay nothing. The auditor approves every report but one, the availability
 * bond's first, which is qualified with a comment, to show a qualified opinion.
 *
 * <p>Idempotent across restarts: a period already reported (in the report store) is not issued
 * again, and a report already attested is not attested again. Each run does at most {@value
 * #PER_RUN} issues or attestations, each a ledger transaction, so that the scheduler's other jobs
 * are not kept waiting; the next run goes on. Issuing needs no anchored checkpoint, only a report's
 * bundle does, and the service anchors one when the bundle is asked for.
 */
@Component
@ConditionalOnProperty(
    name = {"twinledger.demo.enabled", "twinledger.demo.bonds.enabled"},
    havingValue = "true")
public class DemoReports extends ScheduledJob {

  /** Who issues the demo's reports: the demo finance officer. */
  static final String OFFICER = "officer";

  /** Who attests them: the demo auditor. */
  static final String AUDITOR = "auditor";

  /**
   * The bond whose first report the auditor qualifies instead of approving. The availability
   * payment decides a payment every month, where the outcome bond decides once.
   */
  static final String QUALIFIED_BOND = "a12-availability";

  static final String QUALIFICATION =
      "The deductions rest on the quarterly roughness survey; the months between surveys were not"
          + " surveyed again for this opinion.";

  /** Issues or attestations per run. */
  static final int PER_RUN = 4;

  private static final Logger log = LoggerFactory.getLogger(DemoReports.class);

  private final ComplianceReports reports;
  private final Bonds bonds;
  private final BondPayouts payouts;
  private final Clock clock;

  /** Periods the service refused, warned about once; retried each run. */
  private final Set<String> refused = new HashSet<>();

  public DemoReports(ComplianceReports reports, Bonds bonds, BondPayouts payouts) {
    this.reports = reports;
    this.bonds = bonds;
    this.payouts = payouts;
    this.clock = Clock.systemDefaultZone();
  }

  /** One period of one bond to report on: {@code [from, to)}. */
  record Period(String bondId, LocalDate from, LocalDate to) {

    boolean covers(LocalDate date) {
      return !date.isBefore(from) && date.isBefore(to);
    }
  }

  /**
   * Issues the reports that are due and missing, then attests those awaiting the auditor, at most
   * {@value #PER_RUN} in all.
   *
   * @return the ids of the reports issued or attested now
   */
  @Scheduled(
      fixedDelayString = "${twinledger.bonds.run-every:PT30S}",
      initialDelayString = "${twinledger.bonds.run-every:PT30S}")
  public List<String> issueAndAttest() {
    return run(this::issueAndAttestDue, List.of());
  }

  private List<String> issueAndAttestDue() {
    List<String> done = new ArrayList<>();
    for (Period period : due()) {
      if (done.size() >= PER_RUN || stopping()) {
        return done;
      }
      issue(period).ifPresent(done::add);
    }
    List<StoredReport> oldestFirst = sampleReports().reversed();
    boolean qualifiedOne =
        oldestFirst.stream()
            .flatMap(r -> r.attestations().stream())
            .anyMatch(a -> a.verdict().equals("QUALIFIED"));
    for (StoredReport report : oldestFirst) {
      if (done.size() >= PER_RUN || stopping()) {
        return done;
      }
      if (report.awaitingAttestation()) {
        boolean qualified = !qualifiedOne && report.subject().equals(QUALIFIED_BOND);
        if (attest(report, qualified).isPresent()) {
          done.add(report.reportId());
          qualifiedOne |= qualified;
        }
      }
    }
    return done;
  }

  /** The periods of the sample bonds that are decided and not reported yet, oldest first. */
  List<Period> due() {
    LocalDate today = LocalDate.now(clock);
    Set<String> reported = new HashSet<>();
    sampleReports().forEach(r -> reported.add(key(r.subject(), r.periodStart(), r.periodEnd())));
    List<Period> due = new ArrayList<>();
    for (SampleBonds.Sample sample : SampleBonds.of(today)) {
      Optional<BondView> bond = bonds.find(sample.bondId());
      if (bond.isEmpty()
          || BondReports.typeOf(BondTermsDocuments.parseJson(bond.get().terms())).isEmpty()) {
        continue;
      }
      List<DeterminationView> determinations = bonds.determinations(sample.bondId());
      List<LocalDate> pending =
          payouts.schedule(bond.get()).pending().stream().map(PendingPayment::date).toList();
      LocalDate yearStart = BondTermsDocuments.parseJson(bond.get().terms()).issueDate();
      Period year = new Period(sample.bondId(), yearStart, yearStart.plusYears(1));
      TreeSet<YearMonth> months = new TreeSet<>();
      for (DeterminationView d : determinations) {
        d.decidedFor().stream()
            .filter(year::covers)
            .forEach(date -> months.add(YearMonth.from(date)));
      }
      List<Period> periods = new ArrayList<>();
      months.forEach(
          m -> periods.add(new Period(sample.bondId(), m.atDay(1), m.plusMonths(1).atDay(1))));
      periods.add(year);
      for (Period period : periods) {
        List<DeterminationView> deciding =
            determinations.stream().filter(d -> decides(d, period)).toList();
        boolean decided =
            deciding.stream()
                .allMatch(d -> d.status().equals("COSIGNED") || d.status().equals("REJECTED"));
        boolean decides = deciding.stream().anyMatch(d -> d.status().equals("COSIGNED"));
        boolean waits = pending.stream().anyMatch(period::covers);
        if (decided
            && decides
            && !waits
            && !period.to().isAfter(today)
            && !reported.contains(key(period.bondId(), period.from(), period.to()))) {
          due.add(period);
        }
      }
    }
    return due;
  }

  private Optional<String> issue(Period period) {
    try {
      StoredReport issued =
          reports.issue(
              new ComplianceReports.Request(
                  new ComplianceReports.Bond(period.bondId()),
                  period.from(),
                  period.to(),
                  Optional.empty(),
                  Optional.empty()),
              OFFICER);
      log.info("Demo report {} issued", issued.reportId());
      return Optional.of(issued.reportId());
    } catch (RuntimeException e) {
      String key = key(period.bondId(), period.from(), period.to());
      if (refused.add(key)) {
        log.warn("Demo report of {} not issued (retried later): {}", key, e.getMessage());
      }
      return Optional.empty();
    }
  }

  private Optional<String> attest(StoredReport report, boolean qualified) {
    try {
      reports.attest(
          report.reportId(),
          qualified ? "QUALIFIED" : "APPROVED",
          qualified ? QUALIFICATION : "",
          AUDITOR);
      return Optional.of(report.reportId());
    } catch (RuntimeException e) {
      if (refused.add(report.reportId())) {
        log.warn(
            "Demo report {} not attested (retried later): {}", report.reportId(), e.getMessage());
      }
      return Optional.empty();
    }
  }

  /** The reports issued on the sample bonds. */
  private List<StoredReport> sampleReports() {
    List<StoredReport> issued = new ArrayList<>();
    for (SampleBonds.Sample sample : SampleBonds.of(LocalDate.now(clock))) {
      issued.addAll(reports.list(Optional.of(sample.bondId())));
    }
    return issued;
  }

  private static boolean decides(DeterminationView d, Period period) {
    return d.decidedFor().stream().anyMatch(period::covers);
  }

  private static String key(String bondId, LocalDate from, LocalDate to) {
    return bondId + " [" + from + ", " + to + ")";
  }
}
