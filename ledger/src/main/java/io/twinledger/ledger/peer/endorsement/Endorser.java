package io.twinledger.ledger.peer.endorsement;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.twinledger.ledger.peer.chaincode.ChaincodeDefinition;
import io.twinledger.ledger.peer.chaincode.Invocation;
import io.twinledger.ledger.peer.chaincode.SimulationResult;
import io.twinledger.ledger.peer.chaincode.Simulator;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.EndorserIdentity;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TransientStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
  private final Map<String, ChaincodeDefinition> chaincodes;
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
      Map<String, ChaincodeDefinition> chaincodes,
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
   * Checks a signed proposal: its structure, header type, channel, the client's identity and
   * signature, the transaction id (hex SHA-256 of nonce ‖ creator), that the id is new, and that
   * the chaincode exists.
   */
  public CheckedProposal check(SignedProposal signed) throws ProposalRejectedException {
    if (signed.getProposalBytes().isEmpty()) {
      throw invalid("a signed proposal is required");
    }
    Proposal proposal = parse(signed.getProposalBytes(), Proposal.parser(), "proposal");
    Header header = parse(proposal.getHeader(), Header.parser(), "proposal header");
    ChannelHeader channelHeader =
        parse(header.getChannelHeader(), ChannelHeader.parser(), "channel header");
    SignatureHeader signatureHeader =
        parse(header.getSignatureHeader(), SignatureHeader.parser(), "signature header");
    if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
      throw invalid(
          "proposal header type " + channelHeader.getType() + " is not ENDORSER_TRANSACTION");
    }
    if (!channel.equals(channelHeader.getChannelId())) {
      throw new ProposalRejectedException(
          Rejection.NOT_FOUND, "channel '" + channelHeader.getChannelId() + "' not found");
    }
    Creator creator = creator(signatureHeader.getCreator());
    Optional<String> badSignature =
        creator.verify(
            signed.getProposalBytes().toByteArray(), signed.getSignature().toByteArray());
    if (badSignature.isPresent()) {
      throw new ProposalRejectedException(
          Rejection.FORBIDDEN,
          "proposal signature of " + creator.mspId() + " client is invalid: " + badSignature.get());
    }
    String expectedTxId = txId(signatureHeader.getNonce(), signatureHeader.getCreator());
    if (!expectedTxId.equals(channelHeader.getTxId())) {
      throw invalid(
          "transaction id "
              + channelHeader.getTxId()
              + " is not hex(SHA-256(nonce ‖ creator)) = "
              + expectedTxId);
    }
    if (transactions.find(expectedTxId).isPresent()) {
      throw new ProposalRejectedException(
          Rejection.DUPLICATE, "duplicate transaction found [" + expectedTxId + "]");
    }
    ChaincodeProposalPayload payload =
        parse(proposal.getPayload(), ChaincodeProposalPayload.parser(), "proposal payload");
    ChaincodeInvocationSpec spec =
        parse(payload.getInput(), ChaincodeInvocationSpec.parser(), "invocation spec");
    ChaincodeHeaderExtension extension =
        parse(channelHeader.getExtension(), ChaincodeHeaderExtension.parser(), "header extension");
    String chaincodeName = spec.getChaincodeSpec().getChaincodeId().getName();
    if (chaincodeName.isEmpty()) {
      throw invalid("no chaincode name is provided, channel id [" + channel + "]");
    }
    if (!extension.getChaincodeId().getName().isEmpty()
        && !extension.getChaincodeId().getName().equals(chaincodeName)) {
      throw invalid("header extension names chaincode " + extension.getChaincodeId().getName());
    }
    ChaincodeDefinition definition = chaincodes.get(chaincodeName);
    if (definition == null) {
      throw new ProposalRejectedException(
          Rejection.NOT_FOUND,
          "chaincode '" + chaincodeName + "' is not defined on channel '" + channel + "'");
    }
    Invocation invocation =
        new Invocation(
            channel,
            expectedTxId,
            spec.getChaincodeSpec().getInput().getArgsList(),
            payload.getTransientMapMap(),
            signed,
            Instant.ofEpochSecond(
                channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos()),
            signatureHeader.getCreator(),
            creator.mspId(),
            binding(signatureHeader, channelHeader.getEpoch()));
    return new CheckedProposal(header, payload, creator, definition, invocation);
  }

  /** Runs the proposal's chaincode against committed state. */
  public SimulationResult simulate(CheckedProposal proposal) {
    return simulator.simulate(proposal.definition(), proposal.invocation());
  }

  /**
   * Endorses a successful simulation and returns the unsigned transaction envelope.
   *
   * @param requestedOrganizations the organisations the client asked to endorse; empty for the
   *     chaincode policy's default endorsers
   */
  public Envelope endorse(
      CheckedProposal proposal, SimulationResult result, Set<String> requestedOrganizations)
      throws ProposalRejectedException {
    PrincipalPolicy policy = proposal.definition().policyFor(proposal.invocation().function());
    Set<String> organizations =
        new TreeSet<>(requestedOrganizations.isEmpty() ? policy.mspIds() : requestedOrganizations);
    ChaincodeAction.Builder action =
        ChaincodeAction.newBuilder()
            .setResults(result.results().toByteString())
            .setResponse(result.response())
            .setChaincodeId(
                ChaincodeID.newBuilder()
                    .setName(proposal.definition().name())
                    .setVersion(proposal.definition().version()));
    result.event().ifPresent(event -> action.setEvents(event.toByteString()));
    ByteString responsePayload =
        ProposalResponsePayload.newBuilder()
            .setProposalHash(proposalHash(proposal.header(), proposal.payload()))
            .setExtension(action.build().toByteString())
            .build()
            .toByteString();
    ChaincodeEndorsedAction.Builder endorsed =
        ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload);
    for (String mspId : organizations) {
      EndorserIdentity identity = endorsers.get(mspId);
      if (identity == null) {
        throw new ProposalRejectedException(
            Rejection.UNAVAILABLE, "this peer holds no endorser identity for " + mspId);
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
    MessageDigest digest = sha256();
    digest.update(nonce.asReadOnlyByteBuffer());
    digest.update(creator.asReadOnlyByteBuffer());
    return HexFormat.of().formatHex(digest.digest());
  }

  private Creator creator(ByteString serialized) throws ProposalRejectedException {
    try {
      return organizations.verify(serialized);
    } catch (IdentityException e) {
      throw new ProposalRejectedException(
          Rejection.FORBIDDEN, "creator identity is not valid: " + e.getMessage());
    }
  }

  private static ByteString proposalHash(Header header, ChaincodeProposalPayload payload) {
    MessageDigest digest = sha256();
    digest.update(header.getChannelHeader().asReadOnlyByteBuffer());
    digest.update(header.getSignatureHeader().asReadOnlyByteBuffer());
    digest.update(
        ChaincodeProposalPayload.newBuilder()
            .setInput(payload.getInput())
            .build()
            .toByteString()
            .asReadOnlyByteBuffer());
    return ByteString.copyFrom(digest.digest());
  }

  private static ByteString binding(SignatureHeader header, long epoch) {
    MessageDigest digest = sha256();
    digest.update(header.getNonce().asReadOnlyByteBuffer());
    digest.update(header.getCreator().asReadOnlyByteBuffer());
    digest.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, epoch));
    return ByteString.copyFrom(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T parse(ByteString bytes, Parser<T> parser, String what)
      throws ProposalRejectedException {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw invalid("failed to unpack " + what + ": " + e.getMessage());
    }
  }

  private static ProposalRejectedException invalid(String message) {
    return new ProposalRejectedException(Rejection.INVALID, message);
  }
}
