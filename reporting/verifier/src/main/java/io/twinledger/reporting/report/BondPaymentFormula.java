package io.twinledger.reporting.report;

import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.Determination;
import io.twinledger.finance.bond.terms.BondTerms;
import java.time.LocalDate;
import java.util.List;

/**
 * {@value #NAME}: one payment a bond's performance feature decides, as finance-models' {@link
 * BondPayments#determine} decides it from the bond's terms and the observations.
 *
 * <p>Inputs: the bond's terms and the KPI periods observed, as {@link BondInputs} reads them.
 * Parameters: {@code feature} (the feature's index in the terms), {@code date} (the payment date),
 * {@code kind} ({@code OUTCOME}, {@code COUPON}, {@code AVAILABILITY}, {@code PER_UNIT}) and {@code
 * payer}. Without {@code feature}, the payment is one the schedule pays without a determination of
 * its own, a coupon or the principal ({@code kind} {@code COUPON} or {@code PRINCIPAL}), from
 * finance-models' {@link BondPayments#schedule} over the observations read: those the bond's
 * co-signed determinations fixed, which step a coupon up. The value is the amount in the currency's
 * minor unit ({@code 3300000.00}); a determination or schedule that decides no such payment fails
 * the figure.
 */
public record BondPaymentFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "bond-payment";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    BondInputs read = BondInputs.of(figure, data);
    BondTerms terms = read.terms();
    LocalDate date;
    try {
      date = LocalDate.parse(figure.parameters().get("date"));
    } catch (RuntimeException e) {
      throw new FigureException("parameter date is required: " + e.getMessage());
    }
    String kind = figure.parameters().getOrDefault("kind", "");
    List<BondPayment> payments;
    List<String> outcomes;
    String decider;
    try {
      if (figure.parameters().containsKey("feature")) {
        int feature = read.feature(figure);
        Determination decided = BondPayments.determine(terms, feature, read.observations());
        payments = decided.payments();
        outcomes = decided.outcomes();
        decider = "feature " + feature;
      } else {
        payments = BondPayments.schedule(terms, read.observations()).payments();
        outcomes = List.of();
        decider = "the terms' schedule";
      }
    } catch (FigureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FigureException("the terms decide nothing: " + e.getMessage());
    }
    for (BondPayment payment : payments) {
      if (payment.date().equals(date) && payment.kind().name().equals(kind)) {
        if (!payment.payer().name().equals(figure.parameters().get("payer"))) {
          throw new FigureException(
              "the terms make "
                  + payment.payer()
                  + " pay, not "
                  + figure.parameters().get("payer"));
        }
        if (!payment.amount().currency().getCurrencyCode().equals(figure.unit())) {
          throw new FigureException("the terms pay in " + payment.amount().currency());
        }
        return payment.amount().minorUnitText();
      }
    }
    throw new FigureException(
        decider
            + " decides no "
            + kind
            + " payment on "
            + date
            + (outcomes.isEmpty() ? "" : ": " + String.join("; ", outcomes)));
  }
}
