package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.ledger.peer.fixture.PeerFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ChaincodeEvents: valid transactions only, replayed from a block, then live. */
class ChaincodeEventsTest {

  private static PeerFixture fixture;
  private static Network network;
  private static Contract contract;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    network = fixture.connect(fixture.org1Client).getNetwork(PeerFixture.CHANNEL);
    contract = network.getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void eventsOfValidTransactionsReplayFromAStartBlockThenArriveLive() throws Exception {
    long start =
        contract
            .newProposal("put")
            .addArguments("ev-1", "a")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();
    contract.submitTransaction("put", "ev-counter", "0");
    Transaction valid =
        contract.newProposal("increment").addArguments("ev-counter").build().endorse();
    Transaction conflicting =
        contract.newProposal("increment").addArguments("ev-counter").build().endorse();
    valid.submit();
    catchThrowableOfType(CommitException.class, conflicting::submit);

    try (CloseableIterator<ChaincodeEvent> events =
        network
            .newChaincodeEventsRequest(PeerFixture.CHAINCODE)
            .startBlock(start)
            .build()
            .getEvents()) {
      List<ChaincodeEvent> replayed = take(events, 2);
      CompletableFuture<List<ChaincodeEvent>> live =
          CompletableFuture.supplyAsync(() -> take(events, 1));
      contract.submitTransaction("put", "ev-live", "b");

      List<ChaincodeEvent> arrived = live.get(10, TimeUnit.SECONDS);

      assertThat(replayed)
          .extracting(ChaincodeEvent::getEventName)
          .containsExactly("put", "increment");
      assertThat(payload(replayed.get(0))).isEqualTo("ev-1=a");
      assertThat(replayed.get(0).getBlockNumber()).isEqualTo(start);
      assertThat(replayed.get(1).getTransactionId()).isEqualTo(valid.getTransactionId());
      assertThat(replayed)
          .extracting(ChaincodeEvent::getTransactionId)
          .doesNotContain(conflicting.getTransactionId());
      assertThat(arrived).extracting(ChaincodeEvent::getEventName).containsExactly("put");
      assertThat(payload(arrived.get(0))).isEqualTo("ev-live=b");
      assertThat(arrived.get(0).getChaincodeName()).isEqualTo(PeerFixture.CHAINCODE);
    }
  }

  private static List<ChaincodeEvent> take(CloseableIterator<ChaincodeEvent> events, int count) {
    List<ChaincodeEvent> taken = new ArrayList<>();
    while (taken.size() < count && events.hasNext()) {
      ChaincodeEvent event = events.next();
      if (!event.getEventName().equals("put") || !payload(event).startsWith("ev-counter")) {
        taken.add(event);
      }
    }
    return taken;
  }

  private static String payload(ChaincodeEvent event) {
    return new String(event.getPayload(), StandardCharsets.UTF_8);
  }
}
