package io.twinledger.finance.model;

import io.twinledger.finance.model.unit.Unit;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The KPIs a model may use and the unit each is reported in (UN/CEFACT common codes such as {@code
 * MTQ} or {@code P1}). Validation rejects a formula that names a KPI outside the catalog.
 *
 * @param unitCodes unit code by KPI id
 */
public record KpiCatalog(Map<String, String> unitCodes) {

  /**
   * @throws IllegalArgumentException if a unit code is not understood, naming the KPI
   */
  public KpiCatalog {
    unitCodes = Collections.unmodifiableMap(new TreeMap<>(unitCodes));
    unitCodes.forEach(
        (kpi, code) -> {
          try {
            Unit.parse(code);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KPI '" + kpi + "': " + e.getMessage(), e);
          }
        });
  }

  /** A catalog of the given KPI id and unit code pairs. */
  public static KpiCatalog of(String... idsAndUnitCodes) {
    if (idsAndUnitCodes.length % 2 != 0) {
      throw new IllegalArgumentException("expected pairs of KPI id and unit code");
    }
    Map<String, String> units = new TreeMap<>();
    for (int i = 0; i < idsAndUnitCodes.length; i += 2) {
      units.put(idsAndUnitCodes[i], idsAndUnitCodes[i + 1]);
    }
    return new KpiCatalog(units);
  }

  /** The unit of a KPI, if the catalog has it. */
  public Optional<Unit> unit(String kpiId) {
    return Optional.ofNullable(unitCodes.get(kpiId)).map(Unit::parse);
  }

  /** Whether the catalog has the KPI. */
  public boolean contains(String kpiId) {
    return unitCodes.containsKey(kpiId);
  }
}
