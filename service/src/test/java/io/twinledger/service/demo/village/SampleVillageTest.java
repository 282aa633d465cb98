package io.twinledger.service.demo.village;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.service.market.MarketProperties;
import io.twinledger.service.market.Village;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SampleVillageTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void fiftySixHouseholdsEachWithItsOwnResident() {
    Village village = Village.of(SampleVillage.households());

    assertThat(village.households())
        .hasSize(56)
        .startsWith("household-01")
        .endsWith("household-56");
    assertThat(village.householdOf("resident")).contains("household-01");
    assertThat(village.householdOf("resident02")).contains("household-02");
    assertThat(village.householdOf("resident56")).contains("household-56");
    assertThat(village.householdOf("resident01")).isEmpty();
    assertThat(SampleVillage.householdOfSimulated("h07")).isEqualTo("household-07");
    assertThatThrownBy(() -> SampleVillage.householdOfSimulated("h57"))
        .hasMessage("household number must be within 1..56, was 57");
    assertThatThrownBy(() -> SampleVillage.householdOfSimulated("household-07"))
        .hasMessage("not a simulated household id: household-07");
  }

  @Test
  void theMarketOpensOnTheFirstDayOfThePreviousMonthInTheMarketsZone() {
    assertThat(SampleVillage.opens(Instant.parse("2026-12-06T20:00:00Z"), SEOUL))
        .isEqualTo(Instant.parse("2026-10-31T15:00:00Z"));
    // 1 January, 08:00 in Seoul, is still 31 December in UTC: Seoul's month counts.
    assertThat(SampleVillage.opens(Instant.parse("2026-12-31T23:00:00Z"), SEOUL))
        .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(SampleVillage.opens(Instant.parse("2026-01-15T00:00:00Z"), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
  }

  @Test
  void theMarketPropertiesBindToTheVillage() {
    var properties = SampleVillage.marketProperties(Instant.parse("2026-12-06T20:00:00Z"), SEOUL);

    assertThat(properties)
        .containsEntry("twinledger.energy.households[0].id", "household-01")
        .containsEntry("twinledger.energy.households[0].resident", "resident")
        .containsEntry("twinledger.energy.households[55].resident", "resident56")
        .containsEntry("twinledger.energy.battery.id", SampleVillage.BATTERY)
        .containsEntry("twinledger.energy.opens", "2026-10-31T15:00:00Z")
        .hasSize(56 * 2 + 2);
    assertThat(SampleVillage.households().getFirst())
        .isEqualTo(new MarketProperties.HouseholdEntry("household-01", "resident"));
  }
}
