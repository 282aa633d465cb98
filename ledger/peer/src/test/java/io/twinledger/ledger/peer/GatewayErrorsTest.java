package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.fixture.TestOrganization;
import io.twinledger.network.msp.NodeOu;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each RPC's failures carry the gRPC code Fabric's gateway returns (Fabric's {@code
 * internal/pkg/gateway}), with an {@code ErrorDetail} naming this peer where an endorser or orderer
 * answered, and none where the request itself was at fault. Seen through the real client where it
 * can send the request, through the raw gRPC stub where it cannot.
 */
class GatewayErrorsTest {

  private static PeerFixture fixture;
  private static Contract contract;
  private static Gateway offline;
  private ManagedChannel raw;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    contract = contractOf(fixture.connect(fixture.org1Client));
    offline = fixture.connectUnsigned(fixture.org1Client);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void closeRaw() throws InterruptedException {
    if (raw != null) {
      raw.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  // Evaluate

  @Test
  void evaluatingAnUnreadableProposalIsAnInvalidArgument() {
    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub()
                    .evaluate(
                        EvaluateRequest.newBuilder()
                            .setChannelId(PeerFixture.CHANNEL)
                            .setProposedTransaction(
                                SignedProposal.newBuilder()
                                    .setProposalBytes(ByteString.copyFrom(new byte[] {0x0a, 0x05})))
                            .build()));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(failure.getStatus().getDescription())
        .startsWith("failed to unpack transaction proposal: failed to unpack proposal");
    assertThat(details(failure)).isEmpty();
  }

  @Test
  void evaluatingOnAnUnknownChannelIsUnavailable() {
    Contract elsewhere =
        fixture
            .connect(fixture.org1Client)
            .getNetwork("no-such-channel")
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);

    GatewayException failure =
        catchThrowableOfType(
            GatewayException.class, () -> elsewhere.evaluateTransaction("get", "k"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
    assertThat(failure.getStatus().getDescription()).contains("'no-such-channel' not found");
  }

  @Test
  void anInvalidCreatorFailsEvaluationAsAFailedPreconditionAtTheEndorser() {
    TestIdentity rogue = TestOrganization.create("Org1MSP").issue("rogue", NodeOu.CLIENT);
    Contract rogueContract = contractOf(fixture.connect(rogue));

    GatewayException failure =
        catchThrowableOfType(
            GatewayException.class, () -> rogueContract.evaluateTransaction("get", "k"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(failure.getStatus().getDescription())
        .startsWith("evaluate call to endorser returned error: creator identity is not valid: ");
    assertThat(failure.getDetails()).singleElement().satisfies(GatewayErrorsTest::fromThisPeer);
    assertThat(failure.getDetails().getFirst().getMessage())
        .contains("was not issued by Org1MSP's CA");
  }

  @Test
  void aProposalSignedByAnotherKeyFailsEvaluationAsAFailedPrecondition() throws Exception {
    TestIdentity impostor = fixture.org1.issue("impostor", NodeOu.CLIENT);
    Proposal unsigned = contractOf(offline).newProposal("get").addArguments("k").build();
    Proposal signed =
        offline.newSignedProposal(
            unsigned.getBytes(), impostor.signer().sign(unsigned.getDigest()));

    GatewayException failure = catchThrowableOfType(GatewayException.class, signed::evaluate);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(failure.getStatus().getDescription())
        .startsWith(
            "evaluate call to endorser returned error: proposal signature of Org1MSP client");
    assertThat(failure.getDetails()).singleElement().satisfies(GatewayErrorsTest::fromThisPeer);
  }

  @Test
  void aChaincodeErrorFailsEvaluationAsUnknownWithTheChaincodesResponse() {
    GatewayException failure =
        catchThrowableOfType(GatewayException.class, () -> contract.evaluateTransaction("fail"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNKNOWN);
    assertThat(failure.getStatus().getDescription())
        .isEqualTo(
            "evaluate call to endorser returned error: chaincode response 500, refused on purpose");
    assertThat(failure.getDetails()).singleElement().satisfies(GatewayErrorsTest::fromThisPeer);
  }

  @Test
  void anUnknownChaincodeHasNoPeersToEvaluateIt() {
    Contract unknown =
        fixture
            .connect(fixture.org1Client)
            .getNetwork(PeerFixture.CHANNEL)
            .getContract("no-such-chaincode");

    GatewayException failure =
        catchThrowableOfType(GatewayException.class, () -> unknown.evaluateTransaction("get"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(failure.getStatus().getDescription())
        .isEqualTo(
            "no peers available to evaluate chaincode: chaincode 'no-such-chaincode' is not"
                + " defined on channel 'infra-performance'");
  }

  // Endorse

  @Test
  void anInvalidCreatorFailsEndorsementAsAbortedWithTheEndorsersReason() {
    TestIdentity rogue = TestOrganization.create("Org2MSP").issue("rogue", NodeOu.CLIENT);
    Contract rogueContract = contractOf(fixture.connect(rogue));

    EndorseException failure =
        catchThrowableOfType(
            EndorseException.class, () -> rogueContract.submitTransaction("put", "k", "v"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(failure.getStatus().getDescription())
        .isEqualTo("failed to endorse transaction, see attached details for more info");
    assertThat(failure.getDetails()).singleElement().satisfies(GatewayErrorsTest::fromThisPeer);
    assertThat(failure.getDetails().getFirst().getMessage())
        .startsWith("creator identity is not valid: ");
  }

  @Test
  void endorsingATransactionIdAlreadyCommittedIsAbortedAsADuplicate() throws Exception {
    Proposal proposal = contract.newProposal("put").addArguments("dup-endorse", "v").build();
    proposal.endorse().submit();

    EndorseException failure = catchThrowableOfType(EndorseException.class, proposal::endorse);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(failure.getDetails().getFirst().getMessage())
        .isEqualTo("duplicate transaction found [" + proposal.getTransactionId() + "]");
  }

  @Test
  void endorsingAsAnOrganisationThisPeerHasNoIdentityForIsUnavailable() {
    Proposal proposal =
        contract
            .newProposal("put")
            .addArguments("k", "v")
            .setEndorsingOrganizations("Org1MSP", "Org9MSP")
            .build();

    EndorseException failure = catchThrowableOfType(EndorseException.class, proposal::endorse);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
    assertThat(failure.getStatus().getDescription())
        .isEqualTo("failed to find any endorsing peers for org(s): Org9MSP");
  }

  @Test
  void endorsingAnUnknownChaincodeIsAFailedPrecondition() {
    Contract unknown =
        fixture
            .connect(fixture.org1Client)
            .getNetwork(PeerFixture.CHANNEL)
            .getContract("no-such-chaincode");

    EndorseException failure =
        catchThrowableOfType(EndorseException.class, () -> unknown.submitTransaction("put"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(failure.getStatus().getDescription())
        .startsWith("no combination of peers can be derived which satisfy the endorsement policy");
  }

  // Submit

  @Test
  void anEnvelopeSignedByAnotherKeyIsRefusedAtSubmit() throws Exception {
    Transaction endorsed = endorsedPut("bad-sig-key");
    TestIdentity impostor = fixture.org1.issue("someone-else", NodeOu.CLIENT);
    Transaction signedByImpostor =
        offline.newSignedTransaction(
            endorsed.getBytes(), impostor.signer().sign(endorsed.getDigest()));
    long height = fixture.channel().height();

    SubmitException failure =
        catchThrowableOfType(SubmitException.class, signedByImpostor::submitAsync);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(failure.getStatus().getDescription())
        .startsWith(
            "received unsuccessful response from orderer: status=FORBIDDEN, info=permission"
                + " denied: envelope signature of Org1MSP client is invalid");
    assertThat(failure.getDetails()).isEmpty();
    Thread.sleep(100);
    assertThat(fixture.channel().height()).isEqualTo(height);
    assertThat(text(contract.evaluateTransaction("get", "bad-sig-key"))).isEmpty();
  }

  @Test
  void anEnvelopeWhoseCreatorIsNoMemberIdentityIsRefusedAtSubmit() throws Exception {
    TestIdentity rogue = TestOrganization.create("Org1MSP").issue("rogue", NodeOu.CLIENT);
    PreparedTransaction prepared = PreparedTransaction.parseFrom(endorsedPut("rogue").getBytes());
    Payload payload = Payload.parseFrom(prepared.getEnvelope().getPayload());
    Header header = payload.getHeader();
    ByteString signatureHeader =
        SignatureHeader.parseFrom(header.getSignatureHeader()).toBuilder()
            .setCreator(rogue.endorser().serialized())
            .build()
            .toByteString();
    ByteString rogueBytes =
        payload.toBuilder()
            .setHeader(header.toBuilder().setSignatureHeader(signatureHeader))
            .build()
            .toByteString();
    PreparedTransaction rogueTransaction =
        prepared.toBuilder().setEnvelope(Envelope.newBuilder().setPayload(rogueBytes)).build();
    Transaction signed =
        offline.newSignedTransaction(
            rogueTransaction.toByteArray(),
            rogue.signer().sign(Forgery.sha256(rogueBytes.toByteArray())));

    SubmitException failure = catchThrowableOfType(SubmitException.class, signed::submitAsync);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(failure.getStatus().getDescription())
        .contains("status=FORBIDDEN, info=permission denied: creator identity is not valid: ")
        .contains("was not issued by Org1MSP's CA");
  }

  @Test
  void anUnreadableEnvelopeIsABadRequestAndAnotherChannelAFailedPrecondition() {
    Envelope garbage =
        Envelope.newBuilder()
            .setPayload(ByteString.copyFrom(new byte[] {0x0a, 0x05}))
            .setSignature(ByteString.copyFromUtf8("sig"))
            .build();

    StatusRuntimeException unreadable =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub()
                    .submit(
                        SubmitRequest.newBuilder()
                            .setChannelId(PeerFixture.CHANNEL)
                            .setTransactionId("x")
                            .setPreparedTransaction(garbage)
                            .build()));
    StatusRuntimeException elsewhere =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub()
                    .submit(
                        SubmitRequest.newBuilder()
                            .setChannelId("no-such-channel")
                            .setTransactionId("x")
                            .setPreparedTransaction(garbage)
                            .build()));

    assertThat(unreadable.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(unreadable.getStatus().getDescription())
        .startsWith("received unsuccessful response from orderer: status=BAD_REQUEST, info=");
    assertThat(elsewhere.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
  }

  // CommitStatus

  @Test
  void aCommitStatusRequestSignedByAnotherKeyIsPermissionDenied() throws Exception {
    Transaction endorsed = endorsedPut("status-key");
    Transaction signed =
        offline.newSignedTransaction(
            endorsed.getBytes(), fixture.org1Client.signer().sign(endorsed.getDigest()));
    SubmittedTransaction submitted = signed.submitAsync();
    TestIdentity impostor = fixture.org1.issue("impostor", NodeOu.CLIENT);
    Commit commit =
        offline.newSignedCommit(
            submitted.getBytes(), impostor.signer().sign(submitted.getDigest()));

    CommitStatusException failure =
        catchThrowableOfType(CommitStatusException.class, commit::getStatus);

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED);
    assertThat(failure.getStatus().getDescription())
        .startsWith("request signature of Org1MSP client is invalid");
  }

  @Test
  void aCommitStatusRequestIsCheckedForCompletenessThenForAccess() {
    StatusRuntimeException noTransaction =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub().commitStatus(signedStatus(PeerFixture.CHANNEL, "")));
    StatusRuntimeException unknownChannel =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub().commitStatus(signedStatus("no-such-channel", "0".repeat(64))));

    assertThat(noTransaction.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(noTransaction.getStatus().getDescription())
        .isEqualTo("transaction ID should not be empty");
    assertThat(unknownChannel.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED);
  }

  // ChaincodeEvents

  @Test
  void aChaincodeEventsRequestSignedByAnotherKeyIsPermissionDenied() throws Exception {
    var request =
        offline
            .getNetwork(PeerFixture.CHANNEL)
            .newChaincodeEventsRequest(PeerFixture.CHAINCODE)
            .build();
    TestIdentity impostor = fixture.org1.issue("impostor", NodeOu.CLIENT);
    var signed =
        offline.newSignedChaincodeEventsRequest(
            request.getBytes(), impostor.signer().sign(request.getDigest()));

    GatewayRuntimeException failure;
    try (CloseableIterator<ChaincodeEvent> events =
        signed.getEvents(CallOption.deadlineAfter(10, TimeUnit.SECONDS))) {
      failure = catchThrowableOfType(GatewayRuntimeException.class, events::hasNext);
    }

    assertThat(failure.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED);
  }

  @Test
  void chaincodeEventsFromTheOldestOrNewestBlockAreAnInvalidArgument() {
    for (SeekPosition position :
        List.of(
            SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build(),
            SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build())) {
      ChaincodeEventsRequest request =
          ChaincodeEventsRequest.newBuilder()
              .setChannelId(PeerFixture.CHANNEL)
              .setChaincodeId(PeerFixture.CHAINCODE)
              .setIdentity(fixture.org1Client.endorser().serialized())
              .setStartPosition(position)
              .build();
      SignedChaincodeEventsRequest signed =
          SignedChaincodeEventsRequest.newBuilder()
              .setRequest(request.toByteString())
              .setSignature(sign(fixture.org1Client, request.toByteString()))
              .build();

      Iterator<?> events = stub().chaincodeEvents(signed);
      StatusRuntimeException failure =
          catchThrowableOfType(StatusRuntimeException.class, events::hasNext);

      assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
      assertThat(failure.getStatus().getDescription())
          .isEqualTo("invalid start position type: " + position.getTypeCase());
    }
  }

  private GatewayGrpc.GatewayBlockingStub stub() {
    if (raw == null) {
      raw = fixture.peer().newChannel();
    }
    return GatewayGrpc.newBlockingStub(raw).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static SignedCommitStatusRequest signedStatus(String channel, String txId) {
    CommitStatusRequest request =
        CommitStatusRequest.newBuilder()
            .setChannelId(channel)
            .setTransactionId(txId)
            .setIdentity(fixture.org1Client.endorser().serialized())
            .build();
    return SignedCommitStatusRequest.newBuilder()
        .setRequest(request.toByteString())
        .setSignature(sign(fixture.org1Client, request.toByteString()))
        .build();
  }

  private static ByteString sign(TestIdentity identity, ByteString message) {
    return ByteString.copyFrom(identity.endorser().sign(message.toByteArray()));
  }

  /** A {@code put} endorsed by the gateway for the offline client, not yet signed. */
  private static Transaction endorsedPut(String key) throws Exception {
    Proposal unsigned = contractOf(offline).newProposal("put").addArguments(key, "v").build();
    return offline
        .newSignedProposal(
            unsigned.getBytes(), fixture.org1Client.signer().sign(unsigned.getDigest()))
        .endorse();
  }

  private static void fromThisPeer(ErrorDetail detail) {
    assertThat(detail.getMspId()).isEqualTo("Org1MSP");
    assertThat(detail.getAddress()).startsWith("inprocess:");
  }

  private static List<ErrorDetail> details(StatusRuntimeException failure) {
    return StatusProto.fromThrowable(failure).getDetailsList().stream()
        .map(
            any -> {
              try {
                return any.unpack(ErrorDetail.class);
              } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static Contract contractOf(Gateway gateway) {
    return gateway
        .getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
