package io.twinledger.market.simulation.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VillageTariffTest {

  private final VillageTariff tariff = VillageTariff.KOREA_RESIDENTIAL_TOU_2025;

  @Test
  void theEveningIsThePeakAndBoundsAreStartInclusive() {
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 7, 1, 7, 45))).isEqualByComparingTo("120");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 7, 1, 8, 0))).isEqualByComparingTo("170");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 7, 1, 17, 0))).isEqualByComparingTo("250");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 7, 1, 21, 45))).isEqualByComparingTo("250");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 7, 1, 22, 0))).isEqualByComparingTo("120");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 4, 1, 18, 0))).isEqualByComparingTo("200");
    assertThat(tariff.retailAt(LocalDateTime.of(2025, 12, 1, 3, 0))).isEqualByComparingTo("130");
  }

  @Test
  void everyRetailPriceLeavesRoomForATradeAfterTheFee() {
    tariff
        .retail()
        .values()
        .forEach(
            prices ->
                prices
                    .values()
                    .forEach(
                        retail ->
                            assertThat(retail)
                                .isGreaterThanOrEqualTo(tariff.feedIn().add(tariff.gridFee()))));
  }

  @Test
  void aRetailPriceBelowTheFeedInOrAMissingPeriodIsRefused() {
    Map<TouPeriod, BigDecimal> low =
        Map.of(
            TouPeriod.OFF_PEAK, new BigDecimal("100"),
            TouPeriod.MID_PEAK, new BigDecimal("150"),
            TouPeriod.PEAK, new BigDecimal("200"));
    assertThatThrownBy(
            () ->
                new VillageTariff(
                    "KRW",
                    Map.of(
                        TouSeason.SUMMER, low, TouSeason.WINTER, low, TouSeason.SPRING_AUTUMN, low),
                    new BigDecimal("110"),
                    BigDecimal.TEN))
        .hasMessage(
            "retail price for SUMMER OFF_PEAK must be present and >= the feed-in tariff 110, was 100");
    assertThatThrownBy(
            () ->
                new VillageTariff(
                    "KRW", Map.of(TouSeason.SUMMER, low), BigDecimal.ONE, BigDecimal.TEN))
        .hasMessage(
            "retail price for SPRING_AUTUMN OFF_PEAK must be present and >= the feed-in tariff 1, was null");
  }
}
