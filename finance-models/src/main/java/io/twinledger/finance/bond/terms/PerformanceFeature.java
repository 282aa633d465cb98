package io.twinledger.finance.bond.terms;

import java.util.List;
import java.util.Optional;

/**
 * A performance feature of a bond: a payment, or a change to a payment, that depends on a measured
 * KPI. Any number per bond, each named in the terms document by its {@code type}.
 */
public sealed interface PerformanceFeature
    permits OutcomeTiers, CouponStepUp, AvailabilityPayment, PerUnitPayment {

  /** The {@code type} of the feature in the terms document, such as {@code outcome-tiers}. */
  String type();

  /**
   * The asset of the register whose KPI the feature reads; empty when the terms leave it to the
   * books (the books check asset and KPI against the register).
   */
  Optional<String> asset();

  /** The KPIs the feature reads, in the order of the terms. */
  List<String> kpis();
}
