package io.twinledger.service.demo;

import io.twinledger.finance.payout.Holding;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Riverton's bonds, dated within the demo's year of twin data so that their determinations and
 * payouts happen while the demo runs: an environmental impact bond on the green infrastructure with
 * DC Water's tiers, a sustainability-linked bond on the water district's NRW target with a 25 bp
 * step-up, an availability-payment concession on the A12 corridor, and a retail green bond with
 * 1,000 token holders. The KPIs are the register's, in its units (runoff reduction in percent, so
 * DC Water's 41.3 % and 18.6 % tiers are 41.3 and 18.6).
 */
public final class SampleBonds {

  /** The demo investor's holder id: the {@code investor} user holds units of every bond. */
  public static final String INVESTOR = "investor";

  /** One bond: its terms document and its first holders. */
  public record Sample(String bondId, String terms, List<Holding> holders) {}

  private SampleBonds() {}

  /**
   * The four bonds, for a demo whose data runs up to {@code today}: issued a year ago, observed on
   * months whose periods are closed.
   */
  public static List<Sample> of(LocalDate today) {
    YearMonth month = YearMonth.from(today);
    LocalDate issued = month.minusMonths(12).atDay(1);
    return List.of(
        new Sample(
            "riverton-eib",
            """
            {"id": "riverton-eib", "currency": "USD", "face": "25000000", "denomination": "5000",
             "issueDate": "%s", "maturity": "%s",
             "coupon": {"rate": "0.03432", "frequency": 2, "dayCount": "30/360 US"},
             "features": [
              {"type": "outcome-tiers", "asset": "gi-rock-creek-a", "kpi": "runoff-reduction",
               "observationDate": "%s", "paymentDate": "%s",
               "tiers": [{"lower": "41.3", "lowerInclusive": false, "amount": "3300000", "payer": "ISSUER"},
                         {"upper": "18.6", "upperInclusive": false, "amount": "3300000", "payer": "INVESTORS"}]}]}
            """
                .formatted(
                    issued,
                    issued.plusYears(30),
                    month.minusMonths(4).atDay(1),
                    month.minusMonths(2).atDay(1)),
            List.of(
                new Holding("calvert-foundation", 2450),
                new Holding("goldman-uig", 2450),
                new Holding(INVESTOR, 100))),
        new Sample(
            "riverton-slb",
            """
            {"id": "riverton-slb", "currency": "USD", "face": "150000000", "denomination": "1000",
             "issueDate": "%s", "maturity": "%s",
             "coupon": {"rate": "0.0265", "frequency": 4, "dayCount": "30/360 US"},
             "features": [
              {"type": "coupon-step-up", "asset": "dma-north-hill", "kpi": "nrw-percent",
               "target": "20", "better": "LOWER", "observationDate": "%s",
               "confirmationDate": "%s", "stepBp": 25}]}
            """
                .formatted(
                    issued,
                    issued.plusYears(5),
                    month.minusMonths(8).atDay(1),
                    month.minusMonths(7).atDay(15)),
            List.of(new Holding("enel-bondholders", 149_800), new Holding(INVESTOR, 200))),
        new Sample(
            "a12-availability",
            """
            {"id": "a12-availability", "currency": "USD", "face": "200000000", "denomination": "1000",
             "issueDate": "%s", "maturity": "%s",
             "coupon": {"rate": "0.045", "frequency": 2, "dayCount": "30/360 US"},
             "features": [
              {"type": "availability-payment", "asset": "road-a12-s01", "yearlyMaximum": "36500000",
               "contractYearStart": "%s", "firstMonth": "%s", "lastMonth": "%s",
               "lagMonths": 1, "capMultiple": "1.0",
               "deductions": [{"kpi": "iri-share-above-limit", "percentPerUnit": "0.002"}]}]}
            """
                .formatted(
                    issued,
                    issued.plusYears(10),
                    issued,
                    month.minusMonths(10),
                    month.plusMonths(12)),
            List.of(new Holding("a12-concessionaire", 199_900), new Holding(INVESTOR, 100))),
        new Sample(
            "riverton-green-retail",
            """
            {"id": "riverton-green-retail", "currency": "USD", "face": "1000000", "denomination": "100",
             "issueDate": "%s", "maturity": "%s",
             "coupon": {"rate": "0.0405", "frequency": 2, "dayCount": "30/360 US"}}
            """
                .formatted(issued, issued.plusYears(3)),
            retailHolders()));
  }

  /**
   * A thousand retail holders of 10,000 units: the investor with 25, and 999 others with a seeded
   * spread of small holdings that adds up.
   */
  static List<Holding> retailHolders() {
    SplittableRandom random = new SplittableRandom(2026);
    List<Holding> holders = new ArrayList<>();
    holders.add(new Holding(INVESTOR, 25));
    long left = 10_000 - 25;
    for (int i = 1; i <= 999; i++) {
      long units =
          i == 999 ? left : Math.max(1, Math.min(left - (999 - i), 1 + random.nextInt(19)));
      holders.add(new Holding("resident-%04d".formatted(i), units));
      left -= units;
    }
    return List.copyOf(holders);
  }
}
