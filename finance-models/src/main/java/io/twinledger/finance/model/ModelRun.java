package io.twinledger.finance.model;

import java.util.Currency;
import java.util.List;

/**
 * The result of evaluating one model for one asset over consecutive months.
 *
 * @param assetId the asset
 * @param modelId the model's id
 * @param modelVersion the model's version
 * @param currency the model currency
 * @param periods one entry per month, in order
 */
public record ModelRun(
    String assetId,
    String modelId,
    int modelVersion,
    Currency currency,
    List<PeriodValues> periods) {

  public ModelRun {
    periods = List.copyOf(periods);
  }
}
