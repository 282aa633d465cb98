package io.twinledger.market.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.market.slot.SlotMarket;
import io.twinledger.market.terms.MarketTerms;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommunityFiguresTest {

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void eachFigureFollowsItsFormula() {
    MarketTerms terms =
        new MarketTerms(ClearingRule.defaultRule(), d("0"), d("60"), d("200"), "KRW");
    CommunityBattery ess = new CommunityBattery("ess", d("10"), d("40"), d("1"), d("2"));
    SlotId noon = SlotId.parse("2026-06-01T03:00:00Z");
    // Noon: h1 exports 3, h2 imports 1; the battery takes the 2 kWh surplus at 60.
    var first =
        SlotMarket.run(
            noon,
            terms,
            List.of(
                new MeteredPosition("h1", d("0"), d("3")),
                new MeteredPosition("h2", d("1"), d("0"))),
            Map.of(),
            Optional.of(new SlotMarket.BatteryInSlot(ess, new BatteryState(d("2")))));
    // Evening: h2 imports 5 and bids 200; the battery asks 200 (retail less the zero fee) and
    // sells its 2 usable kWh at 200, since h2 still wants more at 200.
    var second =
        SlotMarket.run(
            noon.next(),
            terms,
            List.of(new MeteredPosition("h2", d("5"), d("0"))),
            Map.of(),
            Optional.of(new SlotMarket.BatteryInSlot(ess, first.batteryAfter().orElseThrow())));

    CommunityFigures f =
        CommunityFigures.tally(Optional.of(ess))
            .add(first, d("2"), d("4"))
            .add(second, d("5"), d("0"))
            .figures();

    assertThat(f.slots()).isEqualTo(2);
    assertThat(f.utilityImportKwh()).isEqualByComparingTo("3");
    // (7 - 3) / 7
    assertThat(f.selfSufficiency()).hasValue(d("0.571429"));
    // h1's surplus all went to h2 and the battery: (4 - 0) / 4
    assertThat(f.selfConsumption()).hasValue(d("1.000000"));
    assertThat(f.tradedKwh()).isEqualByComparingTo("5");
    // 3 kWh at 60, then 2 kWh at 200: (180 + 400) / 5
    assertThat(f.averagePrice()).hasValue(d("116.0000"));
    assertThat(f.batteryChargedKwh()).isEqualByComparingTo("2");
    assertThat(f.batteryDischargedKwh()).isEqualByComparingTo("2");
    assertThat(f.batteryNetRevenue()).isEqualByComparingTo("280");
    assertThat(f.batteryCycles()).hasValue(d("0.250000"));
  }

  @Test
  void onlyASlotInWhichSomeoneMovedEnergyOrMoneyCounts() {
    MarketTerms terms =
        new MarketTerms(ClearingRule.defaultRule(), d("0"), d("60"), d("200"), "KRW");
    CommunityBattery ess = new CommunityBattery("ess", d("10"), d("40"), d("1"), d("2"));
    SlotId slot = SlotId.parse("2026-06-01T03:00:00Z");
    Optional<SlotMarket.BatteryInSlot> idle =
        Optional.of(new SlotMarket.BatteryInSlot(ess, new BatteryState(d("2"))));

    var unmetered = SlotMarket.run(slot, terms, List.of(), Map.of(), idle);
    var atZero =
        SlotMarket.run(
            slot, terms, List.of(new MeteredPosition("h1", d("0"), d("0"))), Map.of(), idle);
    var importing =
        SlotMarket.run(
            slot, terms, List.of(new MeteredPosition("h1", d("1"), d("0"))), Map.of(), idle);

    assertThat(CommunityFigures.counts(unmetered)).as("no one metered, the battery idle").isFalse();
    assertThat(CommunityFigures.counts(atZero)).as("metered at zero").isFalse();
    assertThat(CommunityFigures.counts(importing)).isTrue();
  }
}
