package io.twinledger.finance.risk.sample;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.risk.simulation.PathCashFlows;
import java.util.Currency;
import java.util.List;

/**
 * A sample asset: a non-revenue water (NRW) reduction programme, paid from the water it recovers.
 *
 * <p>Each year the programme recovers {@code (baseline NRW share − NRW share) × system input} cubic
 * metres (negative when losses grow past the baseline). The apparent-loss part of it (meter error,
 * theft) is now billed at the tariff; the real-loss part (leaks) no longer has to be produced,
 * saving its production cost:
 *
 * <pre>
 * CFADS_t = recovered_t · (apparentShare · tariff + (1 − apparentShare) · productionCost)
 *           − contractorPayment
 * </pre>
 *
 * The debt service is a fixed annual amount. Money parameters are exact, and converted to double
 * once here because the simulation estimates a distribution in double.
 *
 * <p>KPIs, in this order: {@value #NRW_SHARE_KPI} (fraction of system input, 0.22 for 22 %) and
 * {@value #SYSTEM_INPUT_KPI} (cubic metres per year).
 */
public final class WaterNrwAsset implements PathCashFlows {

  public static final String NRW_SHARE_KPI = "nrw_share";
  public static final String SYSTEM_INPUT_KPI = "system_input_m3";

  /** The KPI names in the order {@link #evaluate} reads them. */
  public static final List<String> KPIS = List.of(NRW_SHARE_KPI, SYSTEM_INPUT_KPI);

  private final Currency currency;
  private final double valuePerRecoveredCubicMetre;
  private final double contractorPayment;
  private final double debtService;
  private final double baselineNrwShare;

  /**
   * @param tariffPerCubicMetre the price billed per cubic metre
   * @param productionCostPerCubicMetre the cost of producing a cubic metre (energy, chemicals)
   * @param contractorPaymentPerYear the contractor's fixed annual payment
   * @param debtServicePerYear the annual debt service
   * @param baselineNrwShare the NRW share before the programme, between 0 and 1
   * @param apparentLossShare the part of recovered water that is apparent (billable) losses,
   *     between 0 and 1
   */
  public WaterNrwAsset(
      Money tariffPerCubicMetre,
      Money productionCostPerCubicMetre,
      Money contractorPaymentPerYear,
      Money debtServicePerYear,
      double baselineNrwShare,
      double apparentLossShare) {
    this.currency = tariffPerCubicMetre.currency();
    for (Money money :
        List.of(productionCostPerCubicMetre, contractorPaymentPerYear, debtServicePerYear)) {
      if (!money.currency().equals(currency)) {
        throw new IllegalArgumentException(
            money + " is not in the tariff's currency " + currency.getCurrencyCode());
      }
    }
    requireShare("baseline NRW share", baselineNrwShare);
    requireShare("apparent loss share", apparentLossShare);
    this.valuePerRecoveredCubicMetre =
        apparentLossShare * tariffPerCubicMetre.amount().doubleValue()
            + (1 - apparentLossShare) * productionCostPerCubicMetre.amount().doubleValue();
    this.contractorPayment = contractorPaymentPerYear.amount().doubleValue();
    this.debtService = debtServicePerYear.amount().doubleValue();
    this.baselineNrwShare = baselineNrwShare;
  }

  public Currency currency() {
    return currency;
  }

  @Override
  public void evaluate(double[][] kpiPath, double[] cashFlowsOut, double[] debtServiceOut) {
    double[] nrwShare = kpiPath[0];
    double[] systemInput = kpiPath[1];
    for (int t = 0; t < cashFlowsOut.length; t++) {
      double recovered = (baselineNrwShare - nrwShare[t]) * systemInput[t];
      cashFlowsOut[t] = recovered * valuePerRecoveredCubicMetre - contractorPayment;
      debtServiceOut[t] = debtService;
    }
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + share);
    }
  }
}
