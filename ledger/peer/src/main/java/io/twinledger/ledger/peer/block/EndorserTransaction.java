package io.twinledger.ledger.peer.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block entry read as a Fabric endorser transaction: the envelope's payload and signature, its
 * channel and signature headers, and the single chaincode action with its endorsements, read/write
 * set and event.
 *
 * @param envelope the envelope as ordered
 * @param channelHeader the payload's channel header
 * @param signatureHeader the payload's signature header (creator and nonce)
 * @param chaincodeName the chaincode the action ran
 * @param function the invoked function name (first chaincode argument)
 * @param proposalResponsePayload the bytes the endorsers signed (before their identities)
 * @param endorsements the endorsements
 * @param action the chaincode action: results, event, response
 * @param results the public read/write set
 * @param event the chaincode event, when one was set
 * @param arguments the invocation's arguments after the function name, as the creator signed them
 */
public record EndorserTransaction(
    Envelope envelope,
    ChannelHeader channelHeader,
    SignatureHeader signatureHeader,
    String chaincodeName,
    String function,
    ByteString proposalResponsePayload,
    List<Endorsement> endorsements,
    ChaincodeAction action,
    TxReadWriteSet results,
    Optional<ChaincodeEvent> event,
    List<ByteString> arguments) {

  public EndorserTransaction {
    arguments = List.copyOf(arguments);
  }

  /** The transaction id from the channel header. */
  public String txId() {
    return channelHeader.getTxId();
  }

  /** The client's timestamp from the channel header. */
  public Instant timestamp() {
    return Instant.ofEpochSecond(
        channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
  }

  /**
   * Reads an envelope.
   *
   * @throws MalformedTransactionException with the validation code Fabric gives such an envelope
   */
  public static EndorserTransaction parse(ByteString envelopeBytes)
      throws MalformedTransactionException {
    Envelope envelope = parse(envelopeBytes, Envelope.parser(), TxValidationCode.NIL_ENVELOPE);
    if (envelope.getPayload().isEmpty()) {
      throw new MalformedTransactionException(TxValidationCode.NIL_ENVELOPE, "empty envelope");
    }
    Payload payload = parse(envelope.getPayload(), Payload.parser(), TxValidationCode.BAD_PAYLOAD);
    if (!payload.hasHeader()) {
      throw new MalformedTransactionException(TxValidationCode.BAD_COMMON_HEADER, "no header");
    }
    ChannelHeader channelHeader =
        parse(
            payload.getHeader().getChannelHeader(),
            ChannelHeader.parser(),
            TxValidationCode.BAD_CHANNEL_HEADER);
    SignatureHeader signatureHeader =
        parse(
            payload.getHeader().getSignatureHeader(),
            SignatureHeader.parser(),
            TxValidationCode.BAD_COMMON_HEADER);
    if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
      throw new MalformedTransactionException(
          TxValidationCode.UNKNOWN_TX_TYPE,
          "header type " + channelHeader.getType() + " is not an endorser transaction");
    }
    Transaction transaction =
        parse(payload.getData(), Transaction.parser(), TxValidationCode.BAD_PAYLOAD);
    if (transaction.getActionsCount() != 1) {
      throw new MalformedTransactionException(
          TxValidationCode.NIL_TXACTION,
          "expected one transaction action, found " + transaction.getActionsCount());
    }
    ChaincodeActionPayload actionPayload =
        parse(
            transaction.getActions(0).getPayload(),
            ChaincodeActionPayload.parser(),
            TxValidationCode.BAD_PAYLOAD);
    if (!actionPayload.hasAction()) {
      throw new MalformedTransactionException(TxValidationCode.NIL_TXACTION, "no endorsed action");
    }
    ByteString responsePayloadBytes = actionPayload.getAction().getProposalResponsePayload();
    ProposalResponsePayload responsePayload =
        parse(
            responsePayloadBytes,
            ProposalResponsePayload.parser(),
            TxValidationCode.BAD_RESPONSE_PAYLOAD);
    ChaincodeAction action =
        parse(
            responsePayload.getExtension(),
            ChaincodeAction.parser(),
            TxValidationCode.BAD_RESPONSE_PAYLOAD);
    TxReadWriteSet results =
        parse(action.getResults(), TxReadWriteSet.parser(), TxValidationCode.BAD_RWSET);
    Optional<ChaincodeEvent> event =
        action.getEvents().isEmpty()
            ? Optional.empty()
            : Optional.of(
                parse(
                    action.getEvents(),
                    ChaincodeEvent.parser(),
                    TxValidationCode.INVALID_OTHER_REASON));
    ChaincodeProposalPayload proposalPayload =
        parse(
            actionPayload.getChaincodeProposalPayload(),
            ChaincodeProposalPayload.parser(),
            TxValidationCode.BAD_PAYLOAD);
    ChaincodeInvocationSpec spec =
        parse(
            proposalPayload.getInput(),
            ChaincodeInvocationSpec.parser(),
            TxValidationCode.BAD_PAYLOAD);
    List<ByteString> args = spec.getChaincodeSpec().getInput().getArgsList();
    String function = args.isEmpty() ? "" : args.getFirst().toStringUtf8();
    return new EndorserTransaction(
        envelope,
        channelHeader,
        signatureHeader,
        action.getChaincodeId().getName(),
        function,
        responsePayloadBytes,
        actionPayload.getAction().getEndorsementsList(),
        action,
        results,
        event,
        args.isEmpty() ? List.of() : args.subList(1, args.size()));
  }

  private static <T> T parse(
      ByteString bytes, com.google.protobuf.Parser<T> parser, TxValidationCode code)
      throws MalformedTransactionException {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedTransactionException(code, e.getMessage());
    }
  }
}
