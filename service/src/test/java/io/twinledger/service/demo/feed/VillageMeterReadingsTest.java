package io.twinledger.service.demo.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.simulation.meter.MeterReading;
import io.twinledger.service.market.MeterPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VillageMeterReadingsTest {

  private static final Instant FIRST = Instant.parse("2026-10-01T00:00:00Z");
  private static final VillageMeterReadings METERS =
      VillageMeterReadings.from(2016, FIRST.plusSeconds(1));

  @Test
  void readingsTakenInAWindowAreThoseAtTheSlotEndsInIt() {
    Instant from = Instant.parse("2026-11-02T10:07:00Z");
    Instant to = Instant.parse("2026-11-02T11:00:00Z");

    List<MeterReading> readings = METERS.taken(from, to);

    assertThat(readings).hasSize(3 * 56);
    assertThat(readings.getFirst().at()).isEqualTo(Instant.parse("2026-11-02T10:15:00Z"));
    assertThat(readings.getLast().at()).isEqualTo(Instant.parse("2026-11-02T10:45:00Z"));
    assertThat(readings.subList(0, 56))
        .extracting(MeterReading::household)
        .startsWith("household-01", "household-02")
        .endsWith("household-56");
    // Cut differently, the same readings: the registers do not depend on the window.
    assertThat(METERS.taken(from, to.plus(Duration.ofMinutes(15))).subList(0, 3 * 56))
        .isEqualTo(readings);
    assertThat(METERS.taken(to, to)).isEmpty();
  }

  @Test
  void readingsBeginAtTheFirstSlotBoundaryAfterTheStartAndOnlyCountUp() {
    assertThat(METERS.first()).isEqualTo(FIRST.plus(Duration.ofMinutes(15)));
    List<MeterReading> readings =
        METERS.taken(FIRST.minus(Duration.ofDays(1)), FIRST.plus(Duration.ofHours(1)));

    assertThat(readings).extracting(MeterReading::at).first().isEqualTo(METERS.first());
    for (int i = 56; i < readings.size(); i++) {
      MeterReading previous = readings.get(i - 56);
      MeterReading reading = readings.get(i);
      assertThat(reading.household()).isEqualTo(previous.household());
      assertThat(reading.importKwh()).isGreaterThanOrEqualTo(previous.importKwh());
      assertThat(reading.exportKwh()).isGreaterThanOrEqualTo(previous.exportKwh());
    }
  }

  @Test
  void eachMeterTravelsOnOneChannelAndFilesUseItsSensorIds() {
    assertThat(VillageMeterReadings.overMqtt("household-48")).isTrue();
    assertThat(VillageMeterReadings.overMqtt("household-49")).isFalse();
    MeterReading reading =
        new MeterReading(
            "household-03",
            Instant.parse("2026-11-02T10:15:00Z"),
            new java.math.BigDecimal("1234.500"),
            new java.math.BigDecimal("0.000"));

    assertThat(VillageMeterReadings.payload(reading))
        .isEqualTo(
            "{\"time\":\"2026-11-02T10:15:00Z\",\"import\":1234.500,\"export\":0.000,"
                + "\"unit\":\"KWH\"}");
    assertThat(VillageMeterReadings.lines(reading))
        .extracting(BulkFiles.Line::kpiId, BulkFiles.Line::sensorId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MeterPositions.IMPORT, "riverton/village/household-03/meter/import"),
            org.assertj.core.groups.Tuple.tuple(
                MeterPositions.EXPORT, "riverton/village/household-03/meter/export"));
    assertThat(
            VillageMeterReadings.lines(
                    new MeterReading(
                        "household-50", reading.at(), reading.importKwh(), reading.exportKwh()))
                .getFirst()
                .sensorId())
        .isEqualTo("urn:ngsi-ld:ElectricityMeter:riverton:household-50/importRegister");
  }
}
