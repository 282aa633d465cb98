package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;

/**
 * Parameters of a road segment.
 *
 * @param lengthKm segment length in kilometres, greater than zero
 * @param lanes number of traffic lanes, at least one
 * @param pavementType surface type
 * @param conditionThresholds roughness and rutting limits used to rate condition
 */
public record RoadSegmentParameters(
    BigDecimal lengthKm,
    Integer lanes,
    PavementType pavementType,
    RoadConditionThresholds conditionThresholds)
    implements AssetParameters {

  public RoadSegmentParameters {
    lengthKm = Require.positive(lengthKm, "lengthKm");
    Require.atLeast(lanes, 1, "lanes");
    Require.present(pavementType, "pavementType");
    Require.present(conditionThresholds, "conditionThresholds");
  }

  @Override
  public AssetClass assetClass() {
    return AssetClass.ROAD_SEGMENT;
  }
}
