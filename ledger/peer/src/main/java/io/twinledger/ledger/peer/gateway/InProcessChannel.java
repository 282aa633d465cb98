package io.twinledger.ledger.peer.gateway;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * An in-process gRPC channel to the embedded peer's gateway that spreads calls over several
 * in-process transports.
 *
 * <p>gRPC's in-process transport serialises every call's start and end on one lock per transport.
 * With hundreds of concurrent clients on one channel, threads spent a quarter of their Java CPU
 * time spinning on that lock (measured with Java Flight Recorder in the peer benchmark); calls on
 * independent transports do not contend. Each call goes to a transport picked at random, so the
 * channel behaves as one channel to its user.
 */
public final class InProcessChannel extends ManagedChannel {

  private final List<ManagedChannel> transports;

  /**
   * @param serverName the in-process server
   * @param transports how many transports to spread calls over; at least 1
   */
  public InProcessChannel(String serverName, int transports) {
    if (transports < 1) {
      throw new IllegalArgumentException("At least one transport is needed: " + transports);
    }
    this.transports =
        IntStream.range(0, transports)
            .mapToObj(i -> (ManagedChannel) InProcessChannelBuilder.forName(serverName).build())
            .toList();
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return transports
        .get(ThreadLocalRandom.current().nextInt(transports.size()))
        .newCall(method, options);
  }

  @Override
  public String authority() {
    return transports.getFirst().authority();
  }

  @Override
  public ManagedChannel shutdown() {
    transports.forEach(ManagedChannel::shutdown);
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    transports.forEach(ManagedChannel::shutdownNow);
    return this;
  }

  @Override
  public boolean isShutdown() {
    return transports.stream().allMatch(ManagedChannel::isShutdown);
  }

  @Override
  public boolean isTerminated() {
    return transports.stream().allMatch(ManagedChannel::isTerminated);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ManagedChannel transport : transports) {
      if (!transport.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }
}
