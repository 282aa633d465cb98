package io.twinledger.service.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.ledger.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one PostgreSQL, each with its own connection pool: a job runs on one at
 * a time, the other skips its run, and the lock of an instance whose session dies mid-run is free
 * at once.
 */
class JobLocksTest {

  /** A job whose run blocks until released, counting the runs that did work. */
  private static final class Job extends ScheduledJob {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger worked = new AtomicInteger();

    Job(JobLocks locks) {
      super(Duration.ofSeconds(10));
      lockAcrossInstances(locks);
    }

    /** Returns whether the run did the work. */
    boolean once() {
      return run(
          () -> {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            worked.incrementAndGet();
            return true;
          },
          false);
    }
  }

  /** Another job class: a lock of its own. */
  private static final class OtherJob extends ScheduledJob {
    OtherJob(JobLocks locks) {
      lockAcrossInstances(locks);
    }

    boolean once() {
      return run(() -> true, false);
    }
  }

  private HikariDataSource first;
  private HikariDataSource second;

  @BeforeEach
  void twoInstances() {
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    first = pool(db);
    second = pool(db);
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Test
  void aJobRunsOnOneInstanceAtATimeAndTheOtherSkips() throws Exception {
    Job onFirst = new Job(new JobLocks(first));
    Job onSecond = new Job(new JobLocks(second));
    onSecond.release.countDown();
    Thread run = Thread.ofPlatform().start(onFirst::once);
    assertThat(onFirst.started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(onSecond.once()).as("the second instance skips while the first runs").isFalse();
    assertThat(onSecond.worked).hasValue(0);
    assertThat(new OtherJob(new JobLocks(second)).once()).as("another job is not held up").isTrue();

    onFirst.release.countDown();
    run.join(5_000);
    assertThat(onFirst.worked).hasValue(1);
    assertThat(onSecond.once()).as("free once the first run ended").isTrue();
    assertThat(onSecond.worked).hasValue(1);
    assertThat(heldJobLocks()).as("every connection handed back unlocked").isZero();
  }

  @Test
  void theLockOfAnInstanceThatDiesMidRunIsFreeAtOnce() throws Exception {
    Job onFirst = new Job(new JobLocks(first));
    Thread run = Thread.ofPlatform().daemon().start(onFirst::once);
    assertThat(onFirst.started.await(5, TimeUnit.SECONDS)).isTrue();
    Job onSecond = new Job(new JobLocks(second));
    onSecond.release.countDown();
    assertThat(onSecond.once()).isFalse();

    // The first instance's sessions end as they do when its process is killed.
    try (Connection c = second.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_locks"
              + " WHERE locktype = 'advisory' AND classid = "
              + JobLocks.NAMESPACE);
    }
    // A terminated backend exits a moment after the signal.
    await().atMost(Duration.ofSeconds(5)).until(() -> heldJobLocks() == 0);
    assertThat(onSecond.once()).as("the dead session's lock is gone").isTrue();
    onFirst.release.countDown();
    run.join(5_000);
  }

  private long heldJobLocks() throws Exception {
    try (Connection c = first.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                    + JobLocks.NAMESPACE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static HikariDataSource pool(String db) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db);
    config.setMaximumPoolSize(3);
    return new HikariDataSource(config);
  }
}
