package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.twinledger.ledger.peer.block.FilteredBlocks;
import io.twinledger.ledger.peer.commit.CommitNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric's peer {@code Deliver} service ({@code peer/events.proto}): committed blocks ({@code
 * Deliver}) or filtered blocks ({@code DeliverFiltered}, {@link FilteredBlocks}) of a joined
 * channel, from a start position to a stop position, then live as they commit. It is what the
 * fabric-gateway client's {@code getBlockEvents} and {@code getFilteredBlockEvents} call. {@code
 * DeliverWithPrivateData} is not served ({@code UNIMPLEMENTED}).
 *
 * <p>A stream carries signed {@code Envelope}s, each answered in turn, as Fabric's {@code
 * common/deliver} handler answers them: blocks, then one {@code status}. {@code SUCCESS} once the
 * stop position has been sent, after which the stream waits for the next request; any other status
 * ends the stream. The request's payload has a {@code DELIVER_SEEK_INFO} channel header and a
 * {@code SeekInfo}:
 *
 * <ul>
 *   <li>start {@code oldest} is block 0, {@code newest} the last committed block (block 0 on an
 *       empty chain), {@code specified} that block, {@code next_commit} the next block to commit;
 *   <li>stop {@code oldest} is the start, {@code newest} the last committed block when the request
 *       is read (the start, if the start is also {@code newest}; block 0 on an empty chain), {@code
 *       specified} that block; block numbers are unsigned, so the fabric-gateway client's "never
 *       stop" is the largest number;
 *   <li>{@code BLOCK_UNTIL_READY} waits for blocks not yet committed; {@code FAIL_IF_NOT_READY}
 *       answers {@code NOT_FOUND} when the next block to send is not committed;
 *   <li>content type {@code HEADER_WITH_SIG} sends blocks without their data.
 * </ul>
 *
 * <p>Refusals, in Fabric's order: {@code BAD_REQUEST} for an unreadable payload or channel header,
 * a header that is not {@code DELIVER_SEEK_INFO} (stricter than Fabric, which does not look), a
 * timestamp missing or more than {@link #TIME_WINDOW} from the peer's clock (Fabric's {@code
 * peer.authentication.timewindow}), a mutual-TLS binding that does not match ({@link TlsBinding});
 * {@code NOT_FOUND} for a channel the peer has not joined; {@code BAD_REQUEST} for an unreadable
 * signature header; {@code FORBIDDEN} when the request fails the channel's access check (the one
 * {@code CommitStatus} and {@code ChaincodeEvents} pass: a valid, unexpired identity of a member
 * whose signature over the payload verifies), checked again before every block sent, so that a
 * certificate that expires mid-stream ends it; {@code BAD_REQUEST} for an unreadable {@code
 * SeekInfo}, a missing start or stop, or a stop before the start.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {

  /** How far a request's timestamp may be from the peer's clock, either way: Fabric's default. */
  public static final Duration TIME_WINDOW = Duration.ofMinutes(15);

  private static final long POLL_MILLIS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(DeliverService.class);

  private final Map<String, ChannelServices> channels;
  private final Clock clock;

  /**
   * Serves the given channels, judging request timestamps by {@code clock}.
   *
   * @throws IllegalArgumentException if two have the same name
   */
  public DeliverService(List<ChannelServices> channels, Clock clock) {
    Map<String, ChannelServices> byName = new HashMap<>();
    for (ChannelServices channel : channels) {
      if (byName.put(channel.channel(), channel) != null) {
        throw new IllegalArgumentException("Channel " + channel.channel() + " is served twice");
      }
    }
    this.channels = Map.copyOf(byName);
    this.clock = clock;
  }

  @Override
  public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
    return open(responses, Form.BLOCKS);
  }

  @Override
  public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
    return open(responses, Form.FILTERED);
  }

  private StreamObserver<Envelope> open(StreamObserver<DeliverResponse> responses, Form form) {
    ServerCallStreamObserver<DeliverResponse> call =
        (ServerCallStreamObserver<DeliverResponse>) responses;
    // Read here, on the call's own context; requests are answered on another thread.
    DeliverStream stream = new DeliverStream(call, form, TlsBinding.currentClientCertificateHash());
    call.setOnCancelHandler(stream::cancel);
    return stream;
  }

  /** What a stream sends for each block. */
  private enum Form {
    BLOCKS {
      @Override
      DeliverResponse response(String channel, Block block, SeekInfo seekInfo) {
        Block sent =
            seekInfo.getContentType() == SeekInfo.SeekContentType.HEADER_WITH_SIG
                ? block.toBuilder().setData(BlockData.getDefaultInstance()).build()
                : block;
        return DeliverResponse.newBuilder().setBlock(sent).build();
      }
    },
    FILTERED {
      @Override
      DeliverResponse response(String channel, Block block, SeekInfo seekInfo) {
        return DeliverResponse.newBuilder()
            .setFilteredBlock(FilteredBlocks.of(channel, block))
            .build();
      }
    };

    abstract DeliverResponse response(String channel, Block block, SeekInfo seekInfo);
  }

  /**
   * A request that passed its checks.
   *
   * @param channel the channel it reads
   * @param envelope the signed request, whose creator is checked again before each block
   * @param creator the creator's serialized identity
   * @param seekInfo what to send
   */
  private record SeekRequest(
      ChannelServices channel, Envelope envelope, ByteString creator, SeekInfo seekInfo) {}

  /** A request refused with a Deliver status. */
  private static final class Refused extends Exception {

    private final Status status;

    Refused(Status status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  /**
   * One Deliver stream: its requests are answered in order, on a virtual thread of its own, since
   * answering one may wait for blocks to commit.
   */
  private final class DeliverStream implements StreamObserver<Envelope> {

    private final ServerCallStreamObserver<DeliverResponse> call;
    private final Form form;
    private final Optional<ByteString> clientCertificateHash;
    private final ExecutorService worker;
    private volatile boolean ended;

    DeliverStream(
        ServerCallStreamObserver<DeliverResponse> call,
        Form form,
        Optional<ByteString> clientCertificateHash) {
      this.call = call;
      this.form = form;
      this.clientCertificateHash = clientCertificateHash;
      this.worker =
          Executors.newSingleThreadExecutor(
              Thread.ofVirtual().name("peer-deliver-" + form.name().toLowerCase()).factory());
    }

    @Override
    public void onNext(Envelope envelope) {
      run(() -> answer(envelope));
    }

    @Override
    public void onError(Throwable error) {
      cancel();
    }

    @Override
    public void onCompleted() {
      run(() -> end(Optional.empty()));
      worker.shutdown();
    }

    void cancel() {
      ended = true;
      worker.shutdownNow();
    }

    private void run(Runnable task) {
      try {
        worker.execute(task);
      } catch (RejectedExecutionException e) {
        // The stream has ended; later requests have no one to answer.
      }
    }

    private void answer(Envelope envelope) {
      if (ended) {
        return;
      }
      try {
        Optional<Status> status = deliverBlocks(envelope);
        if (status.isEmpty()) {
          return;
        }
        call.onNext(DeliverResponse.newBuilder().setStatus(status.get()).build());
        if (status.get() != Status.SUCCESS) {
          end(Optional.empty());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("Deliver stream failed", e);
        end(Optional.of(e));
      }
    }

    private void end(Optional<RuntimeException> failure) {
      if (ended) {
        return;
      }
      ended = true;
      if (failure.isPresent()) {
        call.onError(
            RpcErrors.of(io.grpc.Status.Code.INTERNAL, "deliver failed: " + failure.get()));
      } else {
        call.onCompleted();
      }
      worker.shutdown();
    }

    /**
     * Sends the blocks a request asks for.
     *
     * @return the status to answer with; empty if the stream was cancelled meanwhile
     */
    private Optional<Status> deliverBlocks(Envelope envelope) throws InterruptedException {
      SeekRequest request;
      long start;
      long stop;
      try {
        request = check(envelope);
        CommitNotifier notifier = request.channel().notifier();
        long height = notifier.height();
        start = start(request.seekInfo().getStart(), height);
        stop = stop(request.seekInfo(), start, height);
      } catch (Refused e) {
        LOG.debug("Deliver request refused with {}: {}", e.status, e.getMessage());
        return Optional.of(e.status);
      }
      ChannelServices channel = request.channel();
      CommitNotifier notifier = channel.notifier();
      SeekInfo seekInfo = request.seekInfo();
      for (long number = start; ; number++) {
        if (seekInfo.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY
            && Long.compareUnsigned(number, notifier.height()) >= 0) {
          return Optional.of(Status.NOT_FOUND);
        }
        if (!awaitBlock(notifier, number)) {
          return Optional.empty();
        }
        Block block =
            notifier
                .block(number)
                .orElseThrow(() -> new IllegalStateException("committed block is missing"));
        Optional<String> refusal =
            channel
                .organizations()
                .accessRefusal(
                    request.creator(),
                    request.envelope().getPayload(),
                    request.envelope().getSignature());
        if (refusal.isPresent()) {
          LOG.debug("Deliver stream ended with FORBIDDEN: {}", refusal.get());
          return Optional.of(Status.FORBIDDEN);
        }
        call.onNext(form.response(channel.channel(), block, seekInfo));
        if (number == stop) {
          return Optional.of(Status.SUCCESS);
        }
      }
    }

    /** Waits until block {@code number} commits; false if the stream is cancelled first. */
    private boolean awaitBlock(CommitNotifier notifier, long number) throws InterruptedException {
      while (!call.isCancelled() && !ended) {
        // Beyond Long.MAX_VALUE (unsigned) a block never commits: wait until cancelled.
        if (number >= 0 && notifier.awaitBlock(number, POLL_MILLIS)) {
          return true;
        }
        if (number < 0) {
          Thread.sleep(POLL_MILLIS);
        }
      }
      return false;
    }

    private SeekRequest check(Envelope envelope) throws Refused {
      Payload payload;
      ChannelHeader header;
      try {
        payload = Payload.parseFrom(envelope.getPayload());
        if (!payload.hasHeader()) {
          throw new Refused(Status.BAD_REQUEST, "envelope has no header");
        }
        header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      } catch (InvalidProtocolBufferException e) {
        throw new Refused(Status.BAD_REQUEST, "unreadable envelope: " + e.getMessage());
      }
      if (header.getType() != HeaderType.DELIVER_SEEK_INFO_VALUE) {
        throw new Refused(
            Status.BAD_REQUEST, "header type " + header.getType() + " is not DELIVER_SEEK_INFO");
      }
      checkTimestamp(header);
      Optional<String> unbound = TlsBinding.refusal(clientCertificateHash, header.getTlsCertHash());
      if (unbound.isPresent()) {
        throw new Refused(Status.BAD_REQUEST, unbound.get());
      }
      ChannelServices channel = channels.get(header.getChannelId());
      if (channel == null) {
        throw new Refused(Status.NOT_FOUND, "channel " + header.getChannelId() + " not found");
      }
      SignatureHeader signatureHeader;
      try {
        signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
      } catch (InvalidProtocolBufferException e) {
        throw new Refused(Status.BAD_REQUEST, "unreadable signature header: " + e.getMessage());
      }
      Optional<String> refusal =
          channel
              .organizations()
              .accessRefusal(
                  signatureHeader.getCreator(), envelope.getPayload(), envelope.getSignature());
      if (refusal.isPresent()) {
        throw new Refused(Status.FORBIDDEN, refusal.get());
      }
      SeekInfo seekInfo;
      try {
        seekInfo = SeekInfo.parseFrom(payload.getData());
      } catch (InvalidProtocolBufferException e) {
        throw new Refused(Status.BAD_REQUEST, "unreadable seek info: " + e.getMessage());
      }
      if (!seekInfo.hasStart() || !seekInfo.hasStop()) {
        throw new Refused(Status.BAD_REQUEST, "seek info lacks a start or stop position");
      }
      return new SeekRequest(channel, envelope, signatureHeader.getCreator(), seekInfo);
    }

    private void checkTimestamp(ChannelHeader header) throws Refused {
      if (!header.hasTimestamp()) {
        throw new Refused(Status.BAD_REQUEST, "channel header in envelope must contain timestamp");
      }
      Timestamp timestamp = header.getTimestamp();
      Instant sent = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
      Instant now = clock.instant();
      if (Duration.between(sent, now).abs().compareTo(TIME_WINDOW) > 0) {
        throw new Refused(
            Status.BAD_REQUEST,
            "envelope timestamp "
                + sent
                + " is more than "
                + TIME_WINDOW
                + " apart from the peer's time "
                + now);
      }
    }
  }

  private static long start(SeekPosition position, long height) throws Refused {
    return switch (position.getTypeCase()) {
      case OLDEST -> 0;
      case NEWEST -> Math.max(height - 1, 0);
      case SPECIFIED -> position.getSpecified().getNumber();
      case NEXT_COMMIT -> height;
      case TYPE_NOT_SET -> throw new Refused(Status.BAD_REQUEST, "start position has no type");
    };
  }

  private static long stop(SeekInfo seekInfo, long start, long height) throws Refused {
    SeekPosition position = seekInfo.getStop();
    long stop =
        switch (position.getTypeCase()) {
          case OLDEST -> start;
          case NEWEST -> seekInfo.getStart().equals(position) ? start : Math.max(height - 1, 0);
          case SPECIFIED -> position.getSpecified().getNumber();
          case NEXT_COMMIT, TYPE_NOT_SET ->
              throw new Refused(
                  Status.BAD_REQUEST, "stop position " + position.getTypeCase() + " is not taken");
        };
    // Also refuses a stop at NEWEST below a later start, which Fabric would stream past forever.
    if (Long.compareUnsigned(stop, start) < 0) {
      throw new Refused(
          Status.BAD_REQUEST, "start number " + start + " greater than stop number " + stop);
    }
    return stop;
  }
}
