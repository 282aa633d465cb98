package io.twinledger.ledger.gateway;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The commit status of a transaction known only by its id: one submitted by an earlier attempt
 * whose answer was lost (a crash, a dropped connection), which the chaincode reports as already
 * recorded. The Fabric Gateway's {@code CommitStatus} call answers for any transaction of the
 * channel, signed by the gateway's identity; the client library builds that request only for
 * transactions it submitted itself, so it is built here and handed to {@link Gateway#newCommit}.
 */
public final class CommitStatuses {

  private CommitStatuses() {}

  /**
   * Waits for, and returns, the commit status of transaction {@code txId} on {@code channel}.
   *
   * @throws CommitStatusException if the peer cannot tell (unknown channel, refused identity, the
   *     call's deadline)
   */
  public static Status of(Gateway gateway, String channel, String txId)
      throws CommitStatusException {
    SignedCommitStatusRequest request =
        SignedCommitStatusRequest.newBuilder()
            .setRequest(
                CommitStatusRequest.newBuilder()
                    .setChannelId(channel)
                    .setTransactionId(txId)
                    .setIdentity(
                        SerializedIdentity.newBuilder()
                            .setMspid(gateway.getIdentity().getMspId())
                            .setIdBytes(ByteString.copyFrom(gateway.getIdentity().getCredentials()))
                            .build()
                            .toByteString())
                    .build()
                    .toByteString())
            .build();
    return gateway.newCommit(request.toByteArray()).getStatus();
  }
}
