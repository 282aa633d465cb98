package io.twinledger.service.risk;

import io.twinledger.finance.risk.model.RiskScenario;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The body of {@code POST /api/v1/risk/simulations} and its checked translation into a {@link
 * RiskScenario}. Every failure is an {@link InvalidFieldException} naming the field by its path in
 * the body, such as {@code thresholds[1].direction}.
 *
 * <p>Bounds keep one job within the machine: at most {@value #MAX_PATHS} paths, {@value #MAX_YEARS}
 * years and {@value #MAX_THRESHOLDS} thresholds.
 */
final class RiskRequests {

  static final int MAX_PATHS = 1_000_000;
  static final int MAX_YEARS = 100;
  static final int MAX_THRESHOLDS = 20;

  private static final BigDecimal MIN_RATE = new BigDecimal("-0.99");
  private static final BigDecimal MAX_RATE = BigDecimal.ONE;
  private static final BigDecimal MAX_DEBT_SERVICE = new BigDecimal("1e15");
  private static final BigDecimal MAX_COVENANT = BigDecimal.valueOf(100);
  private static final BigDecimal DEFAULT_COVENANT = BigDecimal.ONE;
  private static final double MAX_LEVEL = 1e15;

  private RiskRequests() {}

  /** A KPI level to watch: {@code direction} ABOVE or BELOW, {@code level} in the KPI's unit. */
  record ThresholdBody(String kpi, BigDecimal level, String direction) {}

  /**
   * The request. {@code seed} is optional (a random one is drawn and reported); {@code
   * annualDebtService} defaults to 0 (no DSCR), {@code dscrCovenant} to 1, {@code thresholds} to
   * none.
   */
  record SimulationBody(
      String assetId,
      Integer paths,
      Integer years,
      Long seed,
      BigDecimal discountRate,
      BigDecimal annualDebtService,
      BigDecimal dscrCovenant,
      List<ThresholdBody> thresholds) {}

  /** A checked request: the asset and the scenario, every default filled in. */
  record Checked(String assetId, RiskScenario scenario) {}

  static Checked check(SimulationBody body) {
    if (body == null) {
      throw new InvalidFieldException("body", "is missing");
    }
    if (body.assetId() == null || body.assetId().isBlank()) {
      throw new InvalidFieldException("assetId", "is required");
    }
    int paths = bounded(body.paths(), "paths", MAX_PATHS);
    int years = bounded(body.years(), "years", MAX_YEARS);
    long seed = body.seed() == null ? ThreadLocalRandom.current().nextLong() : body.seed();
    BigDecimal rate = required(body.discountRate(), "discountRate");
    if (rate.compareTo(MIN_RATE) < 0 || rate.compareTo(MAX_RATE) > 0) {
      throw new InvalidFieldException(
          "discountRate", "must be an annual fraction from -0.99 to 1 (0.06 for 6 %), was " + rate);
    }
    BigDecimal debtService =
        body.annualDebtService() == null ? BigDecimal.ZERO : body.annualDebtService();
    if (debtService.signum() < 0 || debtService.compareTo(MAX_DEBT_SERVICE) > 0) {
      throw new InvalidFieldException(
          "annualDebtService", "must be from 0 to 10^15 in the model's currency");
    }
    BigDecimal covenant = body.dscrCovenant() == null ? DEFAULT_COVENANT : body.dscrCovenant();
    if (covenant.signum() < 0 || covenant.compareTo(MAX_COVENANT) > 0) {
      throw new InvalidFieldException("dscrCovenant", "must be from 0 to 100, was " + covenant);
    }
    List<ThresholdBody> bodies = body.thresholds() == null ? List.of() : body.thresholds();
    if (bodies.size() > MAX_THRESHOLDS) {
      throw new InvalidFieldException(
          "thresholds", "at most " + MAX_THRESHOLDS + " thresholds, were " + bodies.size());
    }
    List<KpiThreshold> thresholds = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      thresholds.add(threshold(bodies.get(i), "thresholds[" + i + "]"));
    }
    return new Checked(
        body.assetId(),
        new RiskScenario(paths, years, seed, rate, debtService, covenant, thresholds));
  }

  private static KpiThreshold threshold(ThresholdBody body, String field) {
    if (body == null) {
      throw new InvalidFieldException(field, "must be an object");
    }
    if (body.kpi() == null || body.kpi().isBlank()) {
      throw new InvalidFieldException(field + ".kpi", "is required");
    }
    BigDecimal level = required(body.level(), field + ".level");
    if (level.abs().doubleValue() > MAX_LEVEL) {
      throw new InvalidFieldException(field + ".level", "must be within ±10^15");
    }
    KpiThreshold.Direction direction;
    try {
      direction = KpiThreshold.Direction.valueOf(required(body.direction(), field + ".direction"));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          field + ".direction", "must be ABOVE or BELOW, was '" + body.direction() + "'");
    }
    return new KpiThreshold(body.kpi(), direction, level.doubleValue());
  }

  private static int bounded(Integer value, String field, int max) {
    int checked = required(value, field);
    if (checked < 1 || checked > max) {
      throw new InvalidFieldException(
          field,
          "must be from 1 to " + String.format(Locale.ROOT, "%,d", max) + ", was " + checked);
    }
    return checked;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    return value;
  }
}
