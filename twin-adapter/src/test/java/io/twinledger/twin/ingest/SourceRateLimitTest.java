package io.twinledger.twin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SourceRateLimitTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aBurstIsAllowedThenTheRefillRate() {
    ManualClock clock = new ManualClock();
    SourceRateLimit limit = new SourceRateLimit(2, 3, clock);

    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isFalse();
    assertThat(limit.retryAfter("orion")).isEqualTo(Duration.ofMillis(500));

    clock.advance(Duration.ofMillis(500));
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isFalse();

    clock.advance(Duration.ofSeconds(10));
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).as("the bucket holds no more than the burst").isFalse();
  }

  @Test
  void sourcesHaveTheirOwnBuckets() {
    SourceRateLimit limit = new SourceRateLimit(1, 1, new ManualClock());
    assertThat(limit.tryAcquire("orion")).isTrue();
    assertThat(limit.tryAcquire("orion")).isFalse();
    assertThat(limit.tryAcquire("stellio")).isTrue();
  }
}
