package io.twinledger.service.report;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.audit.report.ReportAttestation;
import io.twinledger.ledger.audit.report.ReportRecord;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.report.api.AttestReport;
import io.twinledger.ledger.report.api.IssueReport;
import io.twinledger.ledger.report.api.MarkReplaced;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.compliance.BondReports;
import io.twinledger.reporting.compliance.InvestorStatements;
import io.twinledger.reporting.compliance.PnlReports;
import io.twinledger.reporting.compliance.ReportBundles;
import io.twinledger.reporting.compliance.ReportDraft;
import io.twinledger.reporting.compliance.ReportRefusedException;
import io.twinledger.reporting.compliance.VillageReports;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.StrictJson;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.service.security.Roles;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues compliance reports and takes auditors' attestations; serves reports and their bundles.
 *
 * <p>Issuing: the report is drafted with its figures computed ({@link BondReports}, {@link
 * PnlReports} for an asset or a portfolio, {@link InvestorStatements}, {@link VillageReports}),
 * signed by TwinLedger's client identity (the issuing organisation's), recorded by the report
 * contract (which checks that signature and needs the auditor's endorsement), then logged as a
 * {@code ReportIssued} event, a leaf of the audit log anchored with the next checkpoint, and stored
 * with its document in one transaction. Attesting goes to the ledger with the auditor
 * organisation's identity first; the books record what the ledger took.
 *
 * <p>Reading: an investor statement, its renderings and its bundle (which carries the whole
 * register of the bond's holders) are read only by its holder and by the finance officer, the
 * auditor and the trustee; to anyone else it does not exist. Every report read for a user goes
 * through {@link #report(String, Reader)} or {@link #list(Optional, Reader)}, which decide it.
 */
public class ComplianceReports {

  /** A report covers at most this many days: a year and a leap day. */
  static final int MAX_DAYS = 366;

  private final BondReports bonds;
  private final PnlReports pnl;
  private final InvestorStatements investors;
  private final Optional<VillageReports> village;
  private final ReportBundles bundles;
  private final ReportStore store;
  private final CommandGateway commands;
  private final TransactionTemplate transactions;
  private final Optional<ReportLedger> ledger;
  private final Optional<MspIdentity> issuer;
  private final Report.Provenance provenance;
  private final Clock clock;

  ComplianceReports(
      BondReports bonds,
      PnlReports pnl,
      InvestorStatements investors,
      Optional<VillageReports> village,
      ReportBundles bundles,
      ReportStore store,
      CommandGateway commands,
      TransactionTemplate transactions,
      Optional<ReportLedger> ledger,
      Optional<MspIdentity> issuer,
      Report.Provenance provenance,
      Clock clock) {
    this.bonds = bonds;
    this.pnl = pnl;
    this.investors = investors;
    this.village = village;
    this.bundles = bundles;
    this.store = store;
    this.commands = commands;
    this.transactions = transactions;
    this.ledger = ledger;
    this.issuer = issuer;
    this.provenance = provenance;
    this.clock = clock;
  }

  /** What a finance officer asks to issue. */
  public record Request(
      Subject subject,
      LocalDate from,
      LocalDate to,
      Optional<String> replaces,
      Optional<String> reason) {}

  /** What a report is of; its id is the report's subject. */
  public sealed interface Subject {
    String id();
  }

  /** A bond's compliance report, of the type its performance features give. */
  public record Bond(String id) implements Subject {}

  /** An asset's P&amp;L statement ({@link PnlReports#draft}). */
  public record AssetPnl(String id) implements Subject {}

  /**
   * A portfolio's P&amp;L statement ({@link PnlReports#portfolio}); the one portfolio is {@code
   * all-assets}.
   */
  public record Portfolio(String id) implements Subject {}

  /**
   * An investor's statement ({@link InvestorStatements}) of the payouts to {@code holder}, an
   * investor's user name.
   */
  public record Investor(String holder) implements Subject {
    @Override
    public String id() {
      return holder;
    }
  }

  /**
   * The village's community energy report of one month ({@link VillageReports}); the request's
   * period is the month's first day to the next month's.
   */
  public record Village(YearMonth month) implements Subject {
    @Override
    public String id() {
      return VillageReports.SUBJECT;
    }
  }

  /**
   * Who reads reports.
   *
   * @param name the user's name, which is an investor's holder id
   * @param roles the user's role names, without the {@code ROLE_} prefix
   */
  public record Reader(String name, Set<String> roles) {
    /** The roles that read every report, investor statements included. */
    private static final Set<String> ALL_REPORTS =
        Set.of(Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.TRUSTEE);

    public Reader {
      roles = Set.copyOf(roles);
    }

    /** Whether this user may read {@code report}: an investor statement only if it is theirs. */
    boolean mayRead(StoredReport report) {
      return !report.reportType().equals(ReportType.INVESTOR_STATEMENT.label())
          || report.subject().equals(name)
          || roles.stream().anyMatch(ALL_REPORTS::contains);
    }
  }

  /**
   * Issues the report of a bond, an asset's or a portfolio's P&amp;L, an investor's statement or
   * the village's community energy over {@code [from, to)}.
   *
   * @throws InvalidFieldException for a period that is empty, backwards or longer than a year, a
   *     replacement without a reason, or a replacement of an investor statement
   * @throws UnknownSubjectException for an unknown bond, asset, portfolio or replaced report
   * @throws ReportRefusedException for a bond's period with no proven determination, an asset
   *     without a model or with KPI periods not proven, a portfolio without a P&amp;L in the period
   *     or with such an asset, a holder paid nothing in the period, or a month in which the market
   *     cleared nothing (or a deployment without a market)
   */
  public StoredReport issue(Request request, String user) {
    if (!request.from().isBefore(request.to())) {
      throw new InvalidFieldException("to", "must be after from (" + request.from() + ")");
    }
    if (ChronoUnit.DAYS.between(request.from(), request.to()) > MAX_DAYS) {
      throw new InvalidFieldException("to", "a report covers at most " + MAX_DAYS + " days");
    }
    Optional<Report.Replacement> replaces = replacement(request);
    ReportLedger contract = ledger();
    MspIdentity identity = issuer.orElseThrow();
    String reportId = reportId(request);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ReportDraft draft =
        switch (request.subject()) {
          case Bond bond ->
              bonds.draft(
                  reportId,
                  bond.id(),
                  request.from(),
                  request.to(),
                  identity.mspId(),
                  now,
                  provenance,
                  replaces);
          case AssetPnl asset ->
              pnl.draft(
                  reportId,
                  asset.id(),
                  request.from(),
                  request.to(),
                  identity.mspId(),
                  now,
                  provenance,
                  replaces);
          case Portfolio portfolio ->
              pnl.portfolio(
                  reportId,
                  portfolio.id(),
                  request.from(),
                  request.to(),
                  identity.mspId(),
                  now,
                  provenance,
                  replaces);
          case Investor investor -> {
            if (replaces.isPresent()) {
              throw new InvalidFieldException(
                  "replaces", "an investor statement is not replaced: issue a new one");
            }
            yield investors.draft(
                reportId,
                investor.holder(),
                request.from(),
                request.to(),
                identity.mspId(),
                now,
                provenance);
          }
          case Village month ->
              village
                  .orElseThrow(
                      () -> new ReportRefusedException("this deployment runs no energy market"))
                  .draft(reportId, month.month(), identity.mspId(), now, provenance, replaces);
        };
    Report report = draft.report();
    ReportStatement statement = ReportJson.statement(report);
    byte[] signature = EcdsaSignatures.sign(identity.privateKey(), statement.signedContent());
    ReportRecord recorded =
        replaces.isPresent()
            ? contract
                .issuer()
                .issue(statement, signature, replaces.get().reportId(), replaces.get().reason())
            : contract.issuer().issue(statement, signature);
    String signed = Base64.getEncoder().encodeToString(signature);
    StoredReport stored =
        new StoredReport(
            reportId,
            report.type().label(),
            report.subject(),
            report.periodStart(),
            report.periodEnd(),
            statement.sha256().hex(),
            ReportJson.canonical(report),
            signed,
            identity.mspId(),
            Pem.of(identity.certificate()),
            user,
            now,
            Optional.of(recorded.txId()),
            replaces.map(Report.Replacement::reportId),
            replaces.map(Report.Replacement::reason),
            Optional.empty(),
            List.of());
    transactions.executeWithoutResult(
        tx -> {
          store.insert(stored);
          commands.sendAndWait(
              new IssueReport(
                  reportId,
                  report.type().label(),
                  report.subject(),
                  stored.sha256(),
                  identity.mspId(),
                  signed,
                  stored.replaces(),
                  stored.replacementReason()));
          stored.replaces().ifPresent(old -> commands.sendAndWait(new MarkReplaced(old, reportId)));
        });
    return stored;
  }

  /**
   * Records the auditor's opinion on the ledger, then in the books.
   *
   * @throws UnknownSubjectException for an unknown report
   */
  public StoredReport attest(String reportId, String verdict, String comments, String user) {
    StoredReport report = report(reportId);
    ReportAttestation.Verdict parsed;
    try {
      parsed = ReportAttestation.Verdict.valueOf(verdict);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("verdict", "must be APPROVED or QUALIFIED, was " + verdict);
    }
    if (parsed == ReportAttestation.Verdict.QUALIFIED && comments.isBlank()) {
      throw new InvalidFieldException("comments", "a qualified opinion says why");
    }
    ReportLedger contract = ledger();
    ReportRecord recorded =
        contract.auditor().attest(reportId, Sha256.fromHex(report.sha256()), parsed, comments);
    ReportAttestation attestation =
        recorded
            .attestationBy(contract.auditorMsp())
            .orElseThrow(() -> new IllegalStateException("the ledger kept no attestation"));
    StoredReport.Attestation stored =
        new StoredReport.Attestation(
            contract.auditorMsp(),
            user,
            parsed.name(),
            comments,
            attestation.txId(),
            attestation.attestedAt());
    transactions.executeWithoutResult(
        tx -> {
          commands.sendAndWait(
              new AttestReport(
                  reportId,
                  report.sha256(),
                  contract.auditorMsp(),
                  user,
                  parsed.name(),
                  comments,
                  attestation.txId()));
          store.attest(reportId, stored);
        });
    return report(reportId);
  }

  /** Every report, newest first, of a subject when given: for the service itself, no user. */
  public List<StoredReport> list(Optional<String> subject) {
    return store.all(subject);
  }

  /** The reports {@code reader} may read, newest first, of a subject when given. */
  List<StoredReport> list(Optional<String> subject, Reader reader) {
    return store.all(subject).stream().filter(reader::mayRead).toList();
  }

  /**
   * The report, if {@code reader} may read it.
   *
   * @throws UnknownSubjectException when there is none, or the reader may not read it: a statement
   *     of another investor is not told apart from no report
   */
  StoredReport report(String reportId, Reader reader) {
    StoredReport stored = report(reportId);
    if (!reader.mayRead(stored)) {
      throw new UnknownSubjectException("no report " + reportId);
    }
    return stored;
  }

  /** The report. @throws UnknownSubjectException when there is none */
  private StoredReport report(String reportId) {
    return store
        .find(reportId)
        .orElseThrow(() -> new UnknownSubjectException("no report " + reportId));
  }

  /** The report's canonical document, read back. */
  Report document(StoredReport stored) {
    try {
      return ReportJson.read(stored.document());
    } catch (StrictJson.Malformed e) {
      throw new IllegalStateException(
          "the stored document of " + stored.reportId() + " is not a report: " + e.getMessage());
    }
  }

  /**
   * The bundle of an issued report, from the stores as they are now, with the ledger's blocks of
   * its issue and attestations.
   *
   * @param since a block the verifier trusts, for headers only after it
   * @throws UnknownSubjectException when there is no such report the reader may read
   * @throws EvidenceUnavailableException when its leaves are not anchored yet
   */
  ReportBundle bundle(String reportId, Optional<Long> since, Reader reader) {
    StoredReport stored = report(reportId, reader);
    List<String> ledgerTxs = new ArrayList<>();
    stored.ledgerTx().ifPresent(ledgerTxs::add);
    stored.attestations().forEach(a -> ledgerTxs.add(a.ledgerTx()));
    return bundles.bundle(
        document(stored),
        new ReportBundle.IssuerSignature(
            stored.signerMsp(), stored.signerCertificate(), stored.signature()),
        ledgerTxs,
        since);
  }

  private Optional<Report.Replacement> replacement(Request request) {
    if (request.replaces().isEmpty()) {
      if (request.reason().isPresent()) {
        throw new InvalidFieldException("reason", "is given only with replaces");
      }
      return Optional.empty();
    }
    String reason =
        request
            .reason()
            .filter(r -> !r.isBlank())
            .orElseThrow(
                () -> new InvalidFieldException("reason", "say why the report is replaced"));
    StoredReport old = report(request.replaces().get());
    if (!old.subject().equals(request.subject().id())) {
      throw new InvalidFieldException(
          "replaces", "report " + old.reportId() + " is of " + old.subject());
    }
    if (old.replacedBy().isPresent()) {
      throw new InvalidFieldException(
          "replaces",
          "report " + old.reportId() + " was already replaced by " + old.replacedBy().get());
    }
    return Optional.of(new Report.Replacement(old.reportId(), old.sha256(), reason));
  }

  private String reportId(Request request) {
    String base = request.subject().id() + "." + request.from() + "." + request.to();
    int issued = store.countOf(request.subject().id(), request.from(), request.to());
    return issued == 0 ? base : base + ".r" + (issued + 1);
  }

  private ReportLedger ledger() {
    return ledger.orElseThrow(
        () ->
            new EvidenceUnavailableException(
                "no ledger in this deployment (twinledger.ledger.mode=none): reports cannot be"
                    + " recorded and attested"));
  }
}
