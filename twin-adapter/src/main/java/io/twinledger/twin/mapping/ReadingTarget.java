package io.twinledger.twin.mapping;

import java.util.Objects;

/**
 * Where one reading goes.
 *
 * @param assetId the asset, as in the asset register
 * @param sensorId the source of the reading's time series, unique within the asset and KPI (see the
 *     package description for the convention per channel)
 * @param attribute the attribute, payload field or bulk value that was mapped
 * @param binding the KPI, its unit and its quality limits
 */
public record ReadingTarget(String assetId, String sensorId, String attribute, KpiBinding binding) {

  public ReadingTarget {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(binding, "binding");
  }

  /** The KPI id. */
  public String kpiId() {
    return binding.kpi();
  }
}
