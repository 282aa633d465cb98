package io.twinledger.ledger.pnl.projection;

import io.twinledger.finance.model.ModelDefinition;
import java.util.List;

/** A model version as the P&amp;L projection keeps it. */
record StoredModel(ModelDefinition definition, List<String> assetIds, boolean active) {

  StoredModel {
    assetIds = List.copyOf(assetIds);
  }

  String modelId() {
    return definition.id();
  }

  int version() {
    return definition.version();
  }
}
