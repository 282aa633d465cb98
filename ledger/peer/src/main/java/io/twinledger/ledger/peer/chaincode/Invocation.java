package io.twinledger.ledger.peer.chaincode;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.identity.Creator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a chaincode sees of the proposal it runs for.
 *
 * @param channelId the channel
 * @param txId the transaction id
 * @param args the chaincode input; the first is the function name
 * @param transientMap transient data (never recorded on the chain)
 * @param signedProposal the proposal as the client signed it
 * @param timestamp the client's timestamp from the channel header
 * @param creator the client, verified
 * @param binding SHA-256(nonce ‖ creator ‖ epoch as 8 little-endian bytes)
 */
public record Invocation(
    String channelId,
    String txId,
    List<ByteString> args,
    Map<String, ByteString> transientMap,
    SignedProposal signedProposal,
    Instant timestamp,
    Creator creator,
    ByteString binding) {

  public Invocation {
    args = List.copyOf(args);
    transientMap = Map.copyOf(transientMap);
  }

  /** The function name, or empty when there are no arguments. */
  public String function() {
    return args.isEmpty() ? "" : args.get(0).toStringUtf8();
  }
}
