package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.Status.Code;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.network.msp.NodeOu;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the committer refuses, with Fabric's validation codes, seen through the real client. */
class CommitValidationTest {

  private static PeerFixture fixture;
  private static Gateway gateway;
  private static Contract contract;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    gateway = fixture.connect(fixture.org1Client);
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
  void aReadOverwrittenSinceSimulationIsAnMvccReadConflict() throws Exception {
    contract.submitTransaction("put", "counter", "0");
    Transaction first = contract.newProposal("increment").addArguments("counter").build().endorse();
    Transaction second =
        contract.newProposal("increment").addArguments("counter").build().endorse();

    first.submit();
    CommitException conflict = catchThrowableOfType(CommitException.class, second::submit);

    assertThat(conflict.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    assertThat(text(contract.evaluateTransaction("get", "counter"))).isEqualTo("1");
  }

  @Test
  void concurrentConflictingSubmitsCommitExactlyOne() throws Exception {
    contract.submitTransaction("put", "race", "0");
    List<Transaction> endorsed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      endorsed.add(contract.newProposal("increment").addArguments("race").build().endorse());
    }
    List<SubmittedTransaction> submitted = new ArrayList<>();
    for (Transaction transaction : endorsed) {
      submitted.add(transaction.submitAsync());
    }

    List<TxValidationCode> codes = new ArrayList<>();
    for (SubmittedTransaction transaction : submitted) {
      codes.add(transaction.getStatus().getCode());
    }

    assertThat(codes).containsOnlyOnce(TxValidationCode.VALID);
    assertThat(codes)
        .filteredOn(c -> c != TxValidationCode.VALID)
        .containsOnly(TxValidationCode.MVCC_READ_CONFLICT);
    assertThat(text(contract.evaluateTransaction("get", "race"))).isEqualTo("1");
  }

  @Test
  void aKeyAddedToAQueriedRangeIsAPhantomReadConflict() throws Exception {
    contract.submitTransaction("put", "p-1", "x");
    Transaction count =
        contract.newProposal("countRange").addArguments("p-", "p-~", "p-count").build().endorse();

    contract.submitTransaction("put", "p-2", "y");
    CommitException conflict = catchThrowableOfType(CommitException.class, count::submit);

    assertThat(conflict.getCode()).isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
    assertThat(text(contract.evaluateTransaction("get", "p-count"))).isEmpty();
  }

  @Test
  void endorsementsThatDoNotSatisfyThePolicyFailValidation() throws Exception {
    Transaction onlyOrg1 =
        contract
            .newProposal("put")
            .addArguments("policy-key", "written")
            .setEndorsingOrganizations("Org1MSP")
            .build()
            .endorse();

    CommitException failure = catchThrowableOfType(CommitException.class, onlyOrg1::submit);

    assertThat(failure.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(text(contract.evaluateTransaction("get", "policy-key"))).isEmpty();
  }

  @Test
  void aForgedEndorsementSignatureFailsThePolicy() throws Exception {
    Gateway offline = fixture.connectUnsigned(fixture.org1Client);
    Contract offlineContract =
        offline
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
    Proposal unsigned = offlineContract.newProposal("put").addArguments("forged-key", "v").build();
    Proposal proposal =
        offline.newSignedProposal(
            unsigned.getBytes(), fixture.org1Client.signer().sign(unsigned.getDigest()));
    Transaction endorsed = proposal.endorse();
    PreparedTransaction forged = forgeFirstEndorsement(endorsed.getBytes());
    byte[] digest = sha256(forged.getEnvelope().getPayload().toByteArray());
    Transaction signed =
        offline.newSignedTransaction(
            forged.toByteArray(), fixture.org1Client.signer().sign(digest));

    SubmittedTransaction submitted = signed.submitAsync();
    Commit commit =
        offline.newSignedCommit(
            submitted.getBytes(), fixture.org1Client.signer().sign(submitted.getDigest()));

    assertThat(commit.getStatus().getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
  }

  @Test
  void aTransactionIdSeenBeforeIsADuplicate() throws Exception {
    Transaction transaction =
        contract.newProposal("put").addArguments("dup-key", "v").build().endorse();
    long firstBlock = transaction.submitAsync().getStatus().getBlockNumber();

    SubmittedTransaction again = transaction.submitAsync();

    assertThat(again.getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(codesOf(transaction.getTransactionId(), firstBlock, 2))
        .containsExactly(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID);
  }

  @Test
  void aTransactionIdThatIsNotTheHashOfNonceAndCreatorIsRefused() throws Exception {
    Proposal proposal = contract.newProposal("get").addArguments("alpha").build();
    ProposedTransaction proposed = ProposedTransaction.parseFrom(proposal.getBytes());
    org.hyperledger.fabric.protos.peer.Proposal inner =
        org.hyperledger.fabric.protos.peer.Proposal.parseFrom(
            proposed.getProposal().getProposalBytes());
    Header header = Header.parseFrom(inner.getHeader());
    ChannelHeader channelHeader =
        ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
            .setTxId("0".repeat(64))
            .build();
    ByteString forgedBytes =
        inner.toBuilder()
            .setHeader(
                header.toBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    SignedProposal signed =
        SignedProposal.newBuilder()
            .setProposalBytes(forgedBytes)
            .setSignature(
                ByteString.copyFrom(
                    fixture.org1Client.signer().sign(sha256(forgedBytes.toByteArray()))))
            .build();
    var channel = fixture.peer().newChannel();
    try {
      GatewayGrpc.GatewayBlockingStub stub = GatewayGrpc.newBlockingStub(channel);

      io.grpc.StatusRuntimeException failure =
          catchThrowableOfType(
              io.grpc.StatusRuntimeException.class,
              () ->
                  stub.evaluate(
                      EvaluateRequest.newBuilder()
                          .setChannelId(PeerFixture.CHANNEL)
                          .setTransactionId("0".repeat(64))
                          .setProposedTransaction(signed)
                          .build()));

      assertThat(failure.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
      assertThat(failure.getStatus().getDescription())
          .startsWith(
              "evaluate call to endorser returned error: transaction id "
                  + "0".repeat(64)
                  + " is not hex(SHA-256(nonce ‖ creator))");
    } finally {
      channel.shutdownNow();
    }
  }

  private static List<TxValidationCode> codesOf(String txId, long fromBlock, int expected)
      throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    List<TxValidationCode> codes = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      codes.clear();
      for (long n = fromBlock; n < fixture.channel().height(); n++) {
        Block block = fixture.channel().block(n).orElseThrow();
        byte[] filter = BlockEvents.validationCodes(block);
        for (int i = 0; i < block.getData().getDataCount(); i++) {
          Envelope envelope = Envelope.parseFrom(block.getData().getData(i));
          Payload payload = Payload.parseFrom(envelope.getPayload());
          if (ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
              .getTxId()
              .equals(txId)) {
            codes.add(TxValidationCode.forNumber(filter[i]));
          }
        }
      }
      if (codes.size() >= expected) {
        return codes;
      }
      Thread.sleep(20);
    }
    return codes;
  }

  private static PreparedTransaction forgeFirstEndorsement(byte[] preparedBytes) throws Exception {
    PreparedTransaction prepared = PreparedTransaction.parseFrom(preparedBytes);
    Payload payload = Payload.parseFrom(prepared.getEnvelope().getPayload());
    org.hyperledger.fabric.protos.peer.Transaction transaction =
        org.hyperledger.fabric.protos.peer.Transaction.parseFrom(payload.getData());
    TransactionAction action = transaction.getActions(0);
    ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
    Endorsement first = actionPayload.getAction().getEndorsements(0);
    TestIdentity stranger = fixture.org2.issue("stranger", NodeOu.PEER);
    Endorsement forged =
        first.toBuilder()
            .setSignature(
                ByteString.copyFrom(
                    stranger
                        .signer()
                        .sign(
                            sha256(
                                actionPayload
                                    .getAction()
                                    .getProposalResponsePayload()
                                    .concat(first.getEndorser())
                                    .toByteArray()))))
            .build();
    ChaincodeActionPayload forgedPayload =
        actionPayload.toBuilder()
            .setAction(actionPayload.getAction().toBuilder().setEndorsements(0, forged))
            .build();
    org.hyperledger.fabric.protos.peer.Transaction forgedTransaction =
        transaction.toBuilder()
            .setActions(0, action.toBuilder().setPayload(forgedPayload.toByteString()))
            .build();
    Payload forgedEnvelopePayload =
        payload.toBuilder().setData(forgedTransaction.toByteString()).build();
    return prepared.toBuilder()
        .setEnvelope(Envelope.newBuilder().setPayload(forgedEnvelopePayload.toByteString()).build())
        .build();
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
