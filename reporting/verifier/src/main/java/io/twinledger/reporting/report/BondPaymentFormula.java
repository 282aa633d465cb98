package io.twinledger.reporting.report;

import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.Determination;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.reporting.evidence.StrictJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value #NAME}: one payment a bond's performance feature decides, as finance-models' {@link
 * BondPayments#determine} decides it from the bond's terms and the observations.
 *
 * <p>Inputs: exactly one {@link InputKind#BOND_TERMS} input, whose event's {@code terms} must hash
 * to its {@code termsHash}; then the {@link KpiPeriodFormula} figures observed, each an observation
 * of its {@code kpiId} at its {@code observationDate}. Parameters: {@code feature} (the feature's
 * index in the terms), {@code date} (the payment date), {@code kind} ({@code OUTCOME}, {@code
 * COUPON}, {@code AVAILABILITY}, {@code PER_UNIT}) and {@code payer}. The value is the amount in
 * the currency's minor unit ({@code 3300000.00}); a determination that decides no such payment
 * fails the figure.
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
    BondTerms terms = null;
    List<Observation> observations = new ArrayList<>();
    for (String id : figure.inputs()) {
      if (data.isInput(id)) {
        if (data.kind(id) != InputKind.BOND_TERMS || terms != null) {
          throw new FigureException("reads " + id + "; it takes one bond-terms input");
        }
        terms = terms(id, data);
      } else {
        Figure observed = data.figure(id);
        if (!observed.formula().equals(KpiPeriodFormula.NAME)) {
          throw new FigureException("reads " + id + ", which is not a KPI period");
        }
        try {
          observations.add(
              new Observation(
                  observed.parameters().get("kpiId"),
                  LocalDate.parse(observed.parameters().get("observationDate")),
                  new BigDecimal(observed.value())));
        } catch (RuntimeException e) {
          throw new FigureException(id + " is not an observation: " + e.getMessage());
        }
      }
    }
    if (terms == null) {
      throw new FigureException("reads no bond terms");
    }
    int feature;
    LocalDate date;
    try {
      feature = Integer.parseInt(figure.parameters().get("feature"));
      date = LocalDate.parse(figure.parameters().get("date"));
    } catch (RuntimeException e) {
      throw new FigureException("parameters feature and date are required: " + e.getMessage());
    }
    String kind = figure.parameters().getOrDefault("kind", "");
    Determination decided;
    try {
      decided = BondPayments.determine(terms, feature, observations);
    } catch (RuntimeException e) {
      throw new FigureException("the terms decide nothing: " + e.getMessage());
    }
    for (BondPayment payment : decided.payments()) {
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
        "feature "
            + feature
            + " decides no "
            + kind
            + " payment on "
            + date
            + (decided.outcomes().isEmpty() ? "" : ": " + String.join("; ", decided.outcomes())));
  }

  private static BondTerms terms(String id, FigureData data) throws FigureException {
    StrictJson.Node payload = data.payload(id);
    String document = payload.stringOr("terms", "");
    BondTerms terms;
    try {
      terms = BondTermsDocuments.parseJson(document);
    } catch (RuntimeException e) {
      throw new FigureException(id + " holds no readable terms: " + e.getMessage());
    }
    String hash = BondTermsDocuments.termsHash(terms);
    if (!hash.equals(payload.stringOr("termsHash", ""))) {
      throw new FigureException(
          id
              + "'s terms hash to "
              + hash
              + ", the event recorded "
              + payload.stringOr("termsHash", ""));
    }
    return terms;
  }
}
