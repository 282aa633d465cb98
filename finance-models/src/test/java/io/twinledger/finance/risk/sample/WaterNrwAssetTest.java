package io.twinledger.finance.risk.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.finance.money.Money;
import org.junit.jupiter.api.Test;

class WaterNrwAssetTest {

  @Test
  void cashFlowsFromRecoveredWater() {
    double[][] path = {{0.22, 0.30, 0.35}, {20_000_000, 20_000_000, 10_000_000}};
    double[] cashFlows = new double[3];
    double[] debtService = new double[3];
    WaterNrwSample.asset().evaluate(path, cashFlows, debtService);

    // value per recovered m³: 0.4 · 2.35 + 0.6 · 0.45 = 0.94 + 0.27 = 1.21 EUR
    // year 1: (0.30 − 0.22) · 20,000,000 = 1,600,000 m³ · 1.21 − 300,000 = 1,636,000
    // year 2: at the baseline nothing is recovered: −300,000
    // year 3: (0.30 − 0.35) · 10,000,000 = −500,000 m³ · 1.21 − 300,000 = −905,000
    assertThat(cashFlows[0]).isCloseTo(1_636_000, within(1e-6));
    assertThat(cashFlows[1]).isCloseTo(-300_000, within(1e-6));
    assertThat(cashFlows[2]).isCloseTo(-905_000, within(1e-6));
    assertThat(debtService).containsExactly(1_000_000, 1_000_000, 1_000_000);
  }

  @Test
  void refusesMixedCurrencies() {
    assertThatThrownBy(
            () ->
                new WaterNrwAsset(
                    Money.of("EUR", "2.35"),
                    Money.of("USD", "0.45"),
                    Money.of("EUR", "300000"),
                    Money.of("EUR", "1000000"),
                    0.30,
                    0.40))
        .hasMessage("0.45 USD is not in the tariff's currency EUR");
  }
}
