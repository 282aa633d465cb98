package io.twinledger.finance.pnl;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.PeriodValues;
import io.twinledger.finance.model.Provenance;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds P&amp;L statements from a {@link ModelRun}.
 *
 * <p>Rounding: each month's exact line value is rounded to the currency's minor unit (2 decimals
 * for EUR) with {@link RoundingMode#HALF_EVEN}. A quarter or year line is the sum of its rounded
 * monthly amounts, so that quarters and years reconcile exactly with the months. Totals are sums of
 * the rounded line amounts with signs by {@link LineKind}.
 *
 * <p>Missing values: a month whose line has no value (an input missing) adds nothing to the line or
 * the totals and is listed as a {@link MissingValue} with the model's reasons, on the line and in
 * the totals. Nothing is taken as zero silently, and no total disappears because one month of one
 * line is missing.
 *
 * <p>Partial months: a month whose line value was computed from a KPI period covering less than the
 * model's complete coverage adds its amount and is listed as a {@link PartialValue} with the
 * reasons (which periods, whether baselines were prorated), on the line and in the totals.
 *
 * <p>Memo lines are not booked and do not appear; their KPIs and parameters appear in the
 * provenance of the lines that use them.
 */
public final class Statements {

  private Statements() {}

  /** One statement per month of the run. */
  public static List<Statement> monthly(ModelRun run) {
    return statements(run, PeriodKind.MONTH);
  }

  /** One statement per calendar quarter the run touches; partial quarters are not complete. */
  public static List<Statement> quarterly(ModelRun run) {
    return statements(run, PeriodKind.QUARTER);
  }

  /** One statement per calendar year the run touches; a partial year is year to date. */
  public static List<Statement> yearly(ModelRun run) {
    return statements(run, PeriodKind.YEAR);
  }

  private static List<Statement> statements(ModelRun run, PeriodKind kind) {
    Map<StatementPeriod, List<PeriodValues>> byPeriod = new LinkedHashMap<>();
    for (PeriodValues month : run.periods()) {
      byPeriod
          .computeIfAbsent(StatementPeriod.containing(kind, month.period()), p -> new ArrayList<>())
          .add(month);
    }
    List<Statement> statements = new ArrayList<>();
    byPeriod.forEach((period, months) -> statements.add(statement(run, period, months)));
    return statements;
  }

  private static Statement statement(
      ModelRun run, StatementPeriod period, List<PeriodValues> months) {
    Currency currency = run.currency();
    List<StatementLine> lines = new ArrayList<>();
    for (LineValue first : months.get(0).lines()) {
      if (!first.kind().booked()) {
        continue;
      }
      lines.add(line(run.assetId(), first, months, currency));
    }
    return new Statement(
        run.assetId(),
        run.modelId(),
        run.modelVersion(),
        period,
        months.stream().map(PeriodValues::period).toList(),
        currency,
        lines,
        totals(lines, currency));
  }

  private static StatementLine line(
      String assetId, LineValue first, List<PeriodValues> months, Currency currency) {
    BigDecimal sum = BigDecimal.ZERO;
    boolean anyValue = false;
    Provenance provenance = first.provenance();
    List<MissingValue> missing = new ArrayList<>();
    List<PartialValue> partial = new ArrayList<>();
    for (PeriodValues month : months) {
      LineValue value = month.line(first.lineId()).orElseThrow();
      provenance = provenance.merge(value.provenance());
      if (value.value().isPresent()) {
        sum = sum.add(rounded(value.value().get(), currency));
        anyValue = true;
        if (!value.partial().isEmpty()) {
          partial.add(new PartialValue(assetId, first.lineId(), month.period(), value.partial()));
        }
      } else {
        missing.add(new MissingValue(assetId, first.lineId(), month.period(), value.remarks()));
      }
    }
    Optional<Money> amount = anyValue ? Optional.of(new Money(sum, currency)) : Optional.empty();
    return new StatementLine(
        first.lineId(), first.label(), first.kind(), amount, provenance, missing, partial);
  }

  /**
   * A month's exact line value as a statement books it: rounded to the currency's minor unit with
   * {@link RoundingMode#HALF_EVEN}.
   */
  public static BigDecimal rounded(BigDecimal exact, Currency currency) {
    return exact.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
  }

  /** Totals over lines of statements in one currency: what exists, and what is left out. */
  static Totals totals(Collection<StatementLine> lines, Currency currency) {
    BigDecimal income = BigDecimal.ZERO;
    BigDecimal costs = BigDecimal.ZERO;
    List<MissingValue> missing = new ArrayList<>();
    List<PartialValue> partial = new ArrayList<>();
    for (StatementLine line : lines) {
      missing.addAll(line.missing());
      partial.addAll(line.partial());
      if (line.amount().isEmpty()) {
        continue;
      }
      BigDecimal amount = line.amount().get().amount();
      if (line.kind() == LineKind.DEDUCTION) {
        income = income.subtract(amount);
      } else if (line.kind().income()) {
        income = income.add(amount);
      } else if (line.kind().cost()) {
        costs = costs.add(amount);
      }
    }
    return new Totals(
        new Money(income, currency),
        new Money(costs, currency),
        new Money(income.subtract(costs), currency),
        missing,
        partial);
  }
}
