package io.twinledger.finance.bond.payment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.payment.PaymentSchedule;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.schedule.BusinessDayConvention;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.schedule.HolidayCalendar;
import io.twinledger.finance.schedule.Schedule;
import io.twinledger.finance.schedule.StubConvention;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times {@link BondPayments#schedule} for a 30-year semi-annual bond with all four performance
 * features, monthly availability and per-unit payments over the 30 years (every month observed,
 * seeded random counts), beside the baseline of the plain {@link Schedule#of} of the same coupon
 * dates and of the 360 month ends, rolled, in the same run. Runs only with {@code -Pbench}: {@code
 * ./mvnw -Pbench -pl finance-models verify -Dtest=BondPaymentsBenchmark}; writes {@code
 * target/benchmarks/bond-payments.md}.
 */
@Tag("benchmark")
class BondPaymentsBenchmark {

  private static final int WARM_UP = 20;
  private static final int MEASURED = 50;
  private static final String TERMS =
      """
      {"id": "bench-30y", "currency": "USD", "face": "250000000", "issueDate": "2026-01-15",
       "maturity": "2056-01-15",
       "coupon": {"rate": "0.0425", "frequency": 2, "dayCount": "30/360 US"},
       "features": [
        {"type": "outcome-tiers", "kpi": "runoff-reduction", "observationDate": "2031-04-01",
         "paymentDate": "2031-04-15",
         "tiers": [{"lower": "0.413", "lowerInclusive": false, "amount": "3300000", "payer": "ISSUER"},
                   {"upper": "0.186", "upperInclusive": false, "amount": "3300000", "payer": "INVESTORS"}]},
        {"type": "coupon-step-up", "kpi": "renewable-share", "target": "0.55", "better": "HIGHER",
         "observationDate": "2030-12-31", "confirmationDate": "2031-04-15", "stepBp": 25},
        {"type": "availability-payment", "yearlyMaximum": "36500000", "contractYearStart": "2026-01-01",
         "firstMonth": "2026-01", "lastMonth": "2055-12", "lagMonths": 1, "capMultiple": "1.0",
         "deductions": [{"kpi": "km-out-of-standard", "percentPerUnit": "0.10"},
                        {"kpi": "pothole-days", "amountPerUnit": "500"}]},
        {"type": "per-unit-payment", "kpi": "nrw-volume", "baseline": "42000", "better": "LOWER",
         "amountPerUnit": "0.45", "firstMonth": "2026-01", "lastMonth": "2055-12"}]}""";

  @Test
  void thirtyYearBondWithAllFourFeatures() throws IOException {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    BondTerms terms = BondTermsDocuments.parseJson(TERMS);
    List<Observation> observations = observations();
    long[] generation = new long[MEASURED];
    long[] baseline = new long[MEASURED];
    int payments = 0;
    for (int run = 0; run < WARM_UP + MEASURED; run++) {
      long start = System.nanoTime();
      int dates = plainSchedules();
      long plain = System.nanoTime() - start;
      start = System.nanoTime();
      PaymentSchedule schedule = BondPayments.schedule(terms, observations);
      long generated = System.nanoTime() - start;
      assertThat(dates).isEqualTo(60 + 360);
      assertThat(schedule.pending()).isEmpty();
      payments = schedule.payments().size();
      if (run >= WARM_UP) {
        baseline[run - WARM_UP] = plain;
        generation[run - WARM_UP] = generated;
      }
    }
    Arrays.sort(generation);
    Arrays.sort(baseline);
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        String.format(
            Locale.ROOT,
            "Bond payment schedule, 30 years semi-annual with four features (%d payments, %d"
                + " observations), %d measured runs after %d warm-up; load average %.1f before,"
                + " %.1f after%n%n| Path | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
                + "| Schedule.of: 60 coupon dates and 360 month ends, rolled (baseline) | %.2f |"
                + " %.2f | %.2f |%n"
                + "| BondPayments.schedule (coupons, principal, four features, rule texts) | %.2f |"
                + " %.2f | %.2f |%n",
            payments,
            observations.size(),
            MEASURED,
            WARM_UP,
            loadBefore,
            loadAfter,
            baseline[MEASURED / 2] / 1e6,
            baseline[0] / 1e6,
            baseline[MEASURED - 1] / 1e6,
            generation[MEASURED / 2] / 1e6,
            generation[0] / 1e6,
            generation[MEASURED - 1] / 1e6);
    Path out = Path.of("target", "benchmarks");
    Files.createDirectories(out);
    Files.writeString(out.resolve("bond-payments.md"), report);
    System.out.println(report);
  }

  /** The dates alone: the coupon schedule and the monthly schedule, rolled FOLLOWING. */
  private static int plainSchedules() {
    Schedule coupons =
        Schedule.of(
            LocalDate.of(2026, 1, 15),
            LocalDate.of(2056, 1, 15),
            Frequency.SEMI_ANNUAL,
            StubConvention.SHORT_FRONT,
            false,
            BusinessDayConvention.FOLLOWING,
            HolidayCalendar.weekendsOnly());
    Schedule months =
        Schedule.of(
            LocalDate.of(2025, 12, 31),
            LocalDate.of(2055, 12, 31),
            Frequency.MONTHLY,
            StubConvention.SHORT_FRONT,
            true,
            BusinessDayConvention.FOLLOWING,
            HolidayCalendar.weekendsOnly());
    return coupons.periods().size() + months.periods().size();
  }

  private static List<Observation> observations() {
    Random random = new Random(20_261_206L);
    List<Observation> observations = new ArrayList<>();
    observations.add(
        new Observation("runoff-reduction", LocalDate.of(2031, 4, 1), new BigDecimal("0.45")));
    observations.add(
        new Observation("renewable-share", LocalDate.of(2030, 12, 31), new BigDecimal("0.5")));
    for (YearMonth m = YearMonth.of(2026, 1);
        !m.isAfter(YearMonth.of(2055, 12));
        m = m.plusMonths(1)) {
      LocalDate first = m.atDay(1);
      observations.add(
          new Observation("km-out-of-standard", first, BigDecimal.valueOf(random.nextInt(8))));
      observations.add(
          new Observation("pothole-days", first, BigDecimal.valueOf(random.nextInt(200))));
      observations.add(
          new Observation("nrw-volume", first, BigDecimal.valueOf(38_000 + random.nextInt(6_000))));
    }
    return observations;
  }
}
