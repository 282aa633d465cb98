package io.twinledger.ledger.peer.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;

/** The solo orderer cuts blocks by count, by size and by timeout, keeping arrival order. */
class OrdererTest {

  private final BlockingQueue<List<Envelope>> batches = new LinkedBlockingQueue<>();

  @Test
  void cutsAtTheTransactionCountThenAtTheTimeout() throws Exception {
    try (Orderer orderer =
        new Orderer("test", new BatchLimits(3, 1_000_000, Duration.ofMillis(300)), batches::add)) {
      for (int i = 0; i < 7; i++) {
        orderer.order(envelope(i, 10));
      }

      assertThat(numbers(next())).containsExactly(0, 1, 2);
      assertThat(numbers(next())).containsExactly(3, 4, 5);
      // Only the timeout can cut a block of one below the count limit.
      assertThat(numbers(next())).containsExactly(6);
    }
  }

  @Test
  void cutsBeforeTheBlockWouldPassThePreferredSize() throws Exception {
    try (Orderer orderer =
        new Orderer("test", new BatchLimits(100, 250, Duration.ofMillis(200)), batches::add)) {
      for (int i = 0; i < 5; i++) {
        orderer.order(envelope(i, 100));
      }

      assertThat(numbers(next())).containsExactly(0, 1);
      assertThat(numbers(next())).containsExactly(2, 3);
      assertThat(numbers(next())).containsExactly(4);
    }
  }

  @Test
  void anEnvelopeLargerThanTheLimitGetsABlockOfItsOwn() throws Exception {
    try (Orderer orderer =
        new Orderer("test", new BatchLimits(100, 250, Duration.ofMillis(200)), batches::add)) {
      orderer.order(envelope(0, 1000));
      orderer.order(envelope(1, 10));

      assertThat(numbers(next())).containsExactly(0);
      assertThat(numbers(next())).containsExactly(1);
    }
  }

  private List<Envelope> next() throws InterruptedException {
    List<Envelope> batch = batches.poll(5, TimeUnit.SECONDS);
    assertThat(batch).as("a batch within 5 s").isNotNull();
    return batch;
  }

  private static List<Integer> numbers(List<Envelope> batch) {
    return batch.stream().map(e -> e.getSignature().byteAt(0) & 0xff).toList();
  }

  private static Envelope envelope(int number, int payloadBytes) {
    return Envelope.newBuilder()
        .setSignature(ByteString.copyFrom(new byte[] {(byte) number}))
        .setPayload(ByteString.copyFrom(new byte[payloadBytes]))
        .build();
  }
}
