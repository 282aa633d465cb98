package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.store.ChainDefect;
import io.twinledger.ledger.peer.store.LedgerIntegrityException;
import io.twinledger.ledger.peer.store.PeerLock;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger survives restarts, and the start-up check names what was tampered with. */
class RestartAndTamperTest {

  private PeerFixture fixture;

  @BeforeEach
  void start() {
    fixture = PeerFixture.start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void blocksAndStateSurviveARestartAndTheChainContinues() throws Exception {
    contract().submitTransaction("put", "kept", "before restart");
    contract().submitTransaction("putOwned", "carol", "c1", "composite survives");
    long height = fixture.channel().height();
    Block last = fixture.channel().block(height - 1).orElseThrow();

    fixture.restart();
    Status next = put("after", "restart");

    assertThat(text(contract().evaluateTransaction("get", "kept"))).isEqualTo("before restart");
    assertThat(text(contract().evaluateTransaction("listOwned", "carol")))
        .isEqualTo("c1=composite survives");
    assertThat(text(contract().evaluateTransaction("history", "kept"))).isEqualTo("before restart");
    assertThat(next.getBlockNumber()).isEqualTo(height);
    Block first = fixture.channel().block(height).orElseThrow();
    assertThat(first.getHeader().getPreviousHash())
        .isEqualTo(BlockHashes.headerHash(last.getHeader()));
  }

  /** A second peer of the channel on the same database would cut blocks the first also cuts. */
  @Test
  void aSecondPeerOfTheChannelOnTheSameDatabaseDoesNotStart() throws Exception {
    assertThatThrownBy(() -> EmbeddedPeer.start(fixture.settings()))
        .isInstanceOf(PeerLock.HeldElsewhere.class)
        .hasMessage(
            "Another embedded peer of channel infra-performance runs on this database; only one"
                + " may");

    fixture.stopPeer();
    try (EmbeddedPeer next = EmbeddedPeer.start(fixture.settings())) {
      assertThat(next.channel(PeerFixture.CHANNEL).height())
          .as("the lock went with the first peer")
          .isZero();
    }
  }

  /**
   * Blocks are stored on a thread of their own while the next is checked; a block that cannot be
   * stored must still stop the peer before anything after it is committed.
   */
  @Test
  void aBlockThatCannotBeStoredStopsCommittingAndLosesNothingAlreadyCommitted() throws Exception {
    contract().submitTransaction("put", "committed", "before");
    long height = fixture.channel().height();
    update(
        "ALTER TABLE peer_block ADD CONSTRAINT refuse_next_block CHECK (number < " + height + ")");

    contract().newProposal("put").addArguments("refused", "x").build().endorse().submitAsync();
    SubmitException refused = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (refused == null && System.nanoTime() < deadline) {
      try {
        contract().newProposal("put").addArguments("later", "y").build().endorse().submitAsync();
        Thread.sleep(50);
      } catch (SubmitException e) {
        refused = e;
      }
    }

    assertThat(refused).as("submissions refused once a block failed to store").isNotNull();
    assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    assertThat(refused.getDetails().getFirst().getMessage())
        .startsWith("the orderer has stopped after a failed commit");
    assertThat(fixture.channel().height()).isEqualTo(height);
    update("ALTER TABLE peer_block DROP CONSTRAINT refuse_next_block");
    fixture.restart();
    Status next = put("after", "restart");
    assertThat(next.isSuccessful()).isTrue();
    assertThat(next.getBlockNumber()).isEqualTo(height);
    assertThat(text(contract().evaluateTransaction("get", "committed"))).isEqualTo("before");
    assertThat(text(contract().evaluateTransaction("get", "refused"))).isEmpty();
  }

  @Test
  void aChangedByteInAStoredBlockIsNamedByTheStartUpCheck() throws Exception {
    long block =
        contract()
            .newProposal("put")
            .addArguments("tamper-block", "original-value")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();
    fixture.stopPeer();

    int changed =
        update(
            "UPDATE peer_block SET bytes = overlay(bytes placing '\\x58'::bytea from"
                + " position('original-value'::bytea in bytes)) WHERE number = ?",
            block);
    LedgerIntegrityException failure =
        catchThrowableOfType(LedgerIntegrityException.class, fixture::restart);

    assertThat(changed).isEqualTo(1);
    assertThat(failure.defects())
        .extracting(ChainDefect::description)
        .anySatisfy(d -> assertThat(d).startsWith("block " + block + " data hash mismatch"));
    assertThat(failure.getMessage()).contains("failed its start-up check");
  }

  @Test
  void aChangedWorldStateValueIsNamedWithTheTransactionThatWroteIt() throws Exception {
    contract().submitTransaction("put", "tamper-state", "first");
    Status status =
        contract()
            .newProposal("put")
            .addArguments("tamper-state", "honest")
            .build()
            .endorse()
            .submitAsync()
            .getStatus();
    int txNumber = txNumberOf(status);
    fixture.stopPeer();

    update("UPDATE peer_world_state SET value = 'forged'::bytea WHERE key = 'tamper-state'::bytea");
    LedgerIntegrityException failure =
        catchThrowableOfType(LedgerIntegrityException.class, fixture::restart);

    assertThat(failure.defects())
        .extracting(ChainDefect::description)
        .containsExactly(
            "world-state key twinledger/tamper-state value differs from block "
                + status.getBlockNumber()
                + " tx "
                + txNumber);
  }

  @Test
  void aDeletedBlockBreaksTheChain() throws Exception {
    contract().submitTransaction("put", "one", "1");
    long middle =
        contract()
            .newProposal("put")
            .addArguments("two", "2")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();
    contract().submitTransaction("put", "three", "3");
    fixture.stopPeer();

    update("DELETE FROM peer_block WHERE number = ?", middle);
    LedgerIntegrityException failure =
        catchThrowableOfType(LedgerIntegrityException.class, fixture::restart);

    assertThat(failure.defects())
        .extracting(ChainDefect::description)
        .contains("block " + middle + " is missing (the next stored block is " + (middle + 1) + ")")
        .anySatisfy(d -> assertThat(d).startsWith("block " + (middle + 1) + " does not link"));
  }

  private Contract contract() {
    return fixture
        .connect(fixture.org1Client)
        .getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private Status put(String key, String value) throws Exception {
    return contract()
        .newProposal("put")
        .addArguments(key, value)
        .build()
        .endorse()
        .submitAsync()
        .getStatus();
  }

  private int txNumberOf(Status status) throws Exception {
    try (Connection connection = fixture.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT tx_number FROM peer_transaction WHERE tx_id = ?")) {
      select.setString(1, status.getTransactionId());
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getInt(1);
      }
    }
  }

  private int update(String sql, Object... parameters) throws Exception {
    try (Connection connection = fixture.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
