package io.twinledger.ledger.peer.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block as Fabric's {@code DeliverFiltered} service sends it: the channel, the block number and,
 * per transaction, its id, header type and validation code and, for an endorser transaction, one
 * filtered action per chaincode event, carrying the event's transaction id, chaincode id and name
 * but never its payload. As in Fabric ({@code core/peer/deliverevents.go}), the events of invalid
 * transactions are included (the validation code says they did not take effect), an action without
 * an event or with an event that names no chaincode gets no filtered action, and an entry whose
 * envelope or header cannot be read is left out. Unlike Fabric, which fails the whole stream on an
 * unreadable transaction body, such a transaction is listed without actions.
 */
public final class FilteredBlocks {

  private FilteredBlocks() {}

  /** The filtered form of committed block {@code block} of {@code channel}. */
  public static FilteredBlock of(String channel, Block block) {
    byte[] codes = BlockEvents.validationCodes(block);
    FilteredBlock.Builder filtered =
        FilteredBlock.newBuilder().setChannelId(channel).setNumber(block.getHeader().getNumber());
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      TxValidationCode code =
          i < codes.length
              ? Optional.ofNullable(TxValidationCode.forNumber(codes[i]))
                  .orElse(TxValidationCode.INVALID_OTHER_REASON)
              : TxValidationCode.NOT_VALIDATED;
      transaction(block.getData().getData(i), code).ifPresent(filtered::addFilteredTransactions);
    }
    return filtered.build();
  }

  private static Optional<FilteredTransaction> transaction(
      ByteString envelopeBytes, TxValidationCode code) {
    Payload payload;
    ChannelHeader header;
    try {
      payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
      if (!payload.hasHeader()) {
        return Optional.empty();
      }
      header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
    FilteredTransaction.Builder transaction =
        FilteredTransaction.newBuilder()
            .setTxid(header.getTxId())
            .setTypeValue(header.getType())
            .setTxValidationCode(code);
    if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
      transaction.setTransactionActions(actions(payload.getData()));
    }
    return Optional.of(transaction.build());
  }

  private static FilteredTransactionActions actions(ByteString transactionBytes) {
    FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
    try {
      for (TransactionAction action : Transaction.parseFrom(transactionBytes).getActionsList()) {
        event(action)
            .filter(event -> !event.getChaincodeId().isEmpty())
            .ifPresent(
                event ->
                    actions.addChaincodeActions(
                        FilteredChaincodeAction.newBuilder()
                            .setChaincodeEvent(
                                ChaincodeEvent.newBuilder()
                                    .setTxId(event.getTxId())
                                    .setChaincodeId(event.getChaincodeId())
                                    .setEventName(event.getEventName()))));
      }
    } catch (InvalidProtocolBufferException e) {
      return FilteredTransactionActions.getDefaultInstance();
    }
    return actions.build();
  }

  private static Optional<ChaincodeEvent> event(TransactionAction action)
      throws InvalidProtocolBufferException {
    ChaincodeActionPayload payload = ChaincodeActionPayload.parseFrom(action.getPayload());
    if (!payload.hasAction()) {
      return Optional.empty();
    }
    ChaincodeAction chaincodeAction =
        ChaincodeAction.parseFrom(
            ProposalResponsePayload.parseFrom(payload.getAction().getProposalResponsePayload())
                .getExtension());
    return chaincodeAction.getEvents().isEmpty()
        ? Optional.empty()
        : Optional.of(ChaincodeEvent.parseFrom(chaincodeAction.getEvents()));
  }
}
