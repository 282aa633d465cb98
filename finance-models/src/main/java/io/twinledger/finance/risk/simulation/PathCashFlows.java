package io.twinledger.finance.risk.simulation;

/**
 * Turns one simulated path of KPI values into cash flows: the pluggable asset model of a
 * simulation.
 *
 * <p>Implementations are called for every path from several threads at once, so they must keep no
 * mutable state between calls; they should not allocate either, since they sit in the inner loop.
 * Values are doubles: a simulation estimates a distribution, it does not book money.
 */
@FunctionalInterface
public interface PathCashFlows {

  /**
   * Computes one path's cash flows.
   *
   * @param kpiPath the path, {@code kpiPath[k][t]} the value of KPI {@code k} (in the order of
   *     {@link SimulationSpec#kpis()}) in period {@code t}, period 0 the first simulated year
   * @param cashFlowsOut to fill: cash flow available for debt service (CFADS) in each period,
   *     inflows positive, in the simulation's currency; received at the end of the period
   * @param debtServiceOut to fill: the debt service due in each period, positive; zero where none
   *     is due (the engine zeroes both arrays before each call)
   */
  void evaluate(double[][] kpiPath, double[] cashFlowsOut, double[] debtServiceOut);
}
