package io.twinledger.market.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Order;
import io.twinledger.market.terms.MarketTerms;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CommunityBatteryTest {

  private static final CommunityBattery ESS = CommunityBattery.village("ess");
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
  void powerLimitsASlotTo45KwhAt180Kw() {
    assertThat(ESS.slotEnergyKwh()).isEqualByComparingTo("45");
    assertThat(ESS.chargeLimitKwh(new BatteryState(d("100")))).isEqualByComparingTo("45");
    assertThat(ESS.dischargeLimitKwh(new BatteryState(d("300")))).isEqualByComparingTo("45");
  }

  @Test
  void energyLimitsWithEfficiencyOnCharging() {
    // 9 kWh of room at 90 %: 10 kWh may be bought. 45.5 stored above a floor of 40: 5.5 may go.
    assertThat(ESS.chargeLimitKwh(new BatteryState(d("391")))).isEqualByComparingTo("10");
    assertThat(ESS.dischargeLimitKwh(new BatteryState(d("45.5")))).isEqualByComparingTo("5.5");
    assertThat(ESS.dischargeLimitKwh(new BatteryState(d("40")))).isEqualByComparingTo("0");
    assertThat(ESS.afterSlot(new BatteryState(d("100")), d("10"), d("0")).stateOfChargeKwh())
        .isEqualByComparingTo("109");
    assertThat(ESS.afterSlot(new BatteryState(d("100")), d("0"), d("10")).stateOfChargeKwh())
        .isEqualByComparingTo("90");
    assertThatThrownBy(() -> ESS.afterSlot(new BatteryState(d("100")), d("46"), d("0")))
        .hasMessage("battery ess: charged 46 kWh is outside [0, 45.000]");
  }

  @Test
  void strategyChargesFromSurplusAndDischargesIntoDeficit() {
    assertThat(BatteryStrategy.order("o", ESS, new BatteryState(d("100")), d("-12.5"), TERMS))
        .hasValue(Order.bid("o", "ess", "70", "12.5"));
    assertThat(BatteryStrategy.order("o", ESS, new BatteryState(d("100")), d("80"), TERMS))
        .hasValue(Order.ask("o", "ess", "190", "45"));
    assertThat(BatteryStrategy.order("o", ESS, new BatteryState(d("40")), d("80"), TERMS))
        .isEmpty();
    assertThat(BatteryStrategy.order("o", ESS, new BatteryState(d("100")), d("0"), TERMS))
        .isEmpty();
  }
}
