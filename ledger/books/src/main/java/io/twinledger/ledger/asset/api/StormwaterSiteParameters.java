package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;

/**
 * Parameters of a stormwater green-infrastructure site.
 *
 * @param imperviousAreaM2 impervious area whose runoff the site manages, in square metres, greater
 *     than zero
 * @param designStormDepthMm rainfall depth of the design storm in millimetres, greater than zero
 *     (DC Water's consent decree: 1.2 inches = 30.48 mm)
 * @param baselineRunoffMethod how the baseline runoff is obtained
 */
public record StormwaterSiteParameters(
    BigDecimal imperviousAreaM2,
    BigDecimal designStormDepthMm,
    BaselineRunoffMethod baselineRunoffMethod)
    implements AssetParameters {

  public StormwaterSiteParameters {
    imperviousAreaM2 = Require.positive(imperviousAreaM2, "imperviousAreaM2");
    designStormDepthMm = Require.positive(designStormDepthMm, "designStormDepthMm");
    Require.present(baselineRunoffMethod, "baselineRunoffMethod");
  }

  @Override
  public AssetClass assetClass() {
    return AssetClass.STORMWATER_SITE;
  }
}
