package io.twinledger.market.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarketTermsTest {

  private static final MarketTerms TERMS =
      new MarketTerms(
          ClearingRule.defaultRule(),
          BigDecimal.ZERO,
          new BigDecimal("60"),
          new BigDecimal("200"),
          "KRW");

  @Test
  void pricesWithinTheTariffsPassBoundsIncluded() {
    assertThat(TERMS.checkLimit(Side.ASK, new BigDecimal("60"))).isEqualByComparingTo("60");
    assertThat(TERMS.checkLimit(Side.BID, new BigDecimal("200"))).isEqualByComparingTo("200");
    assertThat(TERMS.checkLimit(Side.ASK, new BigDecimal("250"))).isEqualByComparingTo("250");
    assertThat(TERMS.defaultLimits())
        .isEqualTo(new PriceLimits(new BigDecimal("60"), new BigDecimal("200")));
  }

  @Test
  void anAskBelowTheFeedInTariffIsRefused() {
    assertThatThrownBy(() -> TERMS.checkLimit(Side.ASK, new BigDecimal("59.99")))
        .isInstanceOf(PriceOutOfBoundsException.class)
        .hasMessage("an ask's price 59.99 is below the feed-in tariff 60 KRW/kWh");
  }

  @Test
  void aBidAboveTheRetailTariffIsRefused() {
    assertThatThrownBy(() -> TERMS.checkLimit(Side.BID, new BigDecimal("200.01")))
        .isInstanceOf(PriceOutOfBoundsException.class)
        .hasMessage("a bid's price 200.01 is above the retail tariff 200 KRW/kWh");
  }

  @Test
  void termsThemselvesAreChecked() {
    assertThatThrownBy(
            () ->
                new MarketTerms(
                    ClearingRule.defaultRule(),
                    BigDecimal.ZERO,
                    new BigDecimal("210"),
                    new BigDecimal("200"),
                    "KRW"))
        .hasMessage("terms: retailTariff 200 is below feedInTariff 210");
    assertThatThrownBy(() -> new ClearingRule.UniformPrice(new BigDecimal("1.5")))
        .hasMessage("kappa must be between 0 and 1 inclusive (was 1.5)");
  }
}
