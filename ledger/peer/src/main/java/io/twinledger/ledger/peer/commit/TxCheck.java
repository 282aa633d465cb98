package io.twinledger.ledger.peer.commit;

import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.NamespaceSet;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The order-independent part of validating one transaction, done in parallel for a block: its
 * structure, creator and signature ({@code code}), and its endorsements against the policy ({@code
 * endorsementFailure}). Duplicate ids and read conflicts depend on the transactions before it and
 * are checked afterwards, in order.
 *
 * @param tx the parsed transaction, when readable
 * @param sets its parsed read/write sets
 * @param code {@code VALID} when structure, creator and signature are fine
 * @param reason why not, when not
 * @param endorsementFailure why the endorsements do not satisfy the policy, when they do not
 */
record TxCheck(
    Optional<EndorserTransaction> tx,
    List<NamespaceSet> sets,
    TxValidationCode code,
    String reason,
    Optional<String> endorsementFailure) {

  static TxCheck invalid(Optional<EndorserTransaction> tx, TxValidationCode code, String reason) {
    return new TxCheck(tx, List.of(), code, reason, Optional.empty());
  }
}
