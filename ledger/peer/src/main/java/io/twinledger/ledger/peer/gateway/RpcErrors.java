package io.twinledger.ledger.peer.gateway;

import com.google.protobuf.Any;
import com.google.rpc.Status;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC errors the way Fabric's gateway returns them: a status code and message, and for failures at
 * an endpoint (an endorser or orderer that answered with an error) an {@link ErrorDetail} (address,
 * MSP id, message) in the status details, which the client exposes as {@code
 * GatewayException.getDetails()}. Failures of the request itself, found before any endpoint is
 * called, carry no details.
 */
final class RpcErrors {

  private RpcErrors() {}

  static StatusRuntimeException of(Code code, String message) {
    return io.grpc.Status.fromCode(code).withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException withDetail(
      Code code, String message, Endpoint endpoint, String detail) {
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
}
