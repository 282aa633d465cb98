package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status.Code;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.chaincode.SimulationResult;
import io.twinledger.ledger.peer.commit.CommitNotifier;
import io.twinledger.ledger.peer.commit.Orderer;
import io.twinledger.ledger.peer.endorsement.CheckedProposal;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.ProposalRejectedException;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
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
 * what {@code org.hyperledger.fabric.client.Gateway} expects.
 *
 * <ul>
 *   <li>{@code Evaluate}: checks and simulates the proposal; returns the chaincode response.
 *   <li>{@code Endorse}: checks, simulates and endorses (with the client's endorsing organisations,
 *       or the policy's), returning the prepared transaction envelope to sign.
 *   <li>{@code Submit}: hands the signed envelope to the orderer; returns once it is queued. The
 *       client's envelope signature is checked at commit ({@code BAD_CREATOR_SIGNATURE}).
 *   <li>{@code CommitStatus}: checks the request signature, then waits for the transaction's
 *       validation code and block number.
 *   <li>{@code ChaincodeEvents}: checks the request signature, then streams the chaincode's events
 *       of valid transactions from the requested block (or the next commit), block by block, then
 *       live.
 * </ul>
 *
 * <p>Failures are gRPC statuses: {@code INVALID_ARGUMENT} for malformed requests and bad
 * transaction ids, {@code PERMISSION_DENIED} for unknown or badly signed identities, {@code
 * NOT_FOUND} for unknown channels and chaincodes, {@code ALREADY_EXISTS} for a committed
 * transaction id, and {@code ABORTED} when the chaincode fails, with an {@code ErrorDetail} naming
 * this endpoint, as Fabric's gateway does.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private static final long EVENT_POLL_MILLIS = 500;

  private final String channel;
  private final Endpoint endpoint;
  private final Endorser endorser;
  private final Orderer orderer;
  private final CommitNotifier notifier;
  private final Organizations organizations;
  private final TransactionIndex transactions;
  private final Executor replies = Executors.newVirtualThreadPerTaskExecutor();

  /** Serves {@code channel} from the given peer parts. */
  public GatewayService(
      String channel,
      Endpoint endpoint,
      Endorser endorser,
      Orderer orderer,
      CommitNotifier notifier,
      Organizations organizations,
      TransactionIndex transactions) {
    this.channel = channel;
    this.endpoint = endpoint;
    this.endorser = endorser;
    this.orderer = orderer;
    this.notifier = notifier;
    this.organizations = organizations;
    this.transactions = transactions;
  }

  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
    if (!request.hasProposedTransaction()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, "an evaluate request is required"));
      return;
    }
    try {
      CheckedProposal proposal = endorser.check(request.getProposedTransaction());
      SimulationResult result = endorser.simulate(proposal);
      if (!result.succeeded()) {
        String detail = chaincodeFailure(result);
        responses.onError(
            RpcErrors.withDetail(
                Code.ABORTED,
                "evaluate call to endorser returned error: " + detail,
                endpoint,
                detail));
        return;
      }
      responses.onNext(EvaluateResponse.newBuilder().setResult(result.response()).build());
      responses.onCompleted();
    } catch (ProposalRejectedException e) {
      responses.onError(RpcErrors.rejected(e, endpoint));
    } catch (RuntimeException e) {
      responses.onError(
          RpcErrors.withDetail(
              Code.ABORTED, "evaluate failed: " + e.getMessage(), endpoint, String.valueOf(e)));
    }
  }

  @Override
  public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
    if (!request.hasProposedTransaction()) {
      responses.onError(RpcErrors.of(Code.INVALID_ARGUMENT, "an endorse request is required"));
      return;
    }
    try {
      CheckedProposal proposal = endorser.check(request.getProposedTransaction());
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
      SimulationResult result = endorser.simulate(proposal);
      if (!result.succeeded()) {
        responses.onError(
            RpcErrors.withDetail(
                Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                endpoint,
                chaincodeFailure(result)));
        return;
      }
      Envelope prepared =
          endorser.endorse(proposal, result, Set.copyOf(request.getEndorsingOrganizationsList()));
      responses.onNext(EndorseResponse.newBuilder().setPreparedTransaction(prepared).build());
      responses.onCompleted();
    } catch (ProposalRejectedException e) {
      responses.onError(RpcErrors.rejected(e, endpoint));
    } catch (RuntimeException e) {
      responses.onError(
          RpcErrors.withDetail(
              Code.ABORTED,
              "failed to endorse transaction, see attached details for more info",
              endpoint,
              String.valueOf(e)));
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
    Optional<String> malformed = checkEnvelopeChannel(envelope);
    if (malformed.isPresent()) {
      responses.onError(
          RpcErrors.withDetail(
              Code.ABORTED,
              "received unsuccessful response from orderer: status=BAD_REQUEST, info="
                  + malformed.get(),
              endpoint,
              malformed.get()));
      return;
    }
    try {
      orderer.order(envelope);
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
    CommitStatusRequest request;
    try {
      request = CommitStatusRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      responses.onError(
          RpcErrors.of(Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage()));
      return;
    }
    Optional<io.grpc.StatusRuntimeException> refused =
        checkSigned(
                request.getIdentity(),
                signed.getRequest(),
                signed.getSignature(),
                request.getChannelId())
            .or(
                () ->
                    request.getTransactionId().isEmpty()
                        ? Optional.of(
                            RpcErrors.of(
                                Code.INVALID_ARGUMENT, "transaction ID should not be empty"))
                        : Optional.empty());
    if (refused.isPresent()) {
      responses.onError(refused.get());
      return;
    }
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
    ChaincodeEventsRequest request;
    try {
      request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
    } catch (InvalidProtocolBufferException e) {
      responses.onError(
          RpcErrors.of(
              Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage()));
      return;
    }
    Optional<io.grpc.StatusRuntimeException> refused =
        checkSigned(
            request.getIdentity(),
            signed.getRequest(),
            signed.getSignature(),
            request.getChannelId());
    if (refused.isPresent()) {
      responses.onError(refused.get());
      return;
    }
    long start = startBlock(request);
    ServerCallStreamObserver<ChaincodeEventsResponse> call =
        (ServerCallStreamObserver<ChaincodeEventsResponse>) responses;
    Thread.ofVirtual()
        .name("peer-events-" + request.getChaincodeId())
        .start(() -> streamEvents(request, start, call));
  }

  private void streamEvents(
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

  private long startBlock(ChaincodeEventsRequest request) {
    if (!request.getAfterTransactionId().isEmpty()) {
      Optional<TxStatus> after = transactions.find(request.getAfterTransactionId());
      if (after.isPresent()) {
        return after.get().blockNumber();
      }
    }
    SeekPosition position = request.getStartPosition();
    return position.hasSpecified() ? position.getSpecified().getNumber() : notifier.height();
  }

  private Optional<io.grpc.StatusRuntimeException> checkSigned(
      ByteString identity, ByteString request, ByteString signature, String channelId) {
    if (identity.isEmpty()) {
      return Optional.of(RpcErrors.of(Code.INVALID_ARGUMENT, "no identity provided"));
    }
    if (channelId.isEmpty()) {
      return Optional.of(RpcErrors.of(Code.INVALID_ARGUMENT, "no channel ID provided"));
    }
    if (!channel.equals(channelId)) {
      return Optional.of(RpcErrors.of(Code.NOT_FOUND, "channel '" + channelId + "' not found"));
    }
    Creator creator;
    try {
      creator = organizations.verify(identity);
    } catch (IdentityException e) {
      return Optional.of(
          RpcErrors.of(Code.PERMISSION_DENIED, "identity is not valid: " + e.getMessage()));
    }
    return creator
        .verify(request.toByteArray(), signature.toByteArray())
        .map(
            reason ->
                RpcErrors.of(
                    Code.PERMISSION_DENIED,
                    "request signature of " + creator.mspId() + " client is invalid: " + reason));
  }

  private Optional<String> checkEnvelopeChannel(Envelope envelope) {
    try {
      Payload payload = Payload.parseFrom(envelope.getPayload());
      ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      if (!channel.equals(header.getChannelId())) {
        return Optional.of("channel '" + header.getChannelId() + "' not found");
      }
      return Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.of("envelope payload is not readable: " + e.getMessage());
    }
  }

  private static String chaincodeFailure(SimulationResult result) {
    return "chaincode response "
        + result.response().getStatus()
        + ", "
        + result.response().getMessage();
  }
}
