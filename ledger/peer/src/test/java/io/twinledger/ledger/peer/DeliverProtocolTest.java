package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.fixture.TestOrganization;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.network.msp.NodeOu;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekNextCommit;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Deliver protocol as Fabric's {@code common/deliver} answers it, driven with hand-built signed
 * requests on the raw gRPC stub: start and stop positions, {@code FAIL_IF_NOT_READY}, more than one
 * request on a stream, headers only, and each refusal with its status ({@code BAD_REQUEST}, {@code
 * NOT_FOUND}, {@code FORBIDDEN}), including a certificate that expires while its stream is open.
 */
class DeliverProtocolTest {

  private static final long MAX = -1L; // the largest unsigned block number

  private static PeerFixture fixture;
  private static Contract contract;
  private ManagedChannel grpc;

  @BeforeAll
  static void start() throws Exception {
    fixture = PeerFixture.start();
    contract =
        fixture
            .connect(fixture.org1Client)
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
    for (int i = 0; i < 3; i++) {
      contract.submitTransaction("put", "protocol-" + i, "v");
    }
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void connect() {
    grpc = fixture.peer().newChannel();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsFromStartToStopThenSuccessAndAnswersTheNextRequestOnTheSameStream() throws Exception {
    long newest = fixture.channel().height() - 1;
    Stream stream = open(false);

    stream.send(request(fixture.org1Client, seek(specified(0), specified(1))));
    List<DeliverResponse> first = stream.untilStatus();
    stream.send(request(fixture.org1Client, seek(newest(), newest())));
    List<DeliverResponse> second = stream.untilStatus();

    assertThat(blockNumbers(first)).containsExactly(0L, 1L);
    assertThat(first.getLast().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(blockNumbers(second)).containsExactly(newest);
    assertThat(second.getLast().getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void oldestToNewestSendsTheWholeChain() throws Exception {
    long height = fixture.channel().height();
    Stream stream = open(true);

    stream.send(request(fixture.org1Client, seek(oldest(), newest())));
    List<DeliverResponse> responses = stream.untilStatus();

    assertThat(responses).hasSize((int) height + 1);
    assertThat(responses.getFirst().getFilteredBlock().getNumber()).isZero();
    assertThat(responses.get((int) height - 1).getFilteredBlock().getNumber())
        .isEqualTo(height - 1);
    assertThat(responses.getLast().getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void failIfNotReadyAnswersNotFoundPastTheHeightAndEndsTheStream() throws Exception {
    long height = fixture.channel().height();
    Stream beyond = open(false);
    Stream upTo = open(false);

    beyond.send(
        request(
            fixture.org1Client,
            seek(specified(height + 5), specified(MAX)).toBuilder()
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)
                .build()));
    upTo.send(
        request(
            fixture.org1Client,
            seek(specified(height - 1), specified(MAX)).toBuilder()
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY)
                .build()));

    assertThat(beyond.untilStatus())
        .extracting(DeliverResponse::getStatus)
        .containsExactly(Status.NOT_FOUND);
    assertThat(beyond.completed()).isTrue();
    List<DeliverResponse> last = upTo.untilStatus();
    assertThat(blockNumbers(last)).containsExactly(height - 1);
    assertThat(last.getLast().getStatus()).isEqualTo(Status.NOT_FOUND);
  }

  @Test
  void blockUntilReadyWaitsForTheNextCommit() throws Exception {
    Stream stream = open(false);
    stream.send(request(fixture.org1Client, seek(nextCommit(), specified(MAX))));
    Thread.sleep(200);

    long committed =
        contract
            .newProposal("put")
            .addArguments("protocol-live", "v")
            .build()
            .endorse()
            .submitAsync()
            .getStatus()
            .getBlockNumber();

    assertThat(stream.next().getBlock().getHeader().getNumber()).isEqualTo(committed);
  }

  @Test
  void headerWithSignatureSendsBlocksWithoutTheirData() throws Exception {
    Stream stream = open(false);

    stream.send(
        request(
            fixture.org1Client,
            seek(specified(1), specified(1)).toBuilder()
                .setContentType(SeekInfo.SeekContentType.HEADER_WITH_SIG)
                .build()));
    Block block = stream.untilStatus().getFirst().getBlock();

    Block stored = fixture.channel().block(1).orElseThrow();
    assertThat(block.getHeader()).isEqualTo(stored.getHeader());
    assertThat(block.getMetadata()).isEqualTo(stored.getMetadata());
    assertThat(stored.getData().getDataCount()).isPositive();
    assertThat(block.getData().getDataCount()).isZero();
  }

  @Test
  void malformedRequestsAreBadRequests() throws Exception {
    Envelope valid = request(fixture.org1Client, seek(oldest(), oldest()));
    Payload payload = Payload.parseFrom(valid.getPayload());
    SeekInfo wholeChain = seek(oldest(), specified(MAX));

    assertThat(
            status(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("no payload")).build()))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(status(signed(fixture.org1Client, payload.toBuilder().clearHeader().build())))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(
            status(
                signed(
                    fixture.org1Client,
                    payload.toBuilder().setData(ByteString.copyFromUtf8("seek?")).build())))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(status(request(fixture.org1Client, wholeChain.toBuilder().clearStop().build())))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(status(request(fixture.org1Client, seek(specified(2), specified(1)))))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(
            status(
                request(
                    fixture.org1Client,
                    PeerFixture.CHANNEL,
                    HeaderType.ENDORSER_TRANSACTION,
                    Instant.now(),
                    wholeChain)))
        .isEqualTo(Status.BAD_REQUEST);
  }

  @Test
  void aTimestampOutsideFifteenMinutesOfThePeersClockIsABadRequest() throws Exception {
    SeekInfo first = seek(oldest(), oldest());
    Instant now = Instant.now();

    assertThat(
            status(
                request(
                    fixture.org1Client,
                    PeerFixture.CHANNEL,
                    HeaderType.DELIVER_SEEK_INFO,
                    now.minus(Duration.ofMinutes(16)),
                    first)))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(
            status(
                request(
                    fixture.org1Client,
                    PeerFixture.CHANNEL,
                    HeaderType.DELIVER_SEEK_INFO,
                    now.plus(Duration.ofMinutes(16)),
                    first)))
        .isEqualTo(Status.BAD_REQUEST);
    assertThat(
            status(
                request(
                    fixture.org1Client,
                    PeerFixture.CHANNEL,
                    HeaderType.DELIVER_SEEK_INFO,
                    now.minus(Duration.ofMinutes(14)),
                    first)))
        .isEqualTo(Status.SUCCESS);
  }

  @Test
  void anUnknownChannelIsNotFound() throws Exception {
    assertThat(
            status(
                request(
                    fixture.org1Client,
                    "no-such-channel",
                    HeaderType.DELIVER_SEEK_INFO,
                    Instant.now(),
                    seek(oldest(), oldest()))))
        .isEqualTo(Status.NOT_FOUND);
  }

  @Test
  void forgedOrUntrustedCreatorsAreForbidden() throws Exception {
    SeekInfo first = seek(oldest(), oldest());
    Envelope valid = request(fixture.org1Client, first);
    TestIdentity impostor = TestOrganization.create("Org1MSP").issue("client1", NodeOu.CLIENT);
    TestIdentity expired =
        fixture.org1.issue(
            "expired",
            NodeOu.CLIENT,
            Instant.now().minus(Duration.ofDays(2)),
            Instant.now().minus(Duration.ofDays(1)));
    ByteString otherKeysSignature =
        ByteString.copyFrom(
            fixture.org2Client.signer().sign(Digests.sha256(valid.getPayload()).toByteArray()));

    assertThat(status(valid)).isEqualTo(Status.SUCCESS);
    assertThat(status(valid.toBuilder().setSignature(otherKeysSignature).build()))
        .isEqualTo(Status.FORBIDDEN);
    assertThat(status(valid.toBuilder().clearSignature().build())).isEqualTo(Status.FORBIDDEN);
    assertThat(status(request(impostor, first))).isEqualTo(Status.FORBIDDEN);
    assertThat(status(request(expired, first))).isEqualTo(Status.FORBIDDEN);
    assertThat(status(request(fixture.org3Client, first))).isEqualTo(Status.FORBIDDEN);
  }

  @Test
  void aCertificateThatExpiresWhileTheStreamIsOpenEndsItForbidden() throws Exception {
    Instant notAfter = Instant.now().plusSeconds(3);
    TestIdentity expiring =
        fixture.org1.issue(
            "expiring", NodeOu.CLIENT, Instant.now().minus(Duration.ofHours(1)), notAfter);
    long next = fixture.channel().height();
    Stream stream = open(false);
    stream.send(request(expiring, seek(specified(next - 1), specified(MAX))));
    assertThat(stream.next().getBlock().getHeader().getNumber()).isEqualTo(next - 1);

    Thread.sleep(Duration.between(Instant.now(), notAfter).toMillis() + 1_500);
    contract.submitTransaction("put", "protocol-after-expiry", "v");

    assertThat(stream.untilStatus())
        .extracting(DeliverResponse::getStatus)
        .containsExactly(Status.FORBIDDEN);
    assertThat(stream.completed()).isTrue();
  }

  private Status status(Envelope request) throws InterruptedException {
    Stream stream = open(false);
    stream.send(request);
    return stream.untilStatus().getLast().getStatus();
  }

  private Stream open(boolean filtered) {
    Stream stream = new Stream();
    DeliverGrpc.DeliverStub stub = DeliverGrpc.newStub(grpc);
    stream.requests = filtered ? stub.deliverFiltered(stream) : stub.deliver(stream);
    return stream;
  }

  private static Envelope request(TestIdentity creator, SeekInfo seekInfo) {
    return request(
        creator, PeerFixture.CHANNEL, HeaderType.DELIVER_SEEK_INFO, Instant.now(), seekInfo);
  }

  private static Envelope request(
      TestIdentity creator, String channel, HeaderType type, Instant timestamp, SeekInfo seekInfo) {
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(type.getNumber())
            .setChannelId(channel)
            .setTimestamp(
                Timestamp.newBuilder()
                    .setSeconds(timestamp.getEpochSecond())
                    .setNanos(timestamp.getNano()))
            .build();
    SignatureHeader signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(
                SerializedIdentity.newBuilder()
                    .setMspid(creator.mspId())
                    .setIdBytes(
                        ByteString.copyFromUtf8(Identities.toPemString(creator.certificate())))
                    .build()
                    .toByteString())
            .build();
    Payload payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .setSignatureHeader(signatureHeader.toByteString()))
            .setData(seekInfo.toByteString())
            .build();
    return signed(creator, payload);
  }

  private static Envelope signed(TestIdentity creator, Payload payload) {
    try {
      byte[] signature =
          creator.signer().sign(Digests.sha256(payload.toByteString()).toByteArray());
      return Envelope.newBuilder()
          .setPayload(payload.toByteString())
          .setSignature(ByteString.copyFrom(signature))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SeekInfo seek(SeekPosition start, SeekPosition stop) {
    return SeekInfo.newBuilder().setStart(start).setStop(stop).build();
  }

  private static SeekPosition oldest() {
    return SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build();
  }

  private static SeekPosition newest() {
    return SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
  }

  private static SeekPosition nextCommit() {
    return SeekPosition.newBuilder().setNextCommit(SeekNextCommit.getDefaultInstance()).build();
  }

  private static SeekPosition specified(long number) {
    return SeekPosition.newBuilder()
        .setSpecified(SeekSpecified.newBuilder().setNumber(number))
        .build();
  }

  private static List<Long> blockNumbers(List<DeliverResponse> responses) {
    return responses.stream()
        .filter(DeliverResponse::hasBlock)
        .map(response -> response.getBlock().getHeader().getNumber())
        .toList();
  }

  /** One client stream: its requests, and what the peer answered, in order. */
  private static final class Stream implements StreamObserver<DeliverResponse> {

    private static final Object COMPLETED = new Object();

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private StreamObserver<Envelope> requests;

    void send(Envelope request) {
      requests.onNext(request);
    }

    DeliverResponse next() throws InterruptedException {
      Object item = received.poll(10, TimeUnit.SECONDS);
      if (item instanceof DeliverResponse response) {
        return response;
      }
      throw new AssertionError("expected a response, got " + item);
    }

    /** The responses up to and including the next status. */
    List<DeliverResponse> untilStatus() throws InterruptedException {
      List<DeliverResponse> responses = new ArrayList<>();
      do {
        responses.add(next());
      } while (!responses.getLast().hasStatus());
      return responses;
    }

    /** Whether the peer ended the stream normally. */
    boolean completed() throws InterruptedException {
      return received.poll(5, TimeUnit.SECONDS) == COMPLETED;
    }

    @Override
    public void onNext(DeliverResponse response) {
      received.add(response);
    }

    @Override
    public void onError(Throwable error) {
      received.add(error);
    }

    @Override
    public void onCompleted() {
      received.add(COMPLETED);
    }
  }
}
