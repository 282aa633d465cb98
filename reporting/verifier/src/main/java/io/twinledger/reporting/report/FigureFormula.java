package io.twinledger.reporting.report;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How a figure is computed from its inputs: the one code path the service runs to write a figure
 * and the verifier runs to check it. Each formula calls the owning module's rule rather than a copy
 * of it: twin-adapter's period closing and KPI formulas, finance-models' bond payments and
 * cash-flow models, contracts-market's clearing, settlement and community figures.
 */
public sealed interface FigureFormula
    permits KpiPeriodFormula,
        BondPaymentFormula,
        SumFormula,
        HolderPayoutFormula,
        PnlLineFormula,
        CommunityMonthFormula,
        BondRuleFormula,
        KpiMethodFormula {

  /** The name figures give in their {@code formula} field. */
  String name();

  /**
   * The figure's value computed from {@code data}; the figure's own {@code value} is not read.
   *
   * @throws FigureException saying why the figure cannot be computed, or why its inputs disagree
   *     with what they were recorded as
   */
  String compute(Figure figure, FigureData data) throws FigureException;

  /** The formula named {@code name}, if there is one. */
  static Optional<FigureFormula> named(String name) {
    return switch (name) {
      case KpiPeriodFormula.NAME -> Optional.of(new KpiPeriodFormula());
      case BondPaymentFormula.NAME -> Optional.of(new BondPaymentFormula());
      case SumFormula.NAME -> Optional.of(new SumFormula());
      case HolderPayoutFormula.NAME -> Optional.of(new HolderPayoutFormula());
      case PnlLineFormula.NAME -> Optional.of(new PnlLineFormula());
      case CommunityMonthFormula.NAME -> Optional.of(new CommunityMonthFormula());
      case BondRuleFormula.NAME -> Optional.of(new BondRuleFormula());
      case KpiMethodFormula.NAME -> Optional.of(new KpiMethodFormula());
      default -> Optional.empty();
    };
  }

  /**
   * A decimal as figures write it: plain, without exponent or trailing zeros ({@code 12.5}, {@code
   * 0}).
   */
  static String text(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
