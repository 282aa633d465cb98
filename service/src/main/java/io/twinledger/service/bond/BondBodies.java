package io.twinledger.service.bond;

import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.PendingPayment;
import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.bond.api.CheckpointRef;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.BondVersionView;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.bond.projection.HolderHolding;
import io.twinledger.ledger.bond.projection.HolderPayout;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.ledger.bond.projection.PayoutView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and response bodies of the bond API. Amounts are decimal strings with every digit of the
 * currency's minor unit, beside their currency; never JSON numbers.
 */
final class BondBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BondBodies() {}

  /** What a write returns. */
  record Written(String bondId, int version, String termsHash, String status) {}

  /** A bond: its state and current terms. */
  record Bond(
      String bondId,
      int version,
      String status,
      String termsHash,
      int registerVersion,
      long unitsHeld,
      Instant definedAt,
      Instant updatedAt,
      JsonNode terms) {

    static Bond of(BondView view) {
      return new Bond(
          view.bondId(),
          view.version(),
          view.status(),
          view.termsHash(),
          view.registerVersion(),
          view.totalUnits(),
          view.definedAt(),
          view.updatedAt(),
          JSON.readTree(view.terms()));
    }
  }

  /** One version of a bond's terms. */
  record Version(
      int version, String termsHash, Optional<String> reason, Instant recordedAt, JsonNode terms) {

    static Version of(BondVersionView view) {
      return new Version(
          view.version(),
          view.termsHash(),
          view.reason(),
          view.recordedAt(),
          JSON.readTree(view.terms()));
    }
  }

  /** The result of a dry run of terms. */
  record Valid(boolean valid, String termsHash, Schedule schedule) {}

  /** A bond's payment schedule as its co-signed determinations decide it. */
  record Schedule(List<Payment> payments, List<Pending> pending) {}

  /**
   * One payment of the schedule.
   *
   * @param status {@code SCHEDULED}, {@code DECLARED} or {@code PAID}
   * @param paidOn the chains that paid it
   */
  record Payment(
      String paymentId,
      LocalDate date,
      LocalDate recordDate,
      String kind,
      String payer,
      String payee,
      String amount,
      String currency,
      String rule,
      Optional<Integer> feature,
      String status,
      List<String> paidOn) {

    static Payment of(BondPayment p, Optional<PaymentView> declared) {
      return new Payment(
          BondPayouts.paymentId(p),
          p.date(),
          p.recordDate(),
          p.kind().name(),
          p.payer().name(),
          p.payee().name(),
          p.amount().minorUnitText(),
          p.amount().currency().getCurrencyCode(),
          p.rule(),
          p.feature().isPresent() ? Optional.of(p.feature().getAsInt()) : Optional.empty(),
          declared.map(d -> d.paidOn().isEmpty() ? "DECLARED" : "PAID").orElse("SCHEDULED"),
          declared.map(PaymentView::paidOn).orElse(List.of()));
    }
  }

  /** A performance payment still waiting for its observations. */
  record Pending(
      int feature,
      String kind,
      LocalDate date,
      List<String> kpis,
      List<LocalDate> observationDates,
      String rule) {

    static Pending of(PendingPayment p) {
      return new Pending(
          p.feature(), p.kind().name(), p.date(), p.kpis(), p.observationDates(), p.rule());
    }
  }

  /** A determination with its evidence. */
  record Determination(
      String bondId,
      String determinationId,
      int feature,
      String termsHash,
      String outcome,
      String status,
      Optional<String> trustee,
      Optional<String> reason,
      List<Period> periods,
      CheckpointRef checkpoint,
      List<Decided> payments,
      List<Dispute> disputes,
      Instant proposedAt,
      Optional<Instant> decidedAt) {

    static Determination of(DeterminationView v) {
      return new Determination(
          v.bondId(),
          v.determinationId(),
          v.feature(),
          v.termsHash(),
          v.outcome(),
          v.status(),
          v.trustee(),
          v.reason(),
          v.periods().stream().map(Period::of).toList(),
          v.checkpoint(),
          v.payments().stream().map(Decided::of).toList(),
          v.disputes().stream()
              .map(d -> new Dispute(Period.of(d.used()), Period.of(d.revised())))
              .toList(),
          v.proposedAt(),
          v.decidedAt());
    }
  }

  /** A KPI period a determination used, with its evidence address. */
  record Period(
      String assetId,
      String kpiId,
      YearMonth month,
      int revision,
      BigDecimal value,
      List<Long> leafIndexes,
      String evidence) {

    static Period of(PeriodUse p) {
      return new Period(
          p.assetId(),
          p.kpiId(),
          p.month(),
          p.revision(),
          p.value(),
          p.leafIndexes(),
          p.evidenceAddress());
    }
  }

  /** A payment a determination decided. */
  record Decided(
      String paymentId,
      LocalDate date,
      String kind,
      String payer,
      String payee,
      String amount,
      String currency,
      String rule) {

    static Decided of(DecidedPayment p) {
      return new Decided(
          p.paymentId(),
          p.date(),
          p.kind(),
          p.payer(),
          p.payee(),
          p.amount().minorUnitText(),
          p.amount().currency().getCurrencyCode(),
          p.rule());
    }
  }

  /** A later revision of a period a determination used. */
  record Dispute(Period used, Period revised) {}

  /** A declared payment. */
  record Declared(
      String paymentId,
      String kind,
      LocalDate date,
      LocalDate recordDate,
      String amount,
      String currency,
      Optional<String> determinationId,
      List<String> paidOn) {

    static Declared of(PaymentView p) {
      return new Declared(
          p.paymentId(),
          p.kind(),
          p.date(),
          p.recordDate(),
          p.amount().minorUnitText(),
          p.amount().currency().getCurrencyCode(),
          p.determinationId(),
          p.paidOn());
    }
  }

  /** A payout on one chain. */
  record Payout(
      String paymentId,
      String chain,
      String total,
      String currency,
      int holders,
      String allocationDigest,
      long recordBlock,
      List<String> transactions,
      Instant recordedAt) {

    static Payout of(PayoutView p) {
      return new Payout(
          p.paymentId(),
          p.chain(),
          p.total().minorUnitText(),
          p.total().currency().getCurrencyCode(),
          p.holders(),
          p.allocationDigest(),
          p.recordBlock(),
          p.transactions(),
          p.recordedAt());
    }
  }

  /** One holder's line of a payout. */
  record PayoutLine(
      String bondId,
      String paymentId,
      String kind,
      LocalDate date,
      String chain,
      String holder,
      String amount,
      String currency,
      String allocationDigest) {

    static PayoutLine of(HolderPayout p) {
      return new PayoutLine(
          p.bondId(),
          p.paymentId(),
          p.kind(),
          p.date(),
          p.chain(),
          p.holder(),
          p.amount().minorUnitText(),
          p.amount().currency().getCurrencyCode(),
          p.allocationDigest());
    }
  }

  /** One holder's position. */
  record Position(
      String bondId, String holder, long units, long unitsHeld, String share, String status) {

    static Position of(HolderHolding h) {
      BigDecimal share =
          h.totalUnits() == 0
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(h.units())
                  .divide(BigDecimal.valueOf(h.totalUnits()), 8, RoundingMode.HALF_EVEN);
      return new Position(
          h.bondId(), h.holder(), h.units(), h.totalUnits(), share.toPlainString(), h.status());
    }
  }

  /** The register of holders: body of a placement and of the register's read. */
  record Register(List<HolderUnits> holdings) {}

  /** A holder's units. */
  record HolderUnits(String holder, long units) {

    static HolderUnits of(Holding h) {
      return new HolderUnits(h.holder(), h.units());
    }
  }

  /** A transfer between holders. */
  record Transfer(String from, String to, Long units, Boolean forced, String reason) {}

  /** A freeze or unfreeze. */
  record Freeze(Boolean frozen) {}

  /** Admissions to the holder registry. */
  record Admit(List<String> holders) {}

  /** Issue body: the terms hash approved. */
  record Issue(String termsHash) {}

  /** The trustee's decision on a determination, as recorded. */
  record Decision(String bondId, String determinationId, String status, String trustee) {}

  /** A trustee's rejection. */
  record Reject(String reason) {}
}
