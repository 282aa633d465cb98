package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.Any;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.twinledger.ledger.peer.endorsement.ProposalRejectedException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC errors the way Fabric's gateway returns them: a status code and message, and for failures at
 * an endpoint an {@link ErrorDetail} (address, MSP id, message) in the status details, which the
 * client exposes as {@code GatewayException.getDetails()}.
 */
final class RpcErrors {

  private RpcErrors() {}

  static StatusRuntimeException of(io.grpc.Status.Code code, String message) {
    return io.grpc.Status.fromCode(code).withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException withDetail(
      io.grpc.Status.Code code, String message, Endpoint endpoint, String detail) {
    Status status =
        Status.newBuilder()
            .setCode(code.value())
            .setMessage(message)
            .addDetails(
                Any.pack(
                    ErrorDetail.newBuilder()
                        .setAddress(endpoint.address())
                        .setMspId(endpoint.mspId())
                        .setMessage(detail)
                        .build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  static StatusRuntimeException rejected(ProposalRejectedException e, Endpoint endpoint) {
    io.grpc.Status.Code code =
        switch (e.rejection()) {
          case INVALID -> io.grpc.Status.Code.INVALID_ARGUMENT;
          case FORBIDDEN -> io.grpc.Status.Code.PERMISSION_DENIED;
          case NOT_FOUND -> io.grpc.Status.Code.NOT_FOUND;
          case DUPLICATE -> io.grpc.Status.Code.ALREADY_EXISTS;
          case UNAVAILABLE -> io.grpc.Status.Code.FAILED_PRECONDITION;
        };
    return withDetail(code, e.getMessage(), endpoint, e.getMessage());
  }
}
