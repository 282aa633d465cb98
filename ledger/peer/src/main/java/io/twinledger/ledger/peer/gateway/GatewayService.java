package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status.Code;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.chaincode.SimulationResult;
import io.twinledger.ledger.peer.commit.CommitNotifier;
import io.twinledger.ledger.peer.commit.EnvelopeAdmission;
import io.twinledger.ledger.peer.commit.EnvelopeRefusedException;
import io.twinledger.ledger.peer.endorsement.CheckedProposal;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.ProposalRejectedException;
import io.twinledger.ledger.peer.endorsement.Rejection;
import io.twinledger.ledger.peer.endorsement.UnpackedProposal;
import io.twinledger.ledger.peer.state.TxStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * Fabric's Gateway gRPC service ({@code gateway.proto}) over the embedded peer, speaking exactly
 * what {@code org.hyperledger.fabric.client.Gateway} expects. One service serves every channel the
 * peer has joined: each request is routed by its channel id to that channel's parts ({@link
 * ChannelServices}), as a Fabric peer's gateway looks up the channel of each request; {@code
 * Endorse} and {@code Evaluate} carry it in the proposal's channel header, {@code Submit} in the
 * request, {@code CommitStatus} and {@code ChaincodeEvents} inside the signed request bytes. An
 * identity of an organisation that is not a member of the channel is refused on it, as an invalid
 * identity is. This peer is the gateway's only endorser and its orderer, so failures carry the gRPC
 * codes a Fabric 2.5 gateway returns when its own peer endorses and its orderer answers ({@code
 * internal/pkg/gateway} in Fabric); the messages keep Fabric's wording and add the reason:
 *
 * <ul>
 *   <li>{@code Evaluate} checks and simulates the proposal and returns the chaincode response. An
 *       unreadable proposal is {@code INVALID_ARGUMENT}; an unknown channel {@code UNAVAILABLE}; an
 *       unknown chaincode {@code FAILED_PRECONDITION}. A proposal the endorser refuses (invalid
 *       creator or signature, bad or duplicate transaction id) is {@code FAILED_PRECONDITION}, a
 *       chaincode error response {@code UNKNOWN}, both "evaluate call to endorser returned error"
 *       with an {@code ErrorDetail}; a failed simulation is {@code ABORTED}.
 *   <li>{@code Endorse} checks, simulates and endorses (as the client's endorsing organisations, or
 *       those the policy names) and returns the prepared transaction envelope to sign. An
 *       unreadable proposal is {@code INVALID_ARGUMENT}; endorsing organisations this peer cannot
 *       endorse for {@code UNAVAILABLE}; an unknown channel or chaincode {@code
 *       FAILED_PRECONDITION}; whatever the endorser refuses or the chaincode fails {@code ABORTED}
 *       "failed to endorse transaction", with the reason in the {@code ErrorDetail}.
 *   <li>{@code Submit} has the orderer's admission check the envelope ({@link EnvelopeAdmission})
 *       and queues it; it returns once the envelope is queued. A refused envelope is {@code
 *       ABORTED} "received unsuccessful response from orderer: status=..., info=...", without
 *       details: {@code BAD_REQUEST} for an unreadable envelope or another channel's, {@code
 *       FORBIDDEN} for an invalid creator or a signature by another key than the creator's. The
 *       client sees a {@code SubmitException}. A request for another channel is {@code
 *       FAILED_PRECONDITION}; a stopped orderer {@code UNAVAILABLE} with an {@code ErrorDetail}.
 *   <li>{@code CommitStatus} checks the request and its signature, then waits for the transaction's
 *       validation code and block number. A missing identity, channel or transaction id is {@code
 *       INVALID_ARGUMENT}; an unknown channel, an invalid identity or a bad signature {@code
 *       PERMISSION_DENIED} (Fabric's ACL check).
 *   <li>{@code ChaincodeEvents} checks the request signature, then streams the chaincode's events
 *       of valid transactions from the requested block (or the next commit), block by block, then
 *       live. An unreadable request is {@code INVALID_ARGUMENT}; a failed ACL check (no or invalid
 *       identity, bad signature, unknown channel) {@code PERMISSION_DENIED}; the {@code oldest} or
 *       {@code newest} start position, which Fabric's gateway does not take, {@code
 *       INVALID_ARGUMENT}.
 * </ul>
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private static final long EVENT_POLL_MILLIS = 500;
  private static final String ENDORSE_FAILED =
      "failed to endorse transaction, see attached details for more info";
  private static final String NO_PLAN =
      "no combination of peers can be derived which satisfy the endorsement policy: ";

  private final Endpoint endpoint;
  private final Map<String, ChannelServices> channels;
  private final Executor replies = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * Serves the given channels.
   *
   * @throws IllegalArgumentException if two have the same name
   */
  public GatewayService(Endpoint endpoint, List<ChannelServices> channels) {
    this.endpoint = endpoint;
    Map<String, ChannelServices> byName = new HashMap<>();
    for (ChannelServices channel : channels) {
      if (byName.put(channel.channel(), channel) != null) {
        throw new IllegalArgumentException("Channel " + channel.channel() + " is served twice");
      }
    }
    this.channels = Map.copyOf(byName);
  }

  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
    Endorser endorser;
    CheckedProposal proposal;
    try {
      UnpackedProposal unpacked = Endorser.unpack(request.getProposedTransaction());
      endorser = channelOf(unpacked).endorser();
      proposal = endorser.check(unpacked);
    } catch (ProposalRejectedException e) {
      responses.onError(
          switch (e.rejection()) {
            case MALFORMED ->
                RpcErrors.of(
                    Code.INVALID_ARGUMENT,
                    "failed to unpack transaction proposal: " + e.getMessage());
            case UNKNOWN_CHANNEL ->
                RpcErrors.of(
                    Code.UNAVAILABLE, "failed to get config for channel: " + e.getMessage());
            case UNKNOWN_CHAINCODE ->
                RpcErrors.of(
                    Code.FAILED_PRECONDITION,
                    "no peers available to evaluate chaincode: " + e.getMessage());
            case REFUSED ->
                RpcErrors.withDetail(
                    Code.FAILED_PRECONDITION,
                    "evaluate call to endorser returned error: " + e.getMessage(),
                    endpoint,
                    e.getMessage());
          });
      return;
    }
    SimulationResult result;
    try {
      result = endorser.simulate(proposal);
    } catch (RuntimeException e) {
      responses.onError(
          RpcErrors.withDetail(
              Code.ABORTED,
              "failed to evaluate transaction, see attached details for more info",
              endpoint,
              "error in simulation: " + e));
      return;
    }
    if (!result.succeeded()) {
      String detail = chaincodeFailure(result);
      responses.onError(
          RpcErrors.withDetail(
              Code.UNKNOWN,
              "evaluate call to endorser returned error: " + detail,
              endpoint,
              detail));
      return;
    }
    responses.onNext(EvaluateResponse.newBuilder().setResult(result.response()).build());
    responses.onCompleted();
  }

  @Override
  public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
    if (request.getProposedTransaction().getProposalBytes().isEmpty()) {
      responses.onError(
          RpcErrors.of(
              Code.INVALID_ARGUMENT, "the proposed transaction must contain a signed proposal"));
      return;
    }
    UnpackedProposal unpacked;
    Endorser endorser;
    DeployedChaincode chaincode;
    try {
      unpacked = Endorser.unpack(request.getProposedTransaction());
      endorser = channelOf(unpacked).endorser();
      chaincode = endorser.chaincode(unpacked);
    } catch (ProposalRejectedException e) {
      responses.onError(
          e.rejection() == Rejection.MALFORMED
              ? RpcErrors.of(Code.INVALID_ARGUMENT, e.getMessage())
              : RpcErrors.of(Code.FAILED_PRECONDITION, NO_PLAN + e.getMessage()));
      return;
    }
    boolean requested = request.getEndorsingOrganizationsCount() > 0;
    Set<String> organizations =
        requested
            ? Set.copyOf(request.getEndorsingOrganizationsList())
            : endorser.defaultEndorsers(chaincode);
    List<String> unavailable = unavailable(endorser, organizations);
    if (!unavailable.isEmpty()) {
      responses.onError(
          requested
              ? RpcErrors.of(
                  Code.UNAVAILABLE,
                  "failed to find any endorsing peers for org(s): "
                      + String.join(", ", unavailable))
              : RpcErrors.of(
                  Code.FAILED_PRECONDITION,
                  NO_PLAN
                      + "this peer holds no endorser identity for "
                      + String.join(", ", unavailable)));
      return;
    }
    CheckedProposal proposal;
    try {
      proposal = endorser.check(unpacked);
    } catch (ProposalRejectedException e) {
      responses.onError(
          RpcErrors.withDetail(Code.ABORTED, ENDORSE_FAILED, endpoint, e.getMessage()));
      return;
    }
    if (!request.getTransactionId().isEmpty()
        && !request.getTransactionId().equals(proposal.txId())) {
      responses.onError(
          RpcErrors.of(
              Code.INVALID_ARGUMENT,
              "request transaction id "
                  + request.getTransactionId()
                  + " differs from the proposal's "
                  + proposal.txId()));
      return;
    }
    try {
      SimulationResult result = endorser.simulate(proposal);
      if (!result.succeeded()) {
        responses.onError(
            RpcErrors.withDetail(Code.ABORTED, ENDORSE_FAILED, endpoint, chaincodeFailure(result)));
        return;
      }
      Envelope prepared = endorser.endorse(proposal, result, organizations);
      responses.onNext(EndorseResponse.newBuilder().setPreparedTransaction(prepared).build());
      responses.onCompleted();
    } catch (RuntimeException e) {
      responses.onError(
          RpcErrors.withDetail(
              Code.ABORTED, ENDORSE_FAILED, endpoint, "error in simulation: " + e));
    }
  }

  @Override
  public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
    if (!request.hasPreparedTransaction()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, "a prepared transaction is required"));
      return;
    }
    Envelope envelope = request.getPreparedTransaction();
    if (envelope.getSignature().isEmpty()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, "prepared transaction must be signed"));
      return;
    }
    ChannelServices channel = channels.get(request.getChannelId());
    if (channel == null) {
      responses.onError(
          RpcErrors.of(
              Code.FAILED_PRECONDITION,
              "failed to get config for channel: channel '"
                  + request.getChannelId()
                  + "' not found"));
      return;
    }
    try {
      channel.admission().admit(envelope);
    } catch (EnvelopeRefusedException e) {
      responses.onError(
          RpcErrors.of(
              Code.ABORTED,
              "received unsuccessful response from orderer: status="
                  + e.status().name()
                  + ", info="
                  + e.getMessage()));
      return;
    }
    try {
      channel.orderer().order(envelope);
    } catch (IllegalStateException e) {
      responses.onError(
          RpcErrors.withDetail(
              Code.UNAVAILABLE,
              "no orderers could successfully process transaction",
              endpoint,
              e.getMessage()));
      return;
    }
    responses.onNext(SubmitResponse.getDefaultInstance());
    responses.onCompleted();
  }

  @Override
  public void commitStatus(
      SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> responses) {
    if (signed.getRequest().isEmpty()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, "a commit status request is required"));
      return;
    }
    CommitStatusRequest request;
    try {
      request = CommitStatusRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      responses.onError(
          RpcErrors.of(Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage()));
      return;
    }
    Optional<String> incomplete = incomplete(request);
    if (incomplete.isPresent()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, incomplete.get()));
      return;
    }
    Optional<ChannelServices> channel =
        passesAcl(
            request.getIdentity(),
            signed.getRequest(),
            signed.getSignature(),
            request.getChannelId(),
            responses);
    if (channel.isEmpty()) {
      return;
    }
    CommitNotifier notifier = channel.get().notifier();
    CompletableFuture<TxStatus> status = notifier.status(request.getTransactionId());
    if (responses instanceof ServerCallStreamObserver<CommitStatusResponse> call) {
      call.setOnCancelHandler(() -> notifier.forget(request.getTransactionId(), status));
    }
    // Off the committing thread: it completes a whole block's waiters at once.
    status.thenAcceptAsync(
        committed -> {
          responses.onNext(
              CommitStatusResponse.newBuilder()
                  .setResult(committed.code())
                  .setBlockNumber(committed.blockNumber())
                  .build());
          responses.onCompleted();
        },
        replies);
  }

  @Override
  public void chaincodeEvents(
      SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> responses) {
    if (signed.getRequest().isEmpty()) {
      responses.onError(
          RpcErrors.of(Code.INVALID_ARGUMENT, "a chaincode events request is required"));
      return;
    }
    ChaincodeEventsRequest request;
    try {
      request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      responses.onError(
          RpcErrors.of(
              Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage()));
      return;
    }
    Optional<ChannelServices> channel =
        passesAcl(
            request.getIdentity(),
            signed.getRequest(),
            signed.getSignature(),
            request.getChannelId(),
            responses);
    if (channel.isEmpty()) {
      return;
    }
    if (request.getStartPosition().hasOldest() || request.getStartPosition().hasNewest()) {
      responses.onError(
          RpcErrors.of(
              Code.INVALID_ARGUMENT,
              "invalid start position type: " + request.getStartPosition().getTypeCase()));
      return;
    }
    long start = startBlock(channel.get(), request);
    ServerCallStreamObserver<ChaincodeEventsResponse> call =
        (ServerCallStreamObserver<ChaincodeEventsResponse>) responses;
    CommitNotifier notifier = channel.get().notifier();
    Thread.ofVirtual()
        .name("peer-events-" + request.getChannelId() + "-" + request.getChaincodeId())
        .start(() -> streamEvents(notifier, request, start, call));
  }

  private static void streamEvents(
      CommitNotifier notifier,
      ChaincodeEventsRequest request,
      long start,
      ServerCallStreamObserver<ChaincodeEventsResponse> call) {
    String afterTxId = request.getAfterTransactionId();
    boolean passed = afterTxId.isEmpty();
    long number = start;
    try {
      while (!call.isCancelled()) {
        if (!notifier.awaitBlock(number, EVENT_POLL_MILLIS)) {
          continue;
        }
        BlockEvents block = notifier.events(number);
        List<ChaincodeEvent> matching = new ArrayList<>();
        for (ChaincodeEvent event : block.events()) {
          if (!passed) {
            passed = event.getTxId().equals(afterTxId);
            continue;
          }
          if (event.getChaincodeId().equals(request.getChaincodeId())) {
            matching.add(event);
          }
        }
        if (!matching.isEmpty() && !call.isCancelled()) {
          call.onNext(
              ChaincodeEventsResponse.newBuilder()
                  .setBlockNumber(number)
                  .addAllEvents(matching)
                  .build());
        }
        number++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!call.isCancelled()) {
        call.onError(RpcErrors.of(Code.ABORTED, e.getMessage()));
      }
    }
  }

  private static long startBlock(ChannelServices channel, ChaincodeEventsRequest request) {
    if (!request.getAfterTransactionId().isEmpty()) {
      Optional<TxStatus> after = channel.transactions().find(request.getAfterTransactionId());
      if (after.isPresent()) {
        return after.get().blockNumber();
      }
    }
    SeekPosition position = request.getStartPosition();
    return position.hasSpecified()
        ? position.getSpecified().getNumber()
        : channel.notifier().height();
  }

  /** What a commit status request lacks, checked before its signature as Fabric does. */
  private static Optional<String> incomplete(CommitStatusRequest request) {
    if (request.getIdentity().isEmpty()) {
      return Optional.of("no identity provided");
    }
    if (request.getChannelId().isEmpty()) {
      return Optional.of("no channel ID provided");
    }
    if (request.getTransactionId().isEmpty()) {
      return Optional.of("transaction ID should not be empty");
    }
    return Optional.empty();
  }

  /**
   * The channel of a signed request if the request passes its access check; when it does not,
   * {@code responses} has been told {@code PERMISSION_DENIED} and why.
   */
  private Optional<ChannelServices> passesAcl(
      ByteString identity,
      ByteString request,
      ByteString signature,
      String channelId,
      StreamObserver<?> responses) {
    ChannelServices channel = channels.get(channelId);
    Optional<String> failure =
        channel == null
            ? Optional.of("failed to get policy manager for channel [" + channelId + "]")
            : channel.organizations().accessRefusal(identity, request, signature);
    failure.ifPresent(reason -> responses.onError(RpcErrors.of(Code.PERMISSION_DENIED, reason)));
    return failure.isEmpty() ? Optional.of(channel) : Optional.empty();
  }

  /**
   * The joined channel a proposal is for.
   *
   * @throws ProposalRejectedException {@link Rejection#UNKNOWN_CHANNEL} if the peer has not joined
   *     it
   */
  private ChannelServices channelOf(UnpackedProposal proposal) throws ProposalRejectedException {
    ChannelServices channel = channels.get(proposal.channelId());
    if (channel == null) {
      throw new ProposalRejectedException(
          Rejection.UNKNOWN_CHANNEL, "channel '" + proposal.channelId() + "' not found");
    }
    return channel;
  }

  /**
   * Those of {@code organizations} this peer holds no endorser identity for on the endorser's
   * channel, sorted.
   */
  private static List<String> unavailable(Endorser endorser, Set<String> organizations) {
    return organizations.stream()
        .filter(mspId -> !endorser.endorsingOrganizations().contains(mspId))
        .sorted()
        .toList();
  }

  private static String chaincodeFailure(SimulationResult result) {
    return "chaincode response "
        + result.response().getStatus()
        + ", "
        + result.response().getMessage();
  }
}
