package io.twinledger.market.slot;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.ParticipantAccount;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Conservation of energy and money on every slot, over random positions, limits and rules. */
class SlotMarketPropertiesTest {

  private static final SlotId SLOT = SlotId.of(Instant.parse("2026-06-01T10:15:00Z"));

  record Village(
      List<MeteredPosition> positions,
      Map<String, PriceLimits> limits,
      ClearingRule rule,
      BigDecimal fee,
      BigDecimal soc,
      boolean battery) {}

  @Provide
  Arbitrary<Village> villages() {
    Arbitrary<BigDecimal> registers =
        Arbitraries.integers().between(0, 4000).map(wh -> BigDecimal.valueOf(wh, 3));
    Arbitrary<PriceLimits> limits =
        Combinators.combine(
                Arbitraries.integers().between(60, 200), Arbitraries.integers().between(60, 200))
            .as((sell, buy) -> new PriceLimits(BigDecimal.valueOf(sell), BigDecimal.valueOf(buy)));
    Arbitrary<List<Object[]>> households =
        Combinators.combine(registers, registers, limits.optional())
            .as((imp, exp, l) -> new Object[] {imp, exp, l})
            .list()
            .ofMaxSize(20);
    Arbitrary<ClearingRule> rules =
        Arbitraries.of(
            ClearingRule.defaultRule(),
            new ClearingRule.UniformPrice(new BigDecimal("0.3")),
            new ClearingRule.PayAsBid(),
            new ClearingRule.TradeReduction());
    return Combinators.combine(
            households,
            rules,
            Arbitraries.of("0", "7.5", "20").map(BigDecimal::new),
            Arbitraries.integers().between(40, 400).map(BigDecimal::valueOf),
            Arbitraries.of(true, false))
        .as(
            (hs, rule, fee, soc, battery) -> {
              List<MeteredPosition> positions = new ArrayList<>();
              Map<String, PriceLimits> own = new HashMap<>();
              for (int i = 0; i < hs.size(); i++) {
                String h = "house-" + i;
                positions.add(
                    new MeteredPosition(h, (BigDecimal) hs.get(i)[0], (BigDecimal) hs.get(i)[1]));
                @SuppressWarnings("unchecked")
                Optional<PriceLimits> l = (Optional<PriceLimits>) hs.get(i)[2];
                l.ifPresent(x -> own.put(h, x));
              }
              return new Village(positions, own, rule, fee, soc, battery);
            });
  }

  @Property(tries = 2_000)
  void energyAndMoneyAreConservedOnEverySlot(@ForAll("villages") Village village) {
    MarketTerms terms =
        new MarketTerms(
            village.rule(), village.fee(), new BigDecimal("60"), new BigDecimal("200"), "KRW");
    CommunityBattery battery = CommunityBattery.village("battery");
    Optional<SlotMarket.BatteryInSlot> inSlot =
        village.battery()
            ? Optional.of(new SlotMarket.BatteryInSlot(battery, new BatteryState(village.soc())))
            : Optional.empty();

    SlotOutcome outcome =
        SlotMarket.run(SLOT, terms, village.positions(), village.limits(), inSlot);

    assertThat(outcome.accounts().conservation().holds())
        .as("%s", outcome.accounts().conservation())
        .isTrue();
    for (ParticipantAccount a : outcome.accounts().accounts()) {
      assertThat(a.energyBalances()).isTrue();
      if (!a.participant().equals("battery")) {
        assertThat(a.savings())
            .as("no household does worse than with the utility: %s", a)
            .isGreaterThanOrEqualTo(BigDecimal.ZERO);
      } else {
        assertThat(a.utilityImportKwh().signum()).isZero();
        assertThat(a.utilityExportKwh().signum()).isZero();
      }
    }
    outcome
        .batteryAfter()
        .ifPresent(
            s ->
                assertThat(s.stateOfChargeKwh())
                    .isBetween(battery.minSocKwh().min(village.soc()), battery.capacityKwh()));
  }
}
