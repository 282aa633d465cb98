package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * Stormwater a site is built to manage: the runoff of a design storm on its impervious area, as in
 * DC Water's consent decree (1.2 inches = 30.48 mm on the impervious acres of a sewershed) or the
 * gallons-managed metric of Atlanta's 2019 EIB.
 *
 * @param imperviousAreaM2 impervious area draining to the site, m², greater than zero
 * @param designStormDepthMm rainfall depth of the design storm, mm, greater than zero
 */
public record DesignStormCapacity(BigDecimal imperviousAreaM2, BigDecimal designStormDepthMm) {

  public DesignStormCapacity {
    imperviousAreaM2 = Require.positive(imperviousAreaM2, "imperviousAreaM2");
    designStormDepthMm = Require.positive(designStormDepthMm, "designStormDepthMm");
  }

  /**
   * Volume managed, m³: area × depth / 1,000, exact. All rain on impervious area is taken to run
   * off, the usual design assumption.
   */
  public BigDecimal managedVolumeM3() {
    return Require.normalised(imperviousAreaM2.multiply(designStormDepthMm).movePointLeft(3));
  }
}
