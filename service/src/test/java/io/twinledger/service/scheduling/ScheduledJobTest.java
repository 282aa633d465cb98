package io.twinledger.service.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stop waits for the run in progress, not forever, and later runs do nothing. */
class ScheduledJobTest {

  /** A job whose run blocks until released, counting the runs that did work. */
  private static final class Job extends ScheduledJob {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger worked = new AtomicInteger();

    Job(Duration stopWait) {
      super(stopWait);
    }

    void once() {
      run(
          () -> {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            worked.incrementAndGet();
          });
    }
  }

  @Test
  void aStopWaitsForTheRunInProgressAndLaterRunsDoNothing() throws Exception {
    Job job = new Job(Duration.ofSeconds(10));
    Thread run = Thread.ofPlatform().start(job::once);
    assertThat(job.started.await(5, TimeUnit.SECONDS)).isTrue();

    Thread stop = Thread.ofPlatform().start(job::stop);
    stop.join(300);
    assertThat(stop.isAlive()).as("the stop waits for the run").isTrue();

    job.release.countDown();
    stop.join(5_000);
    run.join(5_000);
    assertThat(stop.isAlive()).isFalse();
    assertThat(job.worked).hasValue(1);
    assertThat(job.isRunning()).isFalse();

    job.once();
    assertThat(job.worked).as("a run after the stop does nothing").hasValue(1);
  }

  @Test
  void aStuckRunDoesNotKeepTheServiceFromStopping() throws Exception {
    Job job = new Job(Duration.ofMillis(200));
    Thread run = Thread.ofPlatform().daemon().start(job::once);
    assertThat(job.started.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    job.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.isAlive()).isTrue();
    job.release.countDown();
  }
}
