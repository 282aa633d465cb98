package io.twinledger.finance.bond.payment;

import java.util.List;

/**
 * What one performance feature decides from the observations given: the payments, what still waits
 * for observations, and an outcome line for every decision, those that pay nothing included ("no
 * payment: runoff-reduction 0.2 at 2021-04-01 is in no tier").
 *
 * @param feature the index of the feature in the terms
 * @param payments the payments decided, in date order
 * @param pending what still waits for observations
 * @param outcomes one line per decision made, in date order, in words a trustee reads
 */
public record Determination(
    int feature, List<BondPayment> payments, List<PendingPayment> pending, List<String> outcomes) {

  public Determination {
    payments = List.copyOf(payments);
    pending = List.copyOf(pending);
    outcomes = List.copyOf(outcomes);
    if (feature < 0) {
      throw new IllegalArgumentException("feature must be an index, was " + feature);
    }
  }
}
