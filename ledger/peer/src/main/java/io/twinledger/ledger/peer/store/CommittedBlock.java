package io.twinledger.ledger.peer.store;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.state.PrivateWrite;
import io.twinledger.ledger.peer.state.PublicWrite;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A validated block and everything its commit changes.
 *
 * @param block the block, validation codes in its metadata
 * @param headerHash the hash of its header (the next block's previous hash)
 * @param transactions one record per envelope
 * @param writes the public writes of its valid transactions, in order
 * @param privateWrites the private writes of its valid transactions, in order
 * @param history the key history entries it adds
 */
public record CommittedBlock(
    Block block,
    ByteString headerHash,
    List<TxRecord> transactions,
    List<PublicWrite> writes,
    List<PrivateWrite> privateWrites,
    List<HistoryRecord> history) {

  /** The block number. */
  public long number() {
    return block.getHeader().getNumber();
  }
}
