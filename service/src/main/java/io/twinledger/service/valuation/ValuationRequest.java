package io.twinledger.service.valuation;

import io.twinledger.finance.valuation.Rate;
import io.twinledger.finance.valuation.Sensitivity.Scenario;
import io.twinledger.finance.valuation.ValuationTerms;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code POST /api/v1/valuations}: which asset's model to value over which months, and the
 * terms. Every failure is an {@link InvalidFieldException} naming the field.
 *
 * @param discountRate annual, as a fraction (0.06 for 6 %), above −1 and at most 10
 * @param from first month (YYYY-MM); the first month with KPI data when absent
 * @param to last month (YYYY-MM); the last month with KPI data when absent
 * @param valuationDate the date flows are discounted to; the first day of {@code from} when absent
 * @param annualDebtService debt service a year besides the model's FINANCING lines; 0 when absent
 * @param parameterShock fraction each parameter moves for the tornado, 0 to 1; 0.1 when absent
 */
public record ValuationRequest(
    String assetId,
    BigDecimal discountRate,
    String from,
    String to,
    LocalDate valuationDate,
    BigDecimal annualDebtService,
    BigDecimal outstandingDebt,
    BigDecimal debtRate,
    BigDecimal parameterShock,
    List<ScenarioBody> scenarios) {

  static final int MAX_SCENARIOS = 50;
  private static final BigDecimal MAX_RATE = BigDecimal.TEN;
  private static final BigDecimal DEFAULT_SHOCK = new BigDecimal("0.1");

  /** A named set of parameter overrides. */
  public record ScenarioBody(String name, Map<String, BigDecimal> parameters) {}

  String asset() {
    if (assetId == null || assetId.isBlank()) {
      throw new InvalidFieldException("assetId", "is required");
    }
    return assetId;
  }

  Optional<YearMonth> firstMonth() {
    return month(from, "from");
  }

  Optional<YearMonth> lastMonth() {
    return month(to, "to");
  }

  ValuationTerms terms(YearMonth first) {
    List<Scenario> checked = new ArrayList<>();
    List<ScenarioBody> given = scenarios == null ? List.of() : scenarios;
    if (given.size() > MAX_SCENARIOS) {
      throw new InvalidFieldException("scenarios", "at most " + MAX_SCENARIOS + " scenarios");
    }
    for (int i = 0; i < given.size(); i++) {
      ScenarioBody scenario = given.get(i);
      if (scenario == null || scenario.name() == null || scenario.name().isBlank()) {
        throw new InvalidFieldException("scenarios[" + i + "].name", "is required");
      }
      if (scenario.parameters() == null || scenario.parameters().isEmpty()) {
        throw new InvalidFieldException(
            "scenarios[" + i + "].parameters", "name at least one parameter and its value");
      }
      scenario
          .parameters()
          .forEach(
              (name, value) -> {
                if (value == null) {
                  throw new InvalidFieldException(
                      "scenarios[" + checked.size() + "].parameters." + name, "needs a number");
                }
              });
      checked.add(new Scenario(scenario.name(), scenario.parameters()));
    }
    return new ValuationTerms(
        rate(discountRate, "discountRate")
            .orElseThrow(() -> new InvalidFieldException("discountRate", "is required")),
        valuationDate == null ? first.atDay(1) : valuationDate,
        nonNegative(annualDebtService, "annualDebtService").orElse(BigDecimal.ZERO),
        nonNegative(outstandingDebt, "outstandingDebt"),
        rate(debtRate, "debtRate"),
        shock(),
        checked);
  }

  private BigDecimal shock() {
    if (parameterShock == null) {
      return DEFAULT_SHOCK;
    }
    if (parameterShock.signum() < 0 || parameterShock.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidFieldException("parameterShock", "must be between 0 and 1");
    }
    return parameterShock;
  }

  private static Optional<Rate> rate(BigDecimal value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.compareTo(BigDecimal.ONE.negate()) <= 0 || value.compareTo(MAX_RATE) > 0) {
      throw new InvalidFieldException(field, "must be above -1 and at most 10 (a fraction a year)");
    }
    return Optional.of(Rate.of(value));
  }

  private static Optional<BigDecimal> nonNegative(BigDecimal value, String field) {
    if (value != null && value.signum() < 0) {
      throw new InvalidFieldException(field, "must not be negative");
    }
    return Optional.ofNullable(value);
  }

  private static Optional<YearMonth> month(String value, String field) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(value.trim()));
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "'" + value + "' is not a month such as 2026-03");
    }
  }
}
