package io.twinledger.ledger.model.api;

import io.twinledger.finance.model.ModelDefinition;
import java.util.List;

/**
 * A cash-flow model has a new version.
 *
 * @param definition the new version as validated
 * @param assetIds the assets it applies to from this version on
 * @param reason why it changed
 */
public record ModelRevised(
    String modelId, ModelDefinition definition, List<String> assetIds, String reason) {

  public ModelRevised {
    assetIds = List.copyOf(assetIds);
  }
}
