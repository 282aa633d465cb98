package io.twinledger.service.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.security.core.AuthenticationException;

/**
 * Counts failed logins per user name and per client address and locks out either after too many in
 * a window, for a delay that doubles with each further lock-out. A locked-out login is refused
 * before its password is looked at, so a correct password does not end a lock-out early: otherwise
 * guessing would simply continue.
 *
 * <p>Memory is bounded: past {@link #MAX_KEYS} names and addresses, records whose window and
 * lock-out are over are dropped, and if that is not enough the oldest windows go first.
 */
final class FailedLogins {

  /** Names and addresses remembered at most; an attacker inventing names cannot grow it beyond. */
  static final int MAX_KEYS = 10_000;

  private final SecurityProperties.LoginThrottle limits;
  private final LongSupplier nanos;
  private final Map<String, Record> records = new ConcurrentHashMap<>();

  FailedLogins(SecurityProperties.LoginThrottle limits, LongSupplier nanos) {
    this.limits = limits;
    this.nanos = nanos;
  }

  /** Refused: too many failed logins for this user name or from this address. */
  static final class LockedOut extends AuthenticationException {
    private final Duration retryAfter;

    LockedOut(Duration retryAfter) {
      super("too many failed logins; retry after " + retryAfter.toSeconds() + " s");
      this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, as {@code Retry-After} wants them. */
    long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /** Throws {@link LockedOut} while the user or the address is locked out. */
  void check(String user, String address) {
    long now = nanos.getAsLong();
    long wait = Math.max(remaining(userKey(user), now), remaining(addressKey(address), now));
    if (wait > 0) {
      throw new LockedOut(Duration.ofNanos(wait));
    }
  }

  /** Records a failed login; the one that reaches a limit starts a lock-out. */
  void failed(String user, String address) {
    long now = nanos.getAsLong();
    if (records.size() >= MAX_KEYS) {
      prune(now);
    }
    count(userKey(user), limits.maxFailuresPerUser(), now);
    count(addressKey(address), limits.maxFailuresPerAddress(), now);
  }

  /** A correct password ends the user name's failure count, not the address's. */
  void succeeded(String user) {
    records.computeIfPresent(
        userKey(user), (k, r) -> r.lockedUntil - nanos.getAsLong() > 0 ? r : null);
  }

  private long remaining(String key, long now) {
    Record record = records.get(key);
    return record == null ? 0 : record.lockedUntil - now;
  }

  private void count(String key, int limit, long now) {
    records.compute(
        key,
        (k, r) -> {
          Record record = r == null ? new Record(now) : r;
          if (now - record.windowStart > limits.window().toNanos()) {
            // A quiet window forgives the earlier lock-outs too, once the last one is over.
            if (now - record.lockedUntil > limits.window().toNanos()) {
              record.lockouts = 0;
            }
            record.windowStart = now;
            record.failures = 0;
          }
          record.failures++;
          if (record.failures >= limit) {
            long delay =
                Math.min(
                    limits.maxLockout().toNanos(),
                    limits.firstLockout().toNanos() << Math.min(record.lockouts, 30));
            record.lockouts++;
            record.lockedUntil = now + delay;
            record.failures = 0;
            record.windowStart = now;
          }
          return record;
        });
  }

  private void prune(long now) {
    long window = limits.window().toNanos();
    records
        .entrySet()
        .removeIf(
            e -> now - e.getValue().windowStart > window && now - e.getValue().lockedUntil > 0);
    while (records.size() >= MAX_KEYS) {
      records.entrySet().stream()
          .min((a, b) -> Long.compare(a.getValue().windowStart, b.getValue().windowStart))
          .ifPresent(e -> records.remove(e.getKey()));
    }
  }

  private static String userKey(String user) {
    return "user:" + user;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  private static final class Record {
    long windowStart;
    long lockedUntil;
    int failures;
    int lockouts;

    Record(long now) {
      windowStart = now;
      lockedUntil = now;
    }
  }
}
