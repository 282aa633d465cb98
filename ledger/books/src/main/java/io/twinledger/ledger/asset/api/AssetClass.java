package io.twinledger.ledger.asset.api;

/** The kinds of infrastructure TwinLedger finances; each has its own parameter set. */
public enum AssetClass {
  /** A water distribution district metered area (DMA). */
  WATER_DISTRICT(WaterDistrictParameters.class),
  /** A stormwater green-infrastructure site. */
  STORMWATER_SITE(StormwaterSiteParameters.class),
  /** A road segment. */
  ROAD_SEGMENT(RoadSegmentParameters.class);

  private final Class<? extends AssetParameters> parametersType;

  AssetClass(Class<? extends AssetParameters> parametersType) {
    this.parametersType = parametersType;
  }

  /** The parameter type that assets of this class carry. */
  public Class<? extends AssetParameters> parametersType() {
    return parametersType;
  }
}
