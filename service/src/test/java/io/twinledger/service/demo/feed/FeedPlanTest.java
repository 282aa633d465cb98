package io.twinledger.service.demo.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start of the feed sends, and how it remembers how far it got. */
class FeedPlanTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");
  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void theFirstRunSendsAYearOfFilesMonthByMonthThenTheLastDayLive() {
    FeedPlan plan = FeedPlan.of(Optional.empty(), NOW, YEAR, DAY);

    assertThat(plan.from()).isEqualTo(Instant.parse("2025-11-21T10:30:00Z"));
    assertThat(plan.bulkUntil()).isEqualTo(Instant.parse("2026-11-20T10:30:00Z"));
    assertThat(plan.months()).hasSize(13);
    assertThat(plan.months().getFirst())
        .isEqualTo(
            new FeedPlan.Span(
                Instant.parse("2025-11-21T10:30:00Z"), Instant.parse("2025-12-01T00:00:00Z")));
    assertThat(plan.months().get(1).to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(plan.months().getLast())
        .isEqualTo(
            new FeedPlan.Span(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-20T10:30:00Z")));
  }

  @Test
  void aRestartSendsOnlyWhatIsMissingAndAShortGapOnlyLive() {
    FeedPlan plan = FeedPlan.of(Optional.of(NOW.minusSeconds(40)), NOW, YEAR, DAY);

    assertThat(plan.from()).isEqualTo(NOW.minusSeconds(40));
    assertThat(plan.bulkUntil()).isEqualTo(plan.from());
    assertThat(plan.months()).isEmpty();
  }

  @Test
  void aLongOutageIsCaughtUpWithFilesExceptItsLastDay() {
    Instant fedUntil = Instant.parse("2026-11-12T08:00:00Z");
    FeedPlan plan = FeedPlan.of(Optional.of(fedUntil), NOW, YEAR, DAY);

    assertThat(plan.months())
        .containsExactly(new FeedPlan.Span(fedUntil, Instant.parse("2026-11-20T10:30:00Z")));
  }

  @Test
  void aClockThatWentBackSendsNothing() {
    FeedPlan plan = FeedPlan.of(Optional.of(NOW.plusSeconds(3_600)), NOW, YEAR, DAY);

    assertThat(plan.from()).isEqualTo(NOW);
    assertThat(plan.bulkUntil()).isEqualTo(NOW);
  }

  @Test
  void progressSurvivesARestartAndAnUnreadableFileMeansStartingOver(@TempDir Path dir)
      throws Exception {
    FeedProgress progress = new FeedProgress(dir.resolve("demo-feed").resolve("fed-until"));
    assertThat(progress.fedUntil()).isEmpty();

    progress.fedUntil(NOW);
    progress.fedUntil(NOW.plusSeconds(10));

    assertThat(new FeedProgress(progress.file()).fedUntil()).contains(NOW.plusSeconds(10));
    try (var files = Files.list(progress.file().getParent())) {
      assertThat(files).as("no leftover temporary file").containsExactly(progress.file());
    }
    Files.writeString(progress.file(), "half a li");
    assertThat(progress.fedUntil()).isEmpty();
  }
}
