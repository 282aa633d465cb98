package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.peer.fixture.PeerFixture;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewaySubmitEvaluateTest {

  private static PeerFixture fixture;
  private static Contract contract;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    Gateway gateway = fixture.connect(fixture.org1Client);
    contract =
        gateway
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void submittedValueIsCommittedAndEvaluates() throws Exception {
    byte[] result = contract.submitTransaction("put", "alpha", "one");

    assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo("one");
    assertThat(new String(contract.evaluateTransaction("get", "alpha"), StandardCharsets.UTF_8))
        .isEqualTo("one");
  }

  @Test
  void commitStatusReportsValidAndTheBlock() throws Exception {
    SubmittedTransaction submitted =
        contract.newProposal("put").addArguments("beta", "two").build().endorse().submitAsync();

    Status status = submitted.getStatus();

    assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(status.isSuccessful()).isTrue();
    assertThat(fixture.peer().block(status.getBlockNumber())).isPresent();
  }
}
