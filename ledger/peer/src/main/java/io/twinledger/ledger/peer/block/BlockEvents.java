package io.twinledger.ledger.peer.block;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The chaincode events of one block's valid transactions, in transaction order. Events of invalid
 * transactions are never delivered, as in Fabric.
 *
 * @param blockNumber the block
 * @param events the events
 */
public record BlockEvents(long blockNumber, List<ChaincodeEvent> events) {

  public BlockEvents {
    events = List.copyOf(events);
  }

  /** Reads the events of a committed block, using its TRANSACTIONS_FILTER metadata. */
  public static BlockEvents of(Block block) {
    byte[] filter = validationCodes(block);
    List<ChaincodeEvent> events = new ArrayList<>();
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      if (i >= filter.length || filter[i] != TxValidationCode.VALID_VALUE) {
        continue;
      }
      try {
        EndorserTransaction.parse(block.getData().getData(i)).event().ifPresent(events::add);
      } catch (MalformedTransactionException e) {
        throw new IllegalStateException(
            "Block " + block.getHeader().getNumber() + " tx " + i + " is valid but unreadable", e);
      }
    }
    return new BlockEvents(block.getHeader().getNumber(), events);
  }

  /** The TRANSACTIONS_FILTER metadata: one validation code byte per transaction. */
  public static byte[] validationCodes(Block block) {
    int index = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
    return block.getMetadata().getMetadataCount() > index
        ? block.getMetadata().getMetadata(index).toByteArray()
        : new byte[0];
  }
}
