package io.twinledger.market.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Order;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import io.twinledger.market.terms.PriceOutOfBoundsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotMarketTest {

  private static final SlotId SLOT = SlotId.parse("2026-06-01T12:00:00Z");
  private static final MarketTerms TERMS =
      new MarketTerms(
          ClearingRule.defaultRule(),
          new BigDecimal("10"),
          new BigDecimal("60"),
          new BigDecimal("200"),
          "KRW");

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void netPositionsBecomeOrdersAtTheLimitsOrTheTariffs() {
    List<Order> orders =
        SlotMarket.orders(
            SLOT,
            TERMS,
            List.of(
                new MeteredPosition("h1", d("0.2"), d("1.4")),
                new MeteredPosition("h2", d("0.9"), d("0")),
                new MeteredPosition("h3", d("0.5"), d("0.5"))),
            Map.of("h2", new PriceLimits(d("80"), d("150"))));

    assertThat(orders)
        .containsExactly(
            Order.ask("h1@2026-06-01T12:00:00Z", "h1", "60", "1.2"),
            Order.bid("h2@2026-06-01T12:00:00Z", "h2", "150", "0.9"));
  }

  @Test
  void aSlotIsClearedAndSettledWithTheUtilityForTheRest() {
    // h1 sells 0.9 at >= 60; h2 buys 0.9 at <= 150 (fee 10, effective 140): p = (60 + 140) / 2.
    SlotOutcome outcome =
        SlotMarket.run(
            SLOT,
            TERMS,
            List.of(
                new MeteredPosition("h1", d("0"), d("0.9")),
                new MeteredPosition("h2", d("0.9"), d("0"))),
            Map.of("h2", new PriceLimits(d("60"), d("150"))));

    assertThat(outcome.clearing().price()).hasValue(d("100"));
    ParticipantAccount seller = outcome.accounts().account("h1").orElseThrow();
    assertThat(seller.soldAmount()).isEqualByComparingTo("90");
    assertThat(seller.utilityExportKwh()).isEqualByComparingTo("0");
    assertThat(seller.total()).isEqualByComparingTo("-90");
    assertThat(seller.baselineTotal()).isEqualByComparingTo("-54");
    assertThat(seller.savings()).isEqualByComparingTo("36");
    ParticipantAccount buyer = outcome.accounts().account("h2").orElseThrow();
    assertThat(buyer.total()).isEqualByComparingTo("99");
    assertThat(buyer.baselineTotal()).isEqualByComparingTo("180");
    assertThat(outcome.accounts().conservation().fees()).isEqualByComparingTo("9");
    assertThat(outcome.accounts().conservation().holds()).isTrue();
  }

  @Test
  void leftoverSupplyAtTheAskPriceSetsThePrice() {
    // 1.2 kWh offered at 60, 0.9 bought: the next kWh on the supply curve is still at 60, so the
    // interval is [60, 60]; the rest goes to the utility at the feed-in tariff.
    SlotOutcome outcome =
        SlotMarket.run(
            SLOT,
            TERMS,
            List.of(
                new MeteredPosition("h1", d("0"), d("1.2")),
                new MeteredPosition("h2", d("0.9"), d("0"))),
            Map.of());

    assertThat(outcome.clearing().price()).hasValue(d("60"));
    assertThat(outcome.accounts().account("h1").orElseThrow().utilityExportAmount())
        .isEqualByComparingTo("18");
    assertThat(outcome.accounts().account("h2").orElseThrow().total()).isEqualByComparingTo("63");
  }

  @Test
  void theBatteryAbsorbsTheSurplusHouseholdsDoNotBuy() {
    CommunityBattery battery = CommunityBattery.village("ess");
    SlotOutcome outcome =
        SlotMarket.run(
            SLOT,
            TERMS,
            List.of(
                new MeteredPosition("h1", d("0"), d("3")),
                new MeteredPosition("h2", d("1"), d("0"))),
            Map.of(),
            Optional.of(new SlotMarket.BatteryInSlot(battery, new BatteryState(d("100")))));

    // Community surplus 2 kWh: the battery bids for it at 60 + 10; h2 bids 200 for 1 kWh.
    assertThat(outcome.accounts().account("ess").orElseThrow().boughtKwh())
        .isEqualByComparingTo("2");
    assertThat(outcome.accounts().account("h2").orElseThrow().boughtKwh())
        .isEqualByComparingTo("1");
    assertThat(outcome.batteryAfter()).hasValue(new BatteryState(d("101.8000")));
    assertThat(outcome.accounts().conservation().holds()).isTrue();
  }

  @Test
  void refusesLimitsOutsideTheTariffsAndPositionsTwice() {
    List<MeteredPosition> one = List.of(new MeteredPosition("h1", d("1"), d("0")));
    assertThatThrownBy(
            () ->
                SlotMarket.run(SLOT, TERMS, one, Map.of("h1", new PriceLimits(d("60"), d("250")))))
        .isInstanceOf(PriceOutOfBoundsException.class)
        .hasMessage("a bid's price 250 is above the retail tariff 200 KRW/kWh");
    List<MeteredPosition> twice = List.of(one.getFirst(), one.getFirst());
    assertThatThrownBy(() -> SlotMarket.run(SLOT, TERMS, twice, Map.of()))
        .hasMessage("two metered positions of h1");
  }

  @Test
  void slotsAreQuarterHoursInUtc() {
    assertThat(SlotId.containing(Instant.parse("2026-06-01T12:14:59Z"))).isEqualTo(SLOT);
    assertThat(SLOT.next()).hasToString("2026-06-01T12:15:00Z");
    assertThat(SLOT.next().previous()).isEqualTo(SLOT);
    assertThatThrownBy(() -> SlotId.parse("2026-06-01T12:05:00Z"))
        .hasMessage("a slot starts on a quarter hour (UTC); 2026-06-01T12:05:00Z does not");
  }
}
