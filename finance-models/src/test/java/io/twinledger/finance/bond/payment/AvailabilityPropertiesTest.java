package io.twinledger.finance.bond.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** An availability payment is never negative and never above the month's maximum. */
class AvailabilityPropertiesTest {

  @Property(tries = 200)
  void aMonthsPaymentLiesBetweenZeroAndItsMaxPp(
      @ForAll @BigRange(min = "1000", max = "100000000") BigDecimal yearlyMaximum,
      @ForAll @IntRange(min = 0, max = 3) int lagMonths,
      @ForAll @BigRange(min = "0", max = "3") BigDecimal capMultiple,
      @ForAll @IntRange(min = 1, max = 12) int contractYearMonth,
      @ForAll @Size(24) List<@IntRange(min = 0, max = 40) Integer> kmOut,
      @ForAll @Size(24) List<@IntRange(min = 0, max = 5000) Integer> potholeDays) {
    BondTerms terms =
        BondTermsDocuments.parseJson(
            """
            {"id": "p", "currency": "USD", "face": "1000000", "issueDate": "2026-01-01",
             "maturity": "2030-01-01",
             "features": [{"type": "availability-payment", "yearlyMaximum": "%s",
               "contractYearStart": "2027-%02d-01", "firstMonth": "2027-01", "lastMonth": "2028-12",
               "lagMonths": %d, "capMultiple": "%s",
               "deductions": [{"kpi": "km", "percentPerUnit": "0.10"},
                              {"kpi": "potholes", "amountPerUnit": "500"}]}]}"""
                .formatted(
                    yearlyMaximum.toPlainString(),
                    contractYearMonth,
                    lagMonths,
                    capMultiple.toPlainString()));
    AvailabilityPayment availability = (AvailabilityPayment) terms.features().getFirst();
    List<Observation> observations = new ArrayList<>();
    YearMonth month = YearMonth.of(2027, 1);
    for (int i = 0; i < 24; i++, month = month.plusMonths(1)) {
      observations.add(new Observation("km", month.atDay(1), BigDecimal.valueOf(kmOut.get(i))));
      observations.add(
          new Observation("potholes", month.atDay(1), BigDecimal.valueOf(potholeDays.get(i))));
    }

    Determination determination = BondPayments.determine(terms, 0, observations);

    assertThat(determination.pending()).isEmpty();
    for (BondPayment payment : determination.payments()) {
      // Due on the month's last day, rolled forward over a weekend by at most two days.
      YearMonth paid = YearMonth.from(payment.date().minusDays(3));
      Money max =
          new Money(availability.maxPp(paid), terms.currency()).rounded(RoundingMode.HALF_UP);
      assertThat(payment.amount().signum()).isPositive();
      assertThat(payment.amount().amount()).isLessThanOrEqualTo(max.amount());
    }
    assertThat(
            determination.payments().size()
                + determination.outcomes().stream().filter(o -> o.startsWith("no payment")).count())
        .isEqualTo(24);
  }
}
