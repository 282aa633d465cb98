package io.twinledger.ledger.asset.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The physical and commercial parameters an asset's KPIs need, one record per {@link AssetClass}.
 *
 * <p>All quantities are in SI-derived units named in the field: kilometres, metres of head, square
 * metres, millimetres. Values are validated on construction and failures name the field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "assetClass")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WaterDistrictParameters.class, name = "WATER_DISTRICT"),
  @JsonSubTypes.Type(value = StormwaterSiteParameters.class, name = "STORMWATER_SITE"),
  @JsonSubTypes.Type(value = RoadSegmentParameters.class, name = "ROAD_SEGMENT")
})
public sealed interface AssetParameters
    permits WaterDistrictParameters, StormwaterSiteParameters, RoadSegmentParameters {

  /** The asset class these parameters belong to. */
  AssetClass assetClass();
}
