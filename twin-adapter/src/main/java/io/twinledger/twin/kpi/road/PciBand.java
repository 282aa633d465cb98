package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Pavement Condition Index (PCI) rating bands of ASTM D6433, for PCI on its 0–100 scale.
 *
 * <p>The standard tabulates whole numbers: Good 86–100, Satisfactory 71–85, Fair 56–70, Poor 41–55,
 * Very Poor 26–40, Serious 11–25, Failed 0–10. Each band here starts at its tabulated lower bound
 * and runs up to the next band's, so a non-integer PCI such as 85.5 falls in the lower band
 * (Satisfactory) rather than in a gap: a PCI is not rounded up into a better rating.
 */
public enum PciBand {
  GOOD(86),
  SATISFACTORY(71),
  FAIR(56),
  POOR(41),
  VERY_POOR(26),
  SERIOUS(11),
  FAILED(0);

  private final BigDecimal lowerBound;

  PciBand(int lowerBound) {
    this.lowerBound = BigDecimal.valueOf(lowerBound);
  }

  /**
   * The band of a PCI.
   *
   * @param pci the index, 0–100 inclusive
   * @throws IllegalArgumentException if the PCI is outside 0–100
   */
  public static PciBand from(BigDecimal pci) {
    BigDecimal value = Require.percent(pci, "pci");
    // Bands are declared best first, so the first whose lower bound the PCI reaches is its band;
    // FAILED starts at 0, so there always is one.
    return Arrays.stream(values())
        .filter(band -> value.compareTo(band.lowerBound) >= 0)
        .findFirst()
        .orElseThrow();
  }
}
