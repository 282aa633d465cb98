package io.twinledger.market.simulation.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.village.Village;
import io.twinledger.market.simulation.village.VillageProfiles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VillageMetersTest {

  private final Village village = Village.generate(17, 4);
  private final VillageMeters meters = new VillageMeters(village, 2025);

  @Test
  void eachSlotsReadingAdvancesTheRegistersByTheSlotsMeteredEnergy() {
    Instant from = meters.installed();
    List<MeterReading> readings = meters.readings(from, from.plus(Duration.ofDays(2)));
    assertThat(readings).hasSize(2 * 96 * 4);
    VillageProfiles profiles = VillageProfiles.generate(village, 2025, LoadShape.h0Style());
    for (int h = 0; h < 4; h++) {
      BigDecimal importKwh = BigDecimal.ZERO;
      BigDecimal exportKwh = BigDecimal.ZERO;
      for (int slot = 0; slot < 2 * 96; slot++) {
        MeterReading reading = readings.get(slot * 4 + h);
        importKwh = importKwh.add(VillageProfiles.kwh(profiles.importWh(h, slot)));
        exportKwh = exportKwh.add(VillageProfiles.kwh(profiles.exportWh(h, slot)));
        assertThat(reading.household()).isEqualTo(village.households().get(h).id());
        assertThat(reading.at()).isEqualTo(from.plus(Duration.ofMinutes(15L * (slot + 1))));
        assertThat(reading.slotStart()).isEqualTo(from.plus(Duration.ofMinutes(15L * slot)));
        assertThat(reading.importKwh()).isEqualTo(importKwh);
        assertThat(reading.exportKwh()).isEqualTo(exportKwh);
      }
    }
  }

  @Test
  void rangesJoinUpAcrossTheNewYear() {
    Instant newYear = Instant.parse("2025-12-31T15:00:00Z");
    Instant from = newYear.minus(Duration.ofHours(2));
    Instant to = newYear.plus(Duration.ofHours(2));
    List<MeterReading> whole = meters.readings(from, to);
    List<MeterReading> parts = new ArrayList<>(meters.readings(from, newYear));
    meters.readings(newYear, to, parts::add);
    assertThat(parts).isEqualTo(whole);
    assertThat(whole).hasSize(16 * 4);
    MeterReading lastOf2025 = whole.get(7 * 4);
    MeterReading firstOf2026 = whole.get(8 * 4);
    assertThat(firstOf2026.importKwh()).isGreaterThanOrEqualTo(lastOf2025.importKwh());
    assertThat(lastOf2025.importKwh())
        .as("a year of night imports")
        .isGreaterThan(new BigDecimal("500"));
  }

  @Test
  void aRangeBeforeInstallationOrOffTheSlotGridIsRefused() {
    Instant installed = meters.installed();
    assertThatThrownBy(
            () -> meters.readings(installed.minusSeconds(900), installed.plusSeconds(900)))
        .hasMessageContaining("from 2024-12-31T14:45:00Z is before the meters were installed");
    assertThatThrownBy(() -> meters.readings(installed.plusSeconds(60), installed.plusSeconds(900)))
        .hasMessageContaining("is not on a 15-minute slot boundary");
    assertThatThrownBy(
            () -> meters.readings(installed.plusSeconds(900), installed.plusSeconds(900)))
        .hasMessageContaining("must be after from");
  }
}
