package io.twinledger.reporting.evidence.export;

import io.twinledger.network.channel.Channel;
import io.twinledger.network.msp.OrgMsp;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * The ledger the audit log's checkpoints are anchored on, as the evidence export reads it: its
 * blocks by number, the channel, and the channel members' MSPs (whose CA certificates go into the
 * bundle).
 *
 * @param blocks the ledger's blocks, such as the embedded peer's {@code block(number)}
 */
public record AnchoringLedger(Blocks blocks, Channel channel, List<OrgMsp> members) {

  /** Blocks of the channel's chain by number. */
  @FunctionalInterface
  public interface Blocks {

    /** Block {@code number}, when the ledger holds it. */
    Optional<Block> block(long number);
  }

  public AnchoringLedger {
    members = List.copyOf(members);
  }
}
