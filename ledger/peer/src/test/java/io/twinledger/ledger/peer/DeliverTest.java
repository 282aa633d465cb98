package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block and filtered block events through the real fabric-gateway client: replay from block 0 with
 * the stored bytes and a chained header hash, live blocks, Fabric's filtered blocks (invalid
 * transactions included, event payloads left out), checkpointers resuming after a close, and a
 * non-member refused.
 */
class DeliverTest {

  private static PeerFixture fixture;
  private static Network network;
  private static Contract contract;
  private static SubmittedTransaction valid;
  private static SubmittedTransaction conflicting;

  @BeforeAll
  static void start() throws Exception {
    fixture = PeerFixture.start();
    network = fixture.connect(fixture.org1Client).getNetwork(PeerFixture.CHANNEL);
    contract = network.getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
    contract.submitTransaction("put", "deliver-1", "a");
    contract.submitTransaction("put", "deliver-counter", "0");
    var first = contract.newProposal("increment").addArguments("deliver-counter").build().endorse();
    var second =
        contract.newProposal("increment").addArguments("deliver-counter").build().endorse();
    valid = first.submitAsync();
    valid.getStatus();
    conflicting = second.submitAsync();
    conflicting.getStatus();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void replaysFromBlockZeroTheStoredBlocksWhoseHeaderHashesChain() {
    PeerChannel channel = fixture.channel();
    long height = channel.height();
    List<Block> blocks = new ArrayList<>();
    try (CloseableIterator<Block> events =
        network.newBlockEventsRequest().startBlock(0).build().getEvents()) {
      while (blocks.size() < height) {
        blocks.add(events.next());
      }
    }

    assertThat(height).isGreaterThanOrEqualTo(4);
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      assertThat(block.getHeader().getNumber()).isEqualTo(i);
      assertThat(block.toByteString()).isEqualTo(channel.block(i).orElseThrow().toByteString());
      assertThat(block.getHeader().getDataHash()).isEqualTo(BlockHashes.dataHash(block.getData()));
      if (i > 0) {
        assertThat(block.getHeader().getPreviousHash())
            .isEqualTo(BlockHashes.headerHash(blocks.get(i - 1).getHeader()));
      }
    }
  }

  @Test
  void blocksCommittedAfterTheRequestArriveAsTheyCommit() throws Exception {
    long next = fixture.channel().height();
    try (CloseableIterator<Block> events =
        network.newBlockEventsRequest().startBlock(next).build().getEvents()) {
      CompletableFuture<Block> arriving = CompletableFuture.supplyAsync(events::next);
      SubmittedTransaction submitted =
          contract
              .newProposal("put")
              .addArguments("deliver-live", "b")
              .build()
              .endorse()
              .submitAsync();
      Status status = submitted.getStatus();

      Block block = arriving.get(10, TimeUnit.SECONDS);

      assertThat(block.getHeader().getNumber()).isEqualTo(status.getBlockNumber()).isEqualTo(next);
      assertThat(txIds(block)).contains(submitted.getTransactionId());
    }
  }

  @Test
  void filteredBlocksListEveryTransactionWithItsCodeAndEventsWithoutPayload() throws Exception {
    long from =
        Math.min(valid.getStatus().getBlockNumber(), conflicting.getStatus().getBlockNumber());
    long to =
        Math.max(valid.getStatus().getBlockNumber(), conflicting.getStatus().getBlockNumber());
    List<FilteredBlock> blocks = new ArrayList<>();
    try (CloseableIterator<FilteredBlock> events =
        network.newFilteredBlockEventsRequest().startBlock(from).build().getEvents()) {
      while (blocks.size() < to - from + 1) {
        blocks.add(events.next());
      }
    }
    List<FilteredTransaction> transactions =
        blocks.stream().flatMap(block -> block.getFilteredTransactionsList().stream()).toList();

    assertThat(blocks).extracting(FilteredBlock::getChannelId).containsOnly(PeerFixture.CHANNEL);
    assertThat(blocks.getFirst().getNumber()).isEqualTo(from);
    FilteredTransaction validTx = find(transactions, valid.getTransactionId());
    FilteredTransaction conflictTx = find(transactions, conflicting.getTransactionId());
    assertThat(validTx.getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
    assertThat(validTx.getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(conflictTx.getTxValidationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    for (FilteredTransaction tx : List.of(validTx, conflictTx)) {
      var actions = tx.getTransactionActions().getChaincodeActionsList();
      assertThat(actions).hasSize(1);
      var event = actions.getFirst().getChaincodeEvent();
      assertThat(event.getEventName()).isEqualTo("increment");
      assertThat(event.getChaincodeId()).isEqualTo(PeerFixture.CHAINCODE);
      assertThat(event.getTxId()).isEqualTo(tx.getTxid());
      assertThat(event.getPayload().isEmpty()).isTrue();
    }
  }

  @Test
  void anInMemoryCheckpointerResumesAfterTheLastCheckpointedBlock() throws Exception {
    long first =
        contract
            .newProposal("put")
            .addArguments("cp-1", "a")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();
    InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
    try (CloseableIterator<Block> events =
        network
            .newBlockEventsRequest()
            .startBlock(first)
            .checkpoint(checkpointer)
            .build()
            .getEvents()) {
      checkpointer.checkpointBlock(events.next().getHeader().getNumber());
    }
    long second =
        contract
            .newProposal("put")
            .addArguments("cp-2", "b")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();

    try (CloseableIterator<Block> events =
        network
            .newBlockEventsRequest()
            .startBlock(0)
            .checkpoint(checkpointer)
            .build()
            .getEvents()) {
      Block resumed = events.next();

      assertThat(checkpointer.getBlockNumber()).hasValue(first + 1);
      assertThat(resumed.getHeader().getNumber()).isEqualTo(first + 1).isLessThanOrEqualTo(second);
    }
  }

  @Test
  void aFileCheckpointerResumesFilteredEventsInANewProcess(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("checkpoint.json");
    long first =
        contract
            .newProposal("put")
            .addArguments("fcp-1", "a")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();
    try (FileCheckpointer checkpointer = new FileCheckpointer(file);
        CloseableIterator<FilteredBlock> events =
            network
                .newFilteredBlockEventsRequest()
                .startBlock(first)
                .checkpoint(checkpointer)
                .build()
                .getEvents()) {
      checkpointer.checkpointBlock(events.next().getNumber());
    }
    contract.submitTransaction("put", "fcp-2", "b");

    try (FileCheckpointer reopened = new FileCheckpointer(file);
        CloseableIterator<FilteredBlock> events =
            network.newFilteredBlockEventsRequest().checkpoint(reopened).build().getEvents()) {
      assertThat(reopened.getBlockNumber()).hasValue(first + 1);
      assertThat(events.next().getNumber()).isEqualTo(first + 1);
    }
  }

  @Test
  void anOrganisationThatIsNotAMemberOfTheChannelIsForbidden() {
    Network outsider = fixture.connect(fixture.org3Client).getNetwork(PeerFixture.CHANNEL);

    assertThatThrownBy(
            () -> {
              try (CloseableIterator<Block> events =
                  outsider.newBlockEventsRequest().startBlock(0).build().getEvents()) {
                events.next();
              }
            })
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("FORBIDDEN");
    assertThatThrownBy(
            () -> {
              try (CloseableIterator<FilteredBlock> events =
                  outsider.newFilteredBlockEventsRequest().startBlock(0).build().getEvents()) {
                events.next();
              }
            })
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("FORBIDDEN");
  }

  private static FilteredTransaction find(List<FilteredTransaction> transactions, String txId) {
    return transactions.stream()
        .filter(tx -> tx.getTxid().equals(txId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(txId + " is not in the filtered blocks"));
  }

  private static List<String> txIds(Block block) throws Exception {
    List<String> ids = new ArrayList<>();
    for (var data : block.getData().getDataList()) {
      Payload payload = Payload.parseFrom(Envelope.parseFrom(data).getPayload());
      ids.add(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId());
    }
    return ids;
  }
}
