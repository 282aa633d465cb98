package io.twinledger.twin.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits how often each source may deliver: a token bucket per source that refills at {@code
 * perSecond} tokens a second and holds at most {@code burst}. A delivery over the limit is refused
 * before it is read, so one runaway broker or client cannot starve the others.
 */
public final class SourceRateLimit {

  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public SourceRateLimit(double perSecond, int burst, Clock clock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Takes a token for {@code source}; false when its bucket is empty. */
  public boolean tryAcquire(String source) {
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perSecond / 1000.0);
      bucket.updated = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  /** How long until {@code source} has a token again, for a Retry-After answer. */
  public Duration retryAfter(String source) {
    Bucket bucket = buckets.get(source);
    if (bucket == null) {
      return Duration.ZERO;
    }
    synchronized (bucket) {
      double missing = Math.max(0, 1 - bucket.tokens);
      return Duration.ofMillis((long) Math.ceil(missing * 1000 / perSecond));
    }
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
