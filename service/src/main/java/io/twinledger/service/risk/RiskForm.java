package io.twinledger.service.risk;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The risk page's form: the fields of a simulation request as the browser sends them, text. A blank
 * field is an absent one; a number that does not read is refused naming the field, as the API
 * refuses a body it cannot read. The form has one KPI threshold, named as the API names the first
 * ({@code thresholds[0].kpi}); it is left out when all its fields are blank.
 */
public record RiskForm(
    String assetId,
    String paths,
    String years,
    String seed,
    String discountRate,
    String annualDebtService,
    String dscrCovenant,
    List<ThresholdForm> thresholds) {

  /** A KPI level to watch, as the browser sends it. */
  public record ThresholdForm(String kpi, String level, String direction) {

    private boolean blank() {
      return text(kpi).isEmpty() && text(level).isEmpty();
    }
  }

  public RiskForm {
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
  }

  /** The form's fields, by the names the API's problems give them. */
  public static final List<String> FIELDS =
      List.of(
          "assetId", "paths", "years", "seed", "discountRate", "annualDebtService", "dscrCovenant");

  /** The empty form, with a run that takes seconds suggested. */
  static RiskForm blank() {
    return new RiskForm("", "10000", "20", "", "0.06", "", "", List.of());
  }

  /** The form's threshold, blank when none was sent. */
  public ThresholdForm threshold() {
    return thresholds.isEmpty() ? new ThresholdForm("", "", "ABOVE") : thresholds.getFirst();
  }

  /** The request the API would get for the same input. */
  RiskRequests.SimulationBody body() {
    return new RiskRequests.SimulationBody(
        text(assetId).orElse(null),
        number(paths, "paths", Integer::valueOf),
        number(years, "years", Integer::valueOf),
        number(seed, "seed", Long::valueOf),
        number(discountRate, "discountRate", BigDecimal::new),
        number(annualDebtService, "annualDebtService", BigDecimal::new),
        number(dscrCovenant, "dscrCovenant", BigDecimal::new),
        thresholdBodies());
  }

  private List<RiskRequests.ThresholdBody> thresholdBodies() {
    List<ThresholdForm> given = thresholds.stream().filter(t -> !t.blank()).toList();
    return IntStream.range(0, given.size())
        .mapToObj(
            i ->
                new RiskRequests.ThresholdBody(
                    text(given.get(i).kpi()).orElse(null),
                    number(given.get(i).level(), "thresholds[" + i + "].level", BigDecimal::new),
                    text(given.get(i).direction()).orElse(null)))
        .toList();
  }

  private static Optional<String> text(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static <T> T number(String value, String field, Function<String, T> read) {
    return text(value)
        .map(
            given -> {
              try {
                return read.apply(given);
              } catch (NumberFormatException e) {
                throw new InvalidFieldException(field, "'" + given + "' is not a number");
              }
            })
        .orElse(null);
  }
}
