package io.twinledger.service.valuation;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The valuation page's form: the fields of {@link ValuationRequest} as the browser sends them,
 * text. A blank field is an absent one; a number or date that does not read is refused naming the
 * field, as the API refuses a body it cannot read.
 */
public record ValuationForm(
    String assetId,
    String discountRate,
    String from,
    String to,
    String valuationDate,
    String annualDebtService,
    String outstandingDebt,
    String debtRate,
    String parameterShock) {

  /** The form's fields, by the names the API's problems give them. */
  public static final List<String> FIELDS =
      List.of(
          "assetId",
          "discountRate",
          "from",
          "to",
          "valuationDate",
          "annualDebtService",
          "outstandingDebt",
          "debtRate",
          "parameterShock");

  /** The empty form, with the usual discount rate suggested. */
  static ValuationForm blank() {
    return new ValuationForm("", "0.06", "", "", "", "", "", "", "");
  }

  /** Whether the form was sent, rather than opened. */
  boolean sent() {
    return assetId != null;
  }

  /** The request the API would get for the same input. */
  ValuationRequest request() {
    return new ValuationRequest(
        assetId.isBlank() ? null : assetId,
        decimal(discountRate, "discountRate"),
        text(from),
        text(to),
        date(valuationDate, "valuationDate"),
        decimal(annualDebtService, "annualDebtService"),
        decimal(outstandingDebt, "outstandingDebt"),
        decimal(debtRate, "debtRate"),
        decimal(parameterShock, "parameterShock"),
        List.of());
  }

  private static String text(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank()).orElse(null);
  }

  private static BigDecimal decimal(String value, String field) {
    String given = text(value);
    if (given == null) {
      return null;
    }
    try {
      return new BigDecimal(given.trim());
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(field, "'" + given + "' is not a number such as 0.06");
    }
  }

  private static LocalDate date(String value, String field) {
    String given = text(value);
    if (given == null) {
      return null;
    }
    try {
      return LocalDate.parse(given.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "'" + given + "' is not a date such as 2026-01-31");
    }
  }
}
