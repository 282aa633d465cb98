package io.twinledger.ledger.model.api;

import io.twinledger.finance.model.ModelDefinition;
import java.util.List;

/**
 * A cash-flow model was defined.
 *
 * @param definition the model as validated, with version 1
 * @param assetIds the assets it applies to
 */
public record ModelDefined(String modelId, ModelDefinition definition, List<String> assetIds) {

  public ModelDefined {
    assetIds = List.copyOf(assetIds);
  }
}
