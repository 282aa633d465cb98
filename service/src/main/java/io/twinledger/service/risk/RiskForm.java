package io.twinledger.service.risk;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The risk page's form: the fields of a simulation request as the browser sends them, text. A blank
 * field is an absent one; a number that does not read is refused naming the field, as the API
 * refuses a body it cannot read. Thresholds are left to the API.
 */
public record RiskForm(
    String assetId,
    String paths,
    String years,
    String seed,
    String discountRate,
    String annualDebtService,
    String dscrCovenant) {

  /** The form's fields, by the names the API's problems give them. */
  public static final List<String> FIELDS =
      List.of(
          "assetId", "paths", "years", "seed", "discountRate", "annualDebtService", "dscrCovenant");

  /** The empty form, with a run that takes seconds suggested. */
  static RiskForm blank() {
    return new RiskForm("", "10000", "20", "", "0.06", "", "");
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
        List.of());
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
