package io.twinledger.reporting.report;

import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.reporting.evidence.StrictJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a formula on a bond's rules reads: exactly one {@link InputKind#BOND_TERMS} input, whose
 * event's {@code terms} must hash to its {@code termsHash}, and the {@link KpiPeriodFormula}
 * figures observed, each an observation of its {@code kpiId} at its {@code observationDate}, with
 * the unit its period was closed in.
 *
 * @param terms the bond's terms
 * @param observations the observations, in the order the figure reads them
 * @param units the unit of each observation, in the same order
 */
record BondInputs(BondTerms terms, List<Observation> observations, List<String> units) {

  BondInputs {
    observations = List.copyOf(observations);
    units = List.copyOf(units);
  }

  /** The terms and observations {@code figure} reads. */
  static BondInputs of(Figure figure, FigureData data) throws FigureException {
    BondTerms terms = null;
    List<Observation> observations = new ArrayList<>();
    List<String> units = new ArrayList<>();
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
        units.add(observed.unit());
      }
    }
    if (terms == null) {
      throw new FigureException("reads no bond terms");
    }
    return new BondInputs(terms, observations, units);
  }

  /** The index of the feature the figure's {@code feature} parameter names. */
  int feature(Figure figure) throws FigureException {
    try {
      int feature = Integer.parseInt(figure.parameters().get("feature"));
      if (feature < 0 || feature >= terms.features().size()) {
        throw new FigureException(
            "the terms have no feature " + feature + "; they have " + terms.features().size());
      }
      return feature;
    } catch (NumberFormatException e) {
      throw new FigureException("parameter feature is required: " + e.getMessage());
    }
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
