package io.twinledger.ledger.peer.endorsement;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.chaincode.Invocation;
import io.twinledger.ledger.peer.chaincode.SimulationResult;
import io.twinledger.ledger.peer.chaincode.Simulator;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TransientStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The endorsing side of the peer: checks signed proposals as a Fabric endorser does, simulates
 * them, signs endorsements with the organisations' endorser identities, and assembles the
 * transaction envelope the client signs (Fabric gateway's {@code prepareTransaction}).
 *
 * <p>An endorsement signs {@code proposal_response_payload ‖ endorser} (the serialized endorser
 * identity) with ECDSA/SHA-256, low-s. The proposal hash in the response payload is SHA-256 of
 * channel header bytes ‖ signature header bytes ‖ the chaincode proposal payload without its
 * transient map, as in Fabric's {@code GetProposalHash1}.
 */
public final class Endorser {

  private final String channel;
  private final Organizations organizations;
  private final Map<String, EndorserIdentity> endorsers;
  private final Map<String, ByteString> serializedEndorsers;
  private final Map<String, DeployedChaincode> chaincodes;
  private final Simulator simulator;
  private final TransactionIndex transactions;
  private final TransientStore transientStore;
  private final OwnEndorsements ownEndorsements;
  private final LongSupplier height;

  /**
   * @param endorsers the identity to endorse with per MSP id
   * @param height the current chain height, for the transient store's retention
   */
  public Endorser(
      String channel,
      Organizations organizations,
      Map<String, EndorserIdentity> endorsers,
      Map<String, DeployedChaincode> chaincodes,
      Simulator simulator,
      TransactionIndex transactions,
      TransientStore transientStore,
      OwnEndorsements ownEndorsements,
      LongSupplier height) {
    this.channel = channel;
    this.organizations = organizations;
    this.endorsers = Map.copyOf(endorsers);
    this.serializedEndorsers =
        endorsers.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().serialized()));
    this.chaincodes = Map.copyOf(chaincodes);
    this.simulator = simulator;
    this.transactions = transactions;
    this.transientStore = transientStore;
    this.ownEndorsements = ownEndorsements;
    this.height = height;
  }

  /**
   * Reads a signed proposal, as Fabric's gateway does before it picks the channel and an endorser.
   * It needs no channel: the gateway routes the result by {@link UnpackedProposal#channelId()}.
   *
   * @throws ProposalRejectedException {@link Rejection#MALFORMED} when it is not readable or lacks
   *     a channel, chaincode or input
   */
  public static UnpackedProposal unpack(SignedProposal signed) throws ProposalRejectedException {
    if (signed.getProposalBytes().isEmpty()) {
      throw malformed("a signed proposal is required");
    }
    Proposal proposal = parse(signed.getProposalBytes(), Proposal.parser(), "proposal");
    Header header = parse(proposal.getHeader(), Header.parser(), "proposal header");
    ChannelHeader channelHeader =
        parse(header.getChannelHeader(), ChannelHeader.parser(), "channel header");
    SignatureHeader signatureHeader =
        parse(header.getSignatureHeader(), SignatureHeader.parser(), "signature header");
    ChaincodeHeaderExtension extension =
        parse(channelHeader.getExtension(), ChaincodeHeaderExtension.parser(), "header extension");
    ChaincodeProposalPayload payload =
        parse(proposal.getPayload(), ChaincodeProposalPayload.parser(), "proposal payload");
    ChaincodeInvocationSpec spec =
        parse(payload.getInput(), ChaincodeInvocationSpec.parser(), "invocation spec");
    String channelId = channelHeader.getChannelId();
    if (channelId.isEmpty()) {
      throw malformed("no channel id provided");
    }
    if (spec.getChaincodeSpec().getChaincodeId().getName().isEmpty()) {
      throw malformed("no chaincode name is provided, channel id [" + channelId + "]");
    }
    return new UnpackedProposal(
        signed, header, channelHeader, signatureHeader, extension, payload, spec);
  }

  /**
   * The chaincode of this channel a proposal addresses.
   *
   * @throws ProposalRejectedException {@link Rejection#UNKNOWN_CHANNEL} if the proposal is for
   *     another channel; {@link Rejection#UNKNOWN_CHAINCODE} if the chaincode is not defined here
   */
  public DeployedChaincode chaincode(UnpackedProposal unpacked) throws ProposalRejectedException {
    if (!channel.equals(unpacked.channelId())) {
      throw new ProposalRejectedException(
          Rejection.UNKNOWN_CHANNEL, "channel '" + unpacked.channelId() + "' not found");
    }
    DeployedChaincode chaincode = chaincodes.get(unpacked.chaincodeName());
    if (chaincode == null) {
      throw new ProposalRejectedException(
          Rejection.UNKNOWN_CHAINCODE,
          "chaincode '"
              + unpacked.chaincodeName()
              + "' is not defined on channel '"
              + channel
              + "'");
    }
    return chaincode;
  }

  /**
   * The endorser's checks of an unpacked proposal: its header type, the client's identity (a valid
   * identity of a channel member) and signature, the transaction id (hex SHA-256 of nonce ‖
   * creator), and that the id is new.
   *
   * @throws ProposalRejectedException {@link Rejection#REFUSED}, naming the check that failed; the
   *     rejections of {@link #chaincode}
   */
  public CheckedProposal check(UnpackedProposal unpacked) throws ProposalRejectedException {
    DeployedChaincode chaincode = chaincode(unpacked);
    ChannelHeader channelHeader = unpacked.channelHeader();
    SignatureHeader signatureHeader = unpacked.signatureHeader();
    SignedProposal signed = unpacked.signed();
    if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
      throw refused(
          "proposal header type " + channelHeader.getType() + " is not ENDORSER_TRANSACTION");
    }
    String extensionName = unpacked.extension().getChaincodeId().getName();
    if (!extensionName.isEmpty() && !extensionName.equals(chaincode.name())) {
      throw refused("header extension names chaincode " + extensionName);
    }
    Creator creator;
    try {
      creator = organizations.verify(signatureHeader.getCreator());
    } catch (IdentityException e) {
      throw refused("creator identity is not valid: " + e.getMessage());
    }
    Optional<String> badSignature =
        creator.verify(
            signed.getProposalBytes().toByteArray(), signed.getSignature().toByteArray());
    if (badSignature.isPresent()) {
      throw refused(
          "proposal signature of " + creator.describe() + " is invalid: " + badSignature.get());
    }
    String expectedTxId = txId(signatureHeader.getNonce(), signatureHeader.getCreator());
    if (!expectedTxId.equals(channelHeader.getTxId())) {
      throw refused(
          "transaction id "
              + channelHeader.getTxId()
              + " is not hex(SHA-256(nonce ‖ creator)) = "
              + expectedTxId);
    }
    if (transactions.find(expectedTxId).isPresent()) {
      throw refused("duplicate transaction found [" + expectedTxId + "]");
    }
    Invocation invocation =
        new Invocation(
            channel,
            expectedTxId,
            unpacked.spec().getChaincodeSpec().getInput().getArgsList(),
            unpacked.payload().getTransientMapMap(),
            signed,
            Instant.ofEpochSecond(
                channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos()),
            creator,
            binding(signatureHeader, channelHeader.getEpoch()));
    return new CheckedProposal(
        unpacked.header(), unpacked.payload(), creator, chaincode, invocation);
  }

  /** The organisations this peer holds an endorser identity for. */
  public Set<String> endorsingOrganizations() {
    return endorsers.keySet();
  }

  /** Runs the proposal's chaincode against committed state. */
  public SimulationResult simulate(CheckedProposal proposal) {
    return simulator.simulate(proposal.chaincode(), proposal.invocation());
  }

  /**
   * The organisations that endorse {@code chaincode}'s transactions when the client names none:
   * every organisation its policy names.
   */
  public Set<String> defaultEndorsers(DeployedChaincode chaincode) {
    return chaincode.endorsement().mspIds();
  }

  /**
   * Endorses a successful simulation and returns the unsigned transaction envelope.
   *
   * @param organizations the organisations to endorse as, all of them {@link
   *     #endorsingOrganizations}
   * @throws IllegalArgumentException if this peer holds no endorser identity for one of them
   */
  public Envelope endorse(
      CheckedProposal proposal, SimulationResult result, Set<String> organizations) {
    ChaincodeAction.Builder action =
        ChaincodeAction.newBuilder()
            .setResults(result.results().toByteString())
            .setResponse(result.response())
            .setChaincodeId(
                ChaincodeID.newBuilder()
                    .setName(proposal.chaincode().name())
                    .setVersion(proposal.chaincode().version()));
    result.event().ifPresent(event -> action.setEvents(event.toByteString()));
    ByteString responsePayload =
        ProposalResponsePayload.newBuilder()
            .setProposalHash(proposalHash(proposal.header(), proposal.payload()))
            .setExtension(action.build().toByteString())
            .build()
            .toByteString();
    ChaincodeEndorsedAction.Builder endorsed =
        ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload);
    for (String mspId : new TreeSet<>(organizations)) {
      EndorserIdentity identity = endorsers.get(mspId);
      if (identity == null) {
        throw new IllegalArgumentException("this peer holds no endorser identity for " + mspId);
      }
      ByteString endorser = serializedEndorsers.get(mspId);
      ByteString signed = responsePayload.concat(endorser);
      ByteString signature = ByteString.copyFrom(identity.sign(signed.toByteArray()));
      ownEndorsements.remember(signature, signed);
      endorsed.addEndorsements(
          Endorsement.newBuilder().setEndorser(endorser).setSignature(signature));
    }
    result
        .privateData()
        .ifPresent(
            privateData -> transientStore.put(proposal.txId(), privateData, height.getAsLong()));
    ByteString proposalPayloadWithoutTransient =
        ChaincodeProposalPayload.newBuilder()
            .setInput(proposal.payload().getInput())
            .build()
            .toByteString();
    ByteString actionPayload =
        ChaincodeActionPayload.newBuilder()
            .setChaincodeProposalPayload(proposalPayloadWithoutTransient)
            .setAction(endorsed)
            .build()
            .toByteString();
    ByteString transaction =
        Transaction.newBuilder()
            .addActions(
                TransactionAction.newBuilder()
                    .setHeader(proposal.header().getSignatureHeader())
                    .setPayload(actionPayload))
            .build()
            .toByteString();
    ByteString payload =
        Payload.newBuilder()
            .setHeader(proposal.header())
            .setData(transaction)
            .build()
            .toByteString();
    return Envelope.newBuilder().setPayload(payload).build();
  }

  /** Fabric's transaction id: lower-case hex SHA-256 of nonce ‖ serialized creator. */
  public static String txId(ByteString nonce, ByteString creator) {
    return HexFormat.of().formatHex(Digests.sha256(nonce, creator).toByteArray());
  }

  private static ByteString proposalHash(Header header, ChaincodeProposalPayload payload) {
    return Digests.sha256(
        header.getChannelHeader(),
        header.getSignatureHeader(),
        ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build().toByteString());
  }

  private static ByteString binding(SignatureHeader header, long epoch) {
    ByteString epochBytes =
        ByteString.copyFrom(
            ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0, epoch)
                .array());
    return Digests.sha256(header.getNonce(), header.getCreator(), epochBytes);
  }

  private static <T> T parse(ByteString bytes, Parser<T> parser, String what)
      throws ProposalRejectedException {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw malformed("failed to unpack " + what + ": " + e.getMessage());
    }
  }

  private static ProposalRejectedException malformed(String message) {
    return new ProposalRejectedException(Rejection.MALFORMED, message);
  }

  private static ProposalRejectedException refused(String message) {
    return new ProposalRejectedException(Rejection.REFUSED, message);
  }
}
