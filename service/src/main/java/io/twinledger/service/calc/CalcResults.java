package io.twinledger.service.calc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.twinledger.finance.bond.BondQuote;
import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.PaymentKind;
import io.twinledger.finance.bond.payment.PaymentSchedule;
import io.twinledger.finance.bond.payment.PendingPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Payout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * Response bodies of the calculators. Every number is rounded half-even to {@value #DECIMALS}
 * decimal places, so a client sees the same digits whatever the internal precision (finance-models
 * computes with 34 significant digits, and solves rates to 1e-13 before rounding them to 1e-10).
 */
public final class CalcResults {

  /** Decimal places of every number in a calculator response. */
  public static final int DECIMALS = 10;

  private CalcResults() {}

  /** An XNPV, in the currency of the flows, not rounded to its minor unit. */
  public record Value(BigDecimal value) {
    static Value of(BigDecimal value) {
      return new Value(rounded(value));
    }
  }

  /** An IRR (per period) or XIRR (per year), as a decimal fraction: 0.1 is 10 %. */
  public record RateValue(BigDecimal rate) {
    static RateValue of(BigDecimal rate) {
      return new RateValue(rounded(rate));
    }
  }

  /** A year fraction. */
  public record Fraction(BigDecimal fraction) {
    static Fraction of(BigDecimal fraction) {
      return new Fraction(rounded(fraction));
    }
  }

  /** A bond price per 100 face value: clean (Excel PRICE) plus accrued interest gives dirty. */
  public record Price(BigDecimal cleanPrice, BigDecimal accruedInterest, BigDecimal dirtyPrice) {
    static Price of(BondQuote quote) {
      return new Price(
          rounded(quote.cleanPrice()),
          rounded(quote.accruedInterest()),
          rounded(quote.dirtyPrice()));
    }
  }

  /** A bond yield per year, compounded at the coupon frequency, as a decimal fraction. */
  public record Yield(@JsonProperty("yield") BigDecimal yieldRate) {
    static Yield of(BigDecimal yieldRate) {
      return new Yield(rounded(yieldRate));
    }
  }

  /**
   * One holder's share of a payout, a decimal string in the payout's currency with as many decimals
   * as its minor unit.
   */
  public record HolderAllocation(String holder, String amount) {}

  /**
   * A payout split among holders, in the order of the request's holdings; the amounts are exact, so
   * they sum to the payout.
   */
  public record Allocations(String currency, List<HolderAllocation> allocations) {
    static Allocations of(Money amount, List<Payout> payouts) {
      return new Allocations(
          amount.currency().getCurrencyCode(),
          payouts.stream()
              .map(p -> new HolderAllocation(p.holder(), p.amount().minorUnitText()))
              .toList());
    }
  }

  public static BigDecimal rounded(BigDecimal value) {
    return value.setScale(DECIMALS, RoundingMode.HALF_EVEN);
  }

  /**
   * A bond's payments from its terms and observations: {@code termsHash} names the terms version
   * (SHA-256 of their canonical JSON); amounts are decimal strings with the currency's minor unit.
   */
  public record BondPaymentsResult(
      String id,
      String termsHash,
      String currency,
      List<BondPaymentItem> payments,
      List<PendingItem> pending,
      List<FeatureOutcomes> determinations) {

    static BondPaymentsResult of(BondTerms terms, PaymentSchedule schedule) {
      return new BondPaymentsResult(
          terms.id(),
          BondTermsDocuments.termsHash(terms),
          terms.currency().getCurrencyCode(),
          schedule.payments().stream().map(BondPaymentItem::of).toList(),
          schedule.pending().stream().map(PendingItem::of).toList(),
          schedule.determinations().stream()
              .map(d -> new FeatureOutcomes(d.feature(), d.outcomes()))
              .toList());
    }
  }

  /**
   * One payment. {@code feature} is the index of the performance feature that produced or changed
   * it, absent for a plain coupon and the principal.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BondPaymentItem(
      LocalDate date,
      PaymentKind kind,
      Party payer,
      Party payee,
      String amount,
      String currency,
      String rule,
      LocalDate recordDate,
      Integer feature) {

    static BondPaymentItem of(BondPayment payment) {
      return new BondPaymentItem(
          payment.date(),
          payment.kind(),
          payment.payer(),
          payment.payee(),
          payment.amount().minorUnitText(),
          payment.amount().currency().getCurrencyCode(),
          payment.rule(),
          payment.recordDate(),
          payment.feature().isPresent() ? payment.feature().getAsInt() : null);
    }
  }

  /** A payment still contingent on observations not given. */
  public record PendingItem(
      int feature,
      PaymentKind kind,
      LocalDate date,
      List<String> kpis,
      List<LocalDate> observationDates,
      String rule) {

    static PendingItem of(PendingPayment pending) {
      return new PendingItem(
          pending.feature(),
          pending.kind(),
          pending.date(),
          pending.kpis(),
          pending.observationDates(),
          pending.rule());
    }
  }

  /** What a feature decided, one line per decision, those that pay nothing included. */
  public record FeatureOutcomes(int feature, List<String> outcomes) {}
}
