package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.store.ChainDefect;
import io.twinledger.ledger.peer.store.LedgerIntegrityException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One peer joined to two channels behind one gateway: {@value PeerFixture#CHANNEL} (Org1MSP and
 * Org2MSP, both must endorse) and {@value PeerFixture#SECOND_CHANNEL} (Org1MSP and Org3MSP, Org3MSP
 * endorses), the same chaincode name on both. A client connects once and reaches either by name;
 * each channel keeps its own blocks, state, members and policy.
 */
class ChannelsTest {

  private static final String INFRA = PeerFixture.CHANNEL;
  private static final String ENERGY = PeerFixture.SECOND_CHANNEL;

  private PeerFixture fixture;

  @BeforeEach
  void start() {
    fixture = PeerFixture.startTwoChannels();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void thePeerHasJoinedBothChannelsInTheOrderOfItsSettings() {
    assertThat(fixture.peer().channels()).containsExactly(INFRA, ENERGY);
    assertThat(fixture.peer().channel(ENERGY).name()).isEqualTo(ENERGY);
    assertThat(
            catchThrowableOfType(IllegalArgumentException.class, () -> fixture.peer().channel("x")))
        .hasMessage(
            "The peer has not joined channel x; it serves [infra-performance, energy-market]");
  }

  @Test
  void aKeyWrittenOnOneChannelIsNotReadOnTheOther() throws Exception {
    Gateway gateway = fixture.connect(fixture.org1Client);
    Contract infra = contract(gateway, INFRA);
    Contract energy = contract(gateway, ENERGY);

    infra.submitTransaction("put", "only-infra", "on infra");
    infra.submitTransaction("put", "both", "infra value");
    energy.submitTransaction("put", "both", "energy value");

    assertThat(text(infra.evaluateTransaction("get", "only-infra"))).isEqualTo("on infra");
    assertThat(text(energy.evaluateTransaction("get", "only-infra"))).isEmpty();
    assertThat(text(infra.evaluateTransaction("get", "both"))).isEqualTo("infra value");
    assertThat(text(energy.evaluateTransaction("get", "both"))).isEqualTo("energy value");
    assertThat(text(energy.evaluateTransaction("history", "both"))).isEqualTo("energy value");
  }

  @Test
  void heightsBlocksAndEventsArePerChannel() throws Exception {
    Gateway gateway = fixture.connect(fixture.org1Client);
    Contract infra = contract(gateway, INFRA);
    Contract energy = contract(gateway, ENERGY);
    for (int i = 0; i < 3; i++) {
      infra.submitTransaction("put", "infra-" + i, "x");
    }
    long infraHeight = fixture.peer().channel(INFRA).height();

    Status first = submit(energy, "energy-0", "y");

    assertThat(infraHeight).isEqualTo(3);
    assertThat(first.getBlockNumber()).as("the energy chain starts at block 0").isZero();
    assertThat(fixture.peer().channel(ENERGY).height()).isEqualTo(1);
    assertThat(fixture.peer().channel(INFRA).height()).isEqualTo(infraHeight);
    Block energyBlock = fixture.peer().channel(ENERGY).block(0).orElseThrow();
    Block infraBlock = fixture.peer().channel(INFRA).block(0).orElseThrow();
    assertThat(energyBlock.getHeader().getPreviousHash()).isEmpty();
    assertThat(channelOf(energyBlock)).isEqualTo(ENERGY);
    assertThat(channelOf(infraBlock)).isEqualTo(INFRA);
    assertThat(fixture.peer().channel(ENERGY).block(1)).isEmpty();
    try (CloseableIterator<ChaincodeEvent> events =
        gateway
            .getNetwork(ENERGY)
            .newChaincodeEventsRequest(PeerFixture.CHAINCODE)
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(10, TimeUnit.SECONDS))) {
      ChaincodeEvent event = events.next();
      assertThat(event.getTransactionId()).isEqualTo(first.getTransactionId());
      assertThat(text(event.getPayload())).isEqualTo("energy-0=y");
    }
  }

  @Test
  void eachChannelValidatesAgainstItsOwnPolicy() throws Exception {
    Gateway gateway = fixture.connect(fixture.org1Client);

    Status energyByOrg3 = submitEndorsedBy(contract(gateway, ENERGY), "by-org3", "Org3MSP");
    Status energyByOrg1 = submitEndorsedBy(contract(gateway, ENERGY), "by-org1", "Org1MSP");
    Status infraByOrg1 = submitEndorsedBy(contract(gateway, INFRA), "by-org1", "Org1MSP");
    EndorseException infraByOrg3 =
        catchThrowableOfType(
            EndorseException.class,
            () -> submitEndorsedBy(contract(gateway, INFRA), "by-org3", "Org3MSP"));

    assertThat(energyByOrg3.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(energyByOrg1.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(infraByOrg1.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(infraByOrg3.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
    assertThat(infraByOrg3.getStatus().getDescription())
        .isEqualTo("failed to find any endorsing peers for org(s): Org3MSP");
  }

  @Test
  void anOrganisationIsRefusedOnAChannelItIsNotAMemberOf() throws Exception {
    Contract org2OnEnergy = contract(fixture.connect(fixture.org2Client), ENERGY);
    Contract org3OnInfra = contract(fixture.connect(fixture.org3Client), INFRA);

    GatewayException evaluate =
        catchThrowableOfType(
            GatewayException.class, () -> org2OnEnergy.evaluateTransaction("get", "k"));
    EndorseException endorse =
        catchThrowableOfType(
            EndorseException.class, () -> org3OnInfra.submitTransaction("put", "k", "v"));

    assertThat(evaluate.getStatus().getCode()).isEqualTo(Code.FAILED_PRECONDITION);
    assertThat(evaluate.getStatus().getDescription())
        .isEqualTo(
            "evaluate call to endorser returned error: creator identity is not valid: MSP"
                + " 'Org2MSP' is not a member of channel energy-market");
    assertThat(endorse.getStatus().getCode()).isEqualTo(Code.ABORTED);
    assertThat(endorse.getDetails().getFirst().getMessage())
        .isEqualTo(
            "creator identity is not valid: MSP 'Org3MSP' is not a member of channel"
                + " infra-performance");
    assertThat(
            text(
                contract(fixture.connect(fixture.org3Client), ENERGY)
                    .evaluateTransaction("get", "k")))
        .as("the same identity on its own channel")
        .isEmpty();
  }

  @Test
  void aNonMembersCommitStatusAndEventRequestsArePermissionDenied() throws Exception {
    Status committed = submit(contract(fixture.connect(fixture.org1Client), ENERGY), "k", "v");
    ManagedChannel grpc = fixture.peer().newChannel();
    try {
      GatewayGrpc.GatewayBlockingStub stub =
          GatewayGrpc.newBlockingStub(grpc).withDeadlineAfter(10, TimeUnit.SECONDS);

      StatusRuntimeException nonMember =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  stub.commitStatus(
                      signedStatus(fixture.org2Client, ENERGY, committed.getTransactionId())));
      var member =
          stub.commitStatus(signedStatus(fixture.org3Client, ENERGY, committed.getTransactionId()));

      assertThat(nonMember.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED);
      assertThat(nonMember.getStatus().getDescription())
          .isEqualTo(
              "identity is not valid: MSP 'Org2MSP' is not a member of channel energy-market");
      assertThat(member.getResult()).isEqualTo(TxValidationCode.VALID);
      assertThat(member.getBlockNumber()).isEqualTo(committed.getBlockNumber());
    } finally {
      grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    GatewayRuntimeException events;
    try (CloseableIterator<ChaincodeEvent> stream =
        fixture
            .connect(fixture.org2Client)
            .getNetwork(ENERGY)
            .newChaincodeEventsRequest(PeerFixture.CHAINCODE)
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(10, TimeUnit.SECONDS))) {
      events = catchThrowableOfType(GatewayRuntimeException.class, stream::hasNext);
    }
    assertThat(events.getStatus().getCode()).isEqualTo(Code.PERMISSION_DENIED);
  }

  @Test
  void blockEventsArePerChannelAndOnlyForItsMembers() throws Exception {
    Status energyCommit = submit(contract(fixture.connect(fixture.org1Client), ENERGY), "be", "v");
    submit(contract(fixture.connect(fixture.org1Client), INFRA), "be", "v");
    Network energy = fixture.connect(fixture.org3Client).getNetwork(ENERGY);

    try (CloseableIterator<FilteredBlock> blocks =
        energy
            .newFilteredBlockEventsRequest()
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(10, TimeUnit.SECONDS))) {
      FilteredBlock first = blocks.next();

      assertThat(first.getChannelId()).isEqualTo(ENERGY);
      assertThat(first.getNumber()).isZero().isEqualTo(energyCommit.getBlockNumber());
      assertThat(first.getFilteredTransactions(0).getTxid())
          .isEqualTo(energyCommit.getTransactionId());
    }
    try (CloseableIterator<Block> blocks =
        fixture
            .connect(fixture.org3Client)
            .getNetwork(INFRA)
            .newBlockEventsRequest()
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(10, TimeUnit.SECONDS))) {
      assertThatThrownBy(blocks::next)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("FORBIDDEN");
    }
  }

  @Test
  void oneTcpEndpointServesBothChannels() throws Exception {
    int port = fixture.peer().serveTcp(0);
    ManagedChannel tcp = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try (Gateway gateway =
        Gateway.newInstance()
            .identity(fixture.org1Client.clientIdentity())
            .signer(fixture.org1Client.signer())
            .hash(Hash.SHA256)
            .connection(tcp)
            .connect()) {
      contract(gateway, INFRA).submitTransaction("put", "tcp", "infra");
      contract(gateway, ENERGY).submitTransaction("put", "tcp", "energy");

      assertThat(text(contract(gateway, INFRA).evaluateTransaction("get", "tcp")))
          .isEqualTo("infra");
      assertThat(text(contract(gateway, ENERGY).evaluateTransaction("get", "tcp")))
          .isEqualTo("energy");
    } finally {
      tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRestartKeepsBothChannels() throws Exception {
    submit(contract(fixture.connect(fixture.org1Client), INFRA), "kept", "infra");
    submit(contract(fixture.connect(fixture.org1Client), INFRA), "kept2", "infra");
    submit(contract(fixture.connect(fixture.org1Client), ENERGY), "kept", "energy");
    long infraHeight = fixture.peer().channel(INFRA).height();
    long energyHeight = fixture.peer().channel(ENERGY).height();

    fixture.restart();
    Gateway gateway = fixture.connect(fixture.org1Client);
    Status nextEnergy = submit(contract(gateway, ENERGY), "after", "restart");

    assertThat(fixture.peer().channel(INFRA).height()).isEqualTo(infraHeight);
    assertThat(nextEnergy.getBlockNumber()).isEqualTo(energyHeight);
    assertThat(text(contract(gateway, INFRA).evaluateTransaction("get", "kept")))
        .isEqualTo("infra");
    assertThat(text(contract(gateway, ENERGY).evaluateTransaction("get", "kept")))
        .isEqualTo("energy");
    assertThat(text(contract(gateway, ENERGY).evaluateTransaction("get", "kept2"))).isEmpty();
  }

  @Test
  void aTamperedLedgerOfOneChannelIsNamedAndStopsTheStart() throws Exception {
    Gateway gateway = fixture.connect(fixture.org1Client);
    submit(contract(gateway, INFRA), "tamper", "infra honest");
    Status energy = submit(contract(gateway, ENERGY), "tamper", "energy honest");
    fixture.stopPeer();

    int changed =
        update(
            "UPDATE peer_world_state SET value = 'forged'::bytea"
                + " WHERE channel = ? AND key = 'tamper'::bytea",
            ENERGY);
    LedgerIntegrityException failure =
        catchThrowableOfType(LedgerIntegrityException.class, fixture::restart);

    assertThat(changed).isEqualTo(1);
    assertThat(failure.channel()).isEqualTo(ENERGY);
    assertThat(failure.getMessage())
        .startsWith("The stored ledger of channel 'energy-market' failed its start-up check");
    assertThat(failure.getSuppressed()).as("the other channel is sound").isEmpty();
    assertThat(failure.defects())
        .extracting(ChainDefect::description)
        .containsExactly(
            "world-state key twinledger/tamper value differs from block "
                + energy.getBlockNumber()
                + " tx 0");
    PeerSettings infraOnly =
        PeerSettings.of(
            "Org1MSP",
            fixture.dataSource(),
            fixture.settings().channel(INFRA).orElseThrow(),
            fixture.settings().batchLimits());
    try (EmbeddedPeer infra = EmbeddedPeer.start(infraOnly)) {
      assertThat(infra.channel(INFRA).height())
          .as("the failed start released every channel's lock")
          .isEqualTo(1);
    }
  }

  @Test
  void tamperedLedgersOfBothChannelsAreAllReported() throws Exception {
    Gateway gateway = fixture.connect(fixture.org1Client);
    submit(contract(gateway, INFRA), "tamper", "infra honest");
    submit(contract(gateway, ENERGY), "tamper", "energy honest");
    fixture.stopPeer();

    update("UPDATE peer_world_state SET value = 'forged'::bytea WHERE key = 'tamper'::bytea");
    LedgerIntegrityException failure =
        catchThrowableOfType(LedgerIntegrityException.class, fixture::restart);

    assertThat(failure.channel()).isEqualTo(INFRA);
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOfSatisfying(
            LedgerIntegrityException.class, e -> assertThat(e.channel()).isEqualTo(ENERGY));
  }

  private static Contract contract(Gateway gateway, String channel) {
    return gateway.getNetwork(channel).getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private static Status submit(Contract contract, String key, String value) throws Exception {
    return contract
        .newProposal("put")
        .addArguments(key, value)
        .build()
        .endorse()
        .submitAsync()
        .getStatus();
  }

  private static Status submitEndorsedBy(Contract contract, String key, String mspId)
      throws Exception {
    return contract
        .newProposal("put")
        .addArguments(key, "v")
        .setEndorsingOrganizations(mspId)
        .build()
        .endorse()
        .submitAsync()
        .getStatus();
  }

  private static SignedCommitStatusRequest signedStatus(
      TestIdentity identity, String channel, String txId) {
    CommitStatusRequest request =
        CommitStatusRequest.newBuilder()
            .setChannelId(channel)
            .setTransactionId(txId)
            .setIdentity(identity.endorser().serialized())
            .build();
    return SignedCommitStatusRequest.newBuilder()
        .setRequest(request.toByteString())
        .setSignature(
            ByteString.copyFrom(identity.endorser().sign(request.toByteString().toByteArray())))
        .build();
  }

  private static String channelOf(Block block) throws Exception {
    Payload payload =
        Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
    return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
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
