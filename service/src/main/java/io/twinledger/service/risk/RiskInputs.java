package io.twinledger.service.risk;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.ModelError;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.risk.model.ModelSimulation;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.projection.ModelView;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import io.twinledger.service.problem.NotFoundException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Gathers what a simulation of an asset needs from the ledger's read side, the asset's KPI catalog,
 * its active cash-flow model and its monthly KPI periods, and prepares the simulation (fits every
 * KPI). Fitting takes milliseconds, so it happens while the request waits and its failures are
 * answered at once.
 */
@Component
class RiskInputs {

  private final KpiCatalogs catalogs;
  private final Models models;
  private final PnlObservations observations;

  RiskInputs(KpiCatalogs catalogs, Models models, PnlObservations observations) {
    this.catalogs = catalogs;
    this.models = models;
    this.observations = observations;
  }

  /** A prepared simulation and the model version behind it. */
  record Prepared(ModelView model, ModelSimulation simulation) {}

  /**
   * @throws NotFoundException if the asset is unknown
   * @throws InvalidFieldException if a threshold names a KPI the asset does not have
   * @throws RiskInputsUnusable if the asset has no active model, or the model or its history cannot
   *     be simulated (too short a history, naming the KPI and its months)
   */
  Prepared prepare(RiskRequests.Checked request) {
    String assetId = request.assetId();
    KpiCatalog catalog =
        catalogs.of(assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
    List<KpiThreshold> thresholds = request.scenario().thresholds();
    for (int i = 0; i < thresholds.size(); i++) {
      if (!catalog.contains(thresholds.get(i).kpi())) {
        throw new InvalidFieldException(
            "thresholds[" + i + "].kpi",
            "asset "
                + assetId
                + " has no KPI '"
                + thresholds.get(i).kpi()
                + "'; its KPIs are "
                + catalog.unitCodes().keySet());
      }
    }
    ModelView model =
        models
            .activeFor(assetId)
            .orElseThrow(
                () ->
                    new RiskInputsUnusable(
                        "asset "
                            + assetId
                            + " has no active cash-flow model; define one that applies to it"));
    ValidatedModel validated;
    try {
      validated = ModelValidator.validated(model.definition(), catalog);
    } catch (InvalidModelException e) {
      throw new RiskInputsUnusable(
          "model "
              + model.modelId()
              + " version "
              + model.version()
              + " no longer fits the asset's KPIs: "
              + e.errors().stream().map(ModelError::toString).collect(Collectors.joining("; ")));
    }
    try {
      return new Prepared(
          model, ModelSimulation.prepare(validated, observations.of(assetId), request.scenario()));
    } catch (IllegalArgumentException e) {
      throw new RiskInputsUnusable(
          "asset " + assetId + ", model " + model.modelId() + ": " + e.getMessage());
    }
  }
}
