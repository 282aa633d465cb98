package io.twinledger.service.asset;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portfolio's standing: each KPI's latest closed month, its latest revision, judged against the
 * KPI's thresholds in the KPI's better direction.
 */
@OnEmbeddedDb
class KpiStandingsTest {

  @Autowired CommandGateway commands;
  @Autowired KpiStandings standings;

  @Test
  void theLatestRevisionOfTheLatestMonthIsJudgedAgainstEachThreshold() {
    RegisterAsset road =
        SampleCity.assets().stream()
            .filter(a -> a.parameters().assetClass() == AssetClass.ROAD_SEGMENT)
            .findFirst()
            .orElseThrow();
    String id = "road-standing-" + System.nanoTime();
    commands.sendAndWait(
        new RegisterAsset(id, road.name(), road.timeZone(), road.parameters(), road.kpis()));
    var iri = road.kpis().stream().filter(k -> k.kpiId().equals("iri")).findFirst().orElseThrow();
    BigDecimal limit = iri.thresholds().getFirst().value();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              KpiStandings.Standing none = standing(id, "iri").orElseThrow();
              assertThat(none.latest()).as("registered, nothing closed").isEmpty();
              assertThat(none.allMet()).isEmpty();
            });

    commands.sendAndWait(
        MonthlyPeriods.closed(
            id, "iri", YearMonth.of(2026, 9), 1, limit.add(BigDecimal.ONE), "NX", digest("a")));
    commands.sendAndWait(
        MonthlyPeriods.closed(
            id, "iri", YearMonth.of(2026, 10), 1, limit.add(BigDecimal.TEN), "NX", digest("b")));
    commands.sendAndWait(
        MonthlyPeriods.closed(id, "iri", YearMonth.of(2026, 10), 2, limit, "NX", digest("c")));

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              KpiStandings.Standing standing = standing(id, "iri").orElseThrow();
              assertThat(standing.latest().orElseThrow().periodStart())
                  .isEqualTo(
                      YearMonth.of(2026, 10)
                          .atDay(1)
                          .atStartOfDay(ZoneId.of(SampleCity.TIME_ZONE))
                          .toInstant());
              assertThat(standing.latest().orElseThrow().revision()).isEqualTo(2);
              assertThat(standing.latest().orElseThrow().batchDigests())
                  .containsExactly(digest("c"));
              assertThat(standing.thresholds().getFirst().met())
                  .as("at the limit of a lower-is-better KPI meets it")
                  .contains(true);
              assertThat(standing.allMet()).contains(true);
            });
    commands.sendAndWait(
        MonthlyPeriods.closed(
            id,
            "iri",
            YearMonth.of(2026, 10),
            3,
            limit.add(new BigDecimal("0.01")),
            "NX",
            digest("d")));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(standing(id, "iri").orElseThrow().allMet()).contains(false));
  }

  /** A batch digest: 64 hex digits. */
  private static String digest(String letter) {
    return letter.repeat(64);
  }

  private Optional<KpiStandings.Standing> standing(String assetId, String kpiId) {
    return standings.byClass().getOrDefault(AssetClass.ROAD_SEGMENT, List.of()).stream()
        .filter(s -> s.asset().assetId().equals(assetId) && s.kpi().kpiId().equals(kpiId))
        .findFirst();
  }
}
