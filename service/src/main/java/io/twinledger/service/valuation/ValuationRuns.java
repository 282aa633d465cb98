package io.twinledger.service.valuation;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.valuation.ModelValuation;
import io.twinledger.finance.valuation.ValuationReport;
import io.twinledger.finance.valuation.ValuationTerms;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.projection.ModelView;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import io.twinledger.service.problem.NotFoundException;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/**
 * Values an asset's active model on the KPI periods the P&amp;L projection holds, so that a
 * valuation reads exactly the inputs behind the asset's statements.
 */
public class ValuationRuns {

  private final Models models;
  private final KpiCatalogs catalogs;
  private final PnlObservations observations;

  public ValuationRuns(Models models, KpiCatalogs catalogs, PnlObservations observations) {
    this.models = models;
    this.catalogs = catalogs;
    this.observations = observations;
  }

  /** The result with the model it used. */
  record Run(
      String assetId,
      ModelView model,
      YearMonth from,
      YearMonth to,
      ValuationTerms terms,
      ValuationReport report) {}

  /**
   * @throws NotFoundException if the asset is unknown
   * @throws NoValuation if it has no active model or no KPI data in the months
   */
  Run value(ValuationRequest request) {
    String assetId = request.asset();
    var catalog =
        catalogs.of(assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
    ModelView model =
        models
            .activeFor(assetId)
            .orElseThrow(
                () ->
                    new NoValuation(
                        "asset " + assetId + " has no active model: define one for it first"));
    List<KpiObservation> history = observations.of(assetId);
    YearMonth from =
        request
            .firstMonth()
            .or(() -> history.stream().map(KpiObservation::period).min(Comparator.naturalOrder()))
            .orElseThrow(() -> new NoValuation("asset " + assetId + " has no monthly KPI data"));
    YearMonth to =
        request
            .lastMonth()
            .or(() -> history.stream().map(KpiObservation::period).max(Comparator.naturalOrder()))
            .orElseThrow();
    if (to.isBefore(from)) {
      throw new InvalidFieldException("to", "is before from");
    }
    ValuationTerms terms = request.terms(from);
    try {
      return new Run(
          assetId,
          model,
          from,
          to,
          terms,
          ModelValuation.of(model.definition(), catalog, assetId, history, from, to, terms));
    } catch (IllegalArgumentException | InvalidModelException e) {
      throw new NoValuation(e.getMessage());
    }
  }

  /** The request was well formed but there is nothing to value. */
  static final class NoValuation extends RuntimeException {
    NoValuation(String message) {
      super(message);
    }
  }
}
