package io.twinledger.service.demo.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.twin.simulator.SimulatedReading;
import io.twinledger.twin.simulator.TwinSimulator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator the feed runs and the sample city the demo registers describe the same twin: the
 * simulator lives in twin-adapter, which knows nothing of the asset register, so only here can the
 * two be held side by side.
 */
class SampleCityReadingsTest {

  @Test
  void everySimulatedReadingBelongsToASampleAssetInTheSampleCitysTimeZone() {
    Instant from = Instant.parse("2026-06-01T22:00:00Z");
    Instant to = Instant.parse("2026-06-03T22:00:00Z");
    List<SimulatedReading> readings = new TwinSimulator(2016).readings(from, to).toList();

    assertThat(readings.stream().map(SimulatedReading::assetId).distinct())
        .as("every reading belongs to a sample asset")
        .isSubsetOf(SampleCity.assets().stream().map(RegisterAsset::assetId).toList());
    assertThat(TwinSimulator.ZONE.getId()).isEqualTo(SampleCity.TIME_ZONE);
  }
}
