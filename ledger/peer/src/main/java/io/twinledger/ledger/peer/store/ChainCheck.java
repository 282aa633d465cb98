package io.twinledger.ledger.peer.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.Keys;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.ledger.peer.state.PrivateEntry;
import io.twinledger.ledger.peer.state.PublicWrite;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TxStatus;
import io.twinledger.ledger.peer.state.Version;
import io.twinledger.ledger.peer.state.WorldState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The start-up check of a stored ledger. It re-verifies the chain (every block present and
 * readable, its number, its data hash, its header hash and its link to the previous header), the
 * transaction table against the blocks' validation codes, the world state against replaying the
 * write sets of the valid transactions, and the private data against the hashes on the chain. It
 * reports every defect it finds, by block, transaction and key, instead of starting on a ledger
 * that does not add up.
 *
 * <p>The check reads every block: its cost grows with the chain (see the README for figures).
 */
public final class ChainCheck {

  private final PeerStore store;
  private final List<ChainDefect> defects = new ArrayList<>();
  private final Map<String, Expected> expectedState = new HashMap<>();
  private final Map<String, ExpectedPrivate> expectedPrivate = new HashMap<>();
  private final Map<String, TxRecord> blockTransactions = new HashMap<>();
  private final TransactionIndex transactions = new TransactionIndex();
  private ByteString previousHash = ByteString.EMPTY;
  private long height;

  private ChainCheck(PeerStore store) {
    this.store = store;
  }

  /**
   * Checks and loads the ledger stored for {@code store}'s channel.
   *
   * @throws LedgerIntegrityException listing every defect, when there is any
   */
  public static VerifiedLedger verify(PeerStore store) {
    return new ChainCheck(store).run();
  }

  private VerifiedLedger run() {
    WorldState state = new WorldState();
    try {
      store.forEachBlock(this::checkBlock);
      checkTransactionTable();
      List<PublicWrite> loaded = new ArrayList<>();
      store.forEachStateRow(
          (namespace, key, value, version) -> {
            checkStateRow(namespace, key, value, version);
            loaded.add(new PublicWrite(namespace, key, Optional.of(value), version));
          });
      expectedState.values().stream()
          .filter(e -> !e.seen)
          .forEach(
              e ->
                  defect(
                      ChainDefect.Kind.WORLD_STATE,
                      "world-state key "
                          + e.name()
                          + " written by block "
                          + e.version.blockNumber()
                          + " tx "
                          + e.version.txNumber()
                          + " is missing"));
      store.forEachPrivateRow(
          (namespace, collection, keyHash, key, value, valueHash, version) -> {
            checkPrivateRow(namespace, collection, keyHash, key, value, valueHash, version);
            state.load(
                namespace, collection, new PrivateEntry(keyHash, key, value, valueHash, version));
          });
      expectedPrivate.values().stream()
          .filter(e -> !e.seen)
          .forEach(
              e ->
                  defect(
                      ChainDefect.Kind.PRIVATE_DATA,
                      "private data "
                          + e.name
                          + " written by block "
                          + e.version.blockNumber()
                          + " tx "
                          + e.version.txNumber()
                          + " is missing"));
      state.apply(loaded, List.of());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the ledger of channel " + store.channel(), e);
    }
    if (!defects.isEmpty()) {
      throw new LedgerIntegrityException(store.channel(), defects);
    }
    return new VerifiedLedger(height, previousHash, state, transactions);
  }

  private void checkBlock(PeerStore.StoredBlock stored) {
    long number = height;
    if (stored.number() != number) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block " + number + " is missing (the next stored block is " + stored.number() + ")");
      number = stored.number();
    }
    Block block;
    try {
      block = Block.parseFrom(stored.bytes());
    } catch (InvalidProtocolBufferException e) {
      defect(ChainDefect.Kind.BLOCK, "block " + number + " cannot be parsed: " + e.getMessage());
      previousHash = stored.headerHash();
      height = number + 1;
      return;
    }
    if (block.getHeader().getNumber() != number) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block " + number + " holds a header numbered " + block.getHeader().getNumber());
    }
    ByteString dataHash = BlockHashes.dataHash(block.getData());
    if (!Digests.equal(dataHash, block.getHeader().getDataHash())) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block "
              + number
              + " data hash mismatch: the header says "
              + hex(block.getHeader().getDataHash())
              + ", the data hashes to "
              + hex(dataHash));
    }
    ByteString headerHash = BlockHashes.headerHash(block.getHeader());
    if (!Digests.equal(headerHash, stored.headerHash())) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block "
              + number
              + " header hash mismatch: stored "
              + hex(stored.headerHash())
              + ", the header hashes to "
              + hex(headerHash));
    }
    if (!Digests.equal(block.getHeader().getPreviousHash(), previousHash)) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block "
              + number
              + " does not link to block "
              + (number - 1)
              + ": its previous hash is "
              + hex(block.getHeader().getPreviousHash())
              + ", block "
              + (number - 1)
              + "'s header hashes to "
              + hex(previousHash));
    }
    if (!Digests.equal(
            stored.headerColumns().getPreviousHash(), block.getHeader().getPreviousHash())
        || !Digests.equal(stored.headerColumns().getDataHash(), block.getHeader().getDataHash())) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block " + number + " header columns differ from the header in the block bytes");
    }
    byte[] codes = BlockEvents.validationCodes(block);
    int count = block.getData().getDataCount();
    if (codes.length != count || stored.txCount() != count) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block "
              + number
              + " has "
              + count
              + " transactions but "
              + codes.length
              + " validation codes ("
              + stored.txCount()
              + " recorded)");
    }
    for (int i = 0; i < count && i < codes.length; i++) {
      replay(number, i, block.getData().getData(i), TxValidationCode.forNumber(codes[i] & 0xff));
    }
    previousHash = headerHash;
    height = number + 1;
  }

  private void replay(long number, int txNumber, ByteString envelope, TxValidationCode code) {
    EndorserTransaction tx;
    try {
      tx = EndorserTransaction.parse(envelope);
    } catch (MalformedTransactionException e) {
      blockTransactions.put(number + ":" + txNumber, new TxRecord(txNumber, "", code));
      if (code == TxValidationCode.VALID) {
        defect(
            ChainDefect.Kind.BLOCK,
            "block " + number + " tx " + txNumber + " is marked VALID but " + e.getMessage());
      }
      return;
    }
    blockTransactions.put(number + ":" + txNumber, new TxRecord(txNumber, tx.txId(), code));
    transactions.record(tx.txId(), new TxStatus(number, txNumber, code));
    if (code != TxValidationCode.VALID) {
      return;
    }
    Version version = new Version(number, txNumber);
    try {
      for (NamespaceSet set : NamespaceSet.of(tx.results())) {
        for (KVWrite write : set.kv().getWritesList()) {
          String id = set.namespace() + '\u0000' + write.getKey();
          if (write.getIsDelete()) {
            expectedState.remove(id);
          } else {
            expectedState.put(
                id, new Expected(set.namespace(), write.getKey(), write.getValue(), version));
          }
        }
        for (NamespaceSet.CollectionSet collection : set.collections()) {
          for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
            String id =
                set.namespace() + '\u0000' + collection.name() + '\u0000' + hex(write.getKeyHash());
            if (write.getIsDelete()) {
              expectedPrivate.remove(id);
            } else {
              expectedPrivate.put(
                  id,
                  new ExpectedPrivate(
                      set.namespace() + "/" + collection.name() + "/#" + hex(write.getKeyHash()),
                      write.getValueHash(),
                      version));
            }
          }
        }
      }
    } catch (MalformedTransactionException e) {
      defect(
          ChainDefect.Kind.BLOCK,
          "block " + number + " tx " + txNumber + " is marked VALID but " + e.getMessage());
    }
  }

  private void checkTransactionTable() throws SQLException {
    Map<String, TxRecord> rows = store.transactions();
    blockTransactions.forEach(
        (position, fromBlock) -> {
          TxRecord row = rows.remove(position);
          String[] parts = position.split(":");
          String where = "block " + parts[0] + " tx " + parts[1];
          if (row == null) {
            defect(ChainDefect.Kind.TRANSACTION, "transaction table has no row for " + where);
          } else if (!row.txId().equals(fromBlock.txId()) || row.code() != fromBlock.code()) {
            defect(
                ChainDefect.Kind.TRANSACTION,
                "transaction table row for "
                    + where
                    + " says "
                    + row.txId()
                    + " "
                    + row.code()
                    + ", the block says "
                    + fromBlock.txId()
                    + " "
                    + fromBlock.code());
          }
        });
    rows.forEach(
        (position, row) ->
            defect(
                ChainDefect.Kind.TRANSACTION,
                "transaction table row for block "
                    + position.replace(":", " tx ")
                    + " ("
                    + row.txId()
                    + ") is not in any block"));
  }

  private void checkStateRow(String namespace, String key, ByteString value, Version version) {
    Expected expected = expectedState.get(namespace + '\u0000' + key);
    String name = namespace + "/" + Keys.printable(key);
    if (expected == null) {
      defect(
          ChainDefect.Kind.WORLD_STATE,
          "world-state key "
              + name
              + " (version "
              + version
              + ") is not the result of any valid transaction");
      return;
    }
    expected.seen = true;
    if (!expected.value.equals(value)) {
      defect(
          ChainDefect.Kind.WORLD_STATE,
          "world-state key "
              + name
              + " value differs from block "
              + expected.version.blockNumber()
              + " tx "
              + expected.version.txNumber());
    } else if (!expected.version.equals(version)) {
      defect(
          ChainDefect.Kind.WORLD_STATE,
          "world-state key "
              + name
              + " version is "
              + version
              + " but its last write is in block "
              + expected.version.blockNumber()
              + " tx "
              + expected.version.txNumber());
    }
  }

  private void checkPrivateRow(
      String namespace,
      String collection,
      ByteString keyHash,
      Optional<String> key,
      Optional<ByteString> value,
      ByteString valueHash,
      Version version) {
    String name =
        namespace + "/" + collection + "/" + key.map(Keys::printable).orElse("#" + hex(keyHash));
    ExpectedPrivate expected =
        expectedPrivate.get(namespace + '\u0000' + collection + '\u0000' + hex(keyHash));
    if (expected == null) {
      defect(
          ChainDefect.Kind.PRIVATE_DATA,
          "private data " + name + " is not the result of any valid transaction");
      return;
    }
    expected.seen = true;
    String origin =
        "block " + expected.version.blockNumber() + " tx " + expected.version.txNumber();
    if (!Digests.equal(expected.valueHash, valueHash) || !expected.version.equals(version)) {
      defect(
          ChainDefect.Kind.PRIVATE_DATA,
          "private data " + name + " hash or version differs from " + origin);
    }
    if (key.isPresent() && !Digests.equal(Digests.sha256(key.get()), keyHash)) {
      defect(
          ChainDefect.Kind.PRIVATE_DATA, "private data " + name + " key does not match its hash");
    }
    if (value.isPresent() && !Digests.equal(Digests.sha256(value.get()), expected.valueHash)) {
      defect(
          ChainDefect.Kind.PRIVATE_DATA,
          "private data " + name + " value does not match the hash in " + origin);
    }
  }

  private void defect(ChainDefect.Kind kind, String description) {
    defects.add(new ChainDefect(kind, description));
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static final class Expected {
    private final String namespace;
    private final String key;
    private final ByteString value;
    private final Version version;
    private boolean seen;

    private Expected(String namespace, String key, ByteString value, Version version) {
      this.namespace = namespace;
      this.key = key;
      this.value = value;
      this.version = version;
    }

    private String name() {
      return namespace + "/" + Keys.printable(key);
    }
  }

  private static final class ExpectedPrivate {
    private final String name;
    private final ByteString valueHash;
    private final Version version;
    private boolean seen;

    private ExpectedPrivate(String name, ByteString valueHash, Version version) {
      this.name = name;
      this.valueHash = valueHash;
      this.version = version;
    }
  }
}
