package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status.Code;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Submit and evaluate through the real gateway client; the stub's read and query semantics. */
class GatewaySubmitEvaluateTest {

  private static PeerFixture fixture;
  private static Contract contract;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    contract =
        fixture
            .connect(fixture.org1Client)
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

    assertThat(text(result)).isEqualTo("one");
    assertThat(text(contract.evaluateTransaction("get", "alpha"))).isEqualTo("one");
    assertThat(text(contract.evaluateTransaction("get", "never-written"))).isEmpty();
  }

  @Test
  void commitStatusReportsValidAndTheBlock() throws Exception {
    SubmittedTransaction submitted =
        contract.newProposal("put").addArguments("beta", "two").build().endorse().submitAsync();

    Status status = submitted.getStatus();

    assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(fixture.channel().block(status.getBlockNumber())).isPresent();
    assertThat(text(submitted.getResult())).isEqualTo("two");
  }

  @Test
  void aReadAfterAWriteInTheSameTransactionSeesTheCommittedValue() throws Exception {
    contract.submitTransaction("put", "ryw", "old");

    byte[] read = contract.submitTransaction("putThenGet", "ryw", "new");

    assertThat(text(read)).isEqualTo("read:old");
    assertThat(text(contract.evaluateTransaction("get", "ryw"))).isEqualTo("new");
    assertThat(text(contract.submitTransaction("putThenGet", "ryw-fresh", "x"))).isEqualTo("read:");
  }

  @Test
  void compositeKeysUseTheNulEncodingAndPartialKeyQueries() throws Exception {
    String key = text(contract.submitTransaction("putOwned", "alice", "a1", "v1"));
    contract.submitTransaction("putOwned", "alice", "a2", "v2");
    contract.submitTransaction("putOwned", "alicea", "x9", "other owner");
    contract.submitTransaction("putOwned", "bob", "b1", "v3");

    assertThat(key).isEqualTo("\u0000asset\u0000alice\u0000a1\u0000");
    assertThat(text(contract.evaluateTransaction("listOwned", "alice"))).isEqualTo("a1=v1,a2=v2");
    assertThat(text(contract.evaluateTransaction("listOwned", "bob"))).isEqualTo("b1=v3");
  }

  @Test
  void rangeQueriesReturnKeysInOrderWithAnExclusiveEnd() throws Exception {
    contract.submitTransaction("put", "range-b", "2");
    contract.submitTransaction("put", "range-a", "1");
    contract.submitTransaction("put", "range-c", "3");

    assertThat(text(contract.evaluateTransaction("range", "range-a", "range-c")))
        .isEqualTo("range-a=1,range-b=2");
    assertThat(text(contract.evaluateTransaction("range", "range-b", "range-d")))
        .isEqualTo("range-b=2,range-c=3");
  }

  @Test
  void historyListsEveryCommittedWriteNewestFirst() throws Exception {
    contract.submitTransaction("put", "hist", "1");
    contract.submitTransaction("put", "hist", "2");
    contract.submitTransaction("delete", "hist");

    assertThat(text(contract.evaluateTransaction("history", "hist"))).isEqualTo("<deleted>,2,1");
    assertThat(text(contract.evaluateTransaction("get", "hist"))).isEmpty();
  }

  @Test
  void chaincodeSeesTheClientIdentityAndTransaction() throws Exception {
    String[] seen = text(contract.evaluateTransaction("whoAmI")).split("\\|");

    assertThat(seen[0]).isEqualTo("Org1MSP");
    assertThat(seen[1]).matches("[0-9a-f]{64}");
  }

  @Test
  void aChaincodeErrorFailsEndorsementWithAbortedAndEndpointDetails() {
    EndorseException failure =
        catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction("fail"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(failure.getDetails()).hasSize(1);
    assertThat(failure.getDetails().get(0).getMessage())
        .isEqualTo("chaincode response 500, refused on purpose");
    assertThat(failure.getDetails().get(0).getMspId()).isEqualTo("Org1MSP");
    assertThat(failure.getDetails().get(0).getAddress()).startsWith("inprocess:");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
