package io.twinledger.ledger.peer.chaincode;

import io.twinledger.ledger.peer.state.HistoryEntry;
import java.time.Instant;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/** One entry of a key's history, as {@code getHistoryForKey} returns it to chaincode. */
record Modification(HistoryEntry entry) implements KeyModification {

  @Override
  public String getTxId() {
    return entry.txId();
  }

  @Override
  public byte[] getValue() {
    return entry.value().map(v -> v.toByteArray()).orElse(new byte[0]);
  }

  @Override
  public String getStringValue() {
    return entry.value().map(v -> v.toStringUtf8()).orElse("");
  }

  @Override
  public Instant getTimestamp() {
    return entry.timestamp();
  }

  @Override
  public boolean isDeleted() {
    return entry.value().isEmpty();
  }
}
