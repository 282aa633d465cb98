package io.twinledger.reporting.pnl;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.ParameterUse;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.pnl.StatementPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * One P&amp;L line over one statement period, followed back to its data: the formula and
 * parameters, the exact value of each month, every KPI period it read with the reading batches
 * behind it, and the line's revisions.
 *
 * @param amount the booked amount, absent when a month of the period has none
 * @param lines the other lines the formula reads
 */
public record LineDrillDown(
    String assetId,
    StatementPeriod period,
    String lineId,
    String label,
    LineKind kind,
    String modelId,
    int modelVersion,
    Currency currency,
    Optional<Money> amount,
    String formula,
    List<ParameterUse> parameters,
    List<String> lines,
    List<MonthValue> months,
    List<KpiPeriodUsed> kpiPeriods,
    List<LineRevision> revisions) {

  public LineDrillDown {
    parameters = List.copyOf(parameters);
    lines = List.copyOf(lines);
    months = List.copyOf(months);
    kpiPeriods = List.copyOf(kpiPeriods);
    revisions = List.copyOf(revisions);
  }

  /**
   * The line's exact, unrounded value in one month of the period.
   *
   * @param remarks why the value is missing, or what {@code coalesce} replaced
   * @param partial why the month is partial for the line, and whether it was prorated; empty when
   *     complete
   */
  public record MonthValue(
      YearMonth month, Optional<BigDecimal> exact, List<String> remarks, List<String> partial) {

    public MonthValue {
      remarks = List.copyOf(remarks);
      partial = List.copyOf(partial);
    }
  }

  /**
   * One monthly KPI period the line read, as the model used it, with what the asset register holds
   * of it.
   *
   * @param start the period's first instant, in the asset's time zone
   * @param end the instant after the period
   * @param coveragePercent and {@code readingCount}: absent when the register lacks the revision
   */
  public record KpiPeriodUsed(
      String kpiId,
      YearMonth month,
      int revision,
      Optional<BigDecimal> value,
      String unit,
      Instant start,
      Instant end,
      Optional<BigDecimal> coveragePercent,
      Optional<Integer> readingCount,
      List<EvidenceBatch> evidence) {

    public KpiPeriodUsed {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * One reading batch behind a KPI period.
   *
   * @param batchId the reading store's batch, absent when it holds none with this digest
   */
  public record EvidenceBatch(String digest, Optional<Long> batchId) {}

  /** A change to the line in one month: the amounts before and after, and why. */
  public record LineRevision(
      YearMonth month,
      int revision,
      String cause,
      boolean existedBefore,
      Optional<BigDecimal> before,
      Optional<BigDecimal> after,
      Instant recordedAt) {}
}
