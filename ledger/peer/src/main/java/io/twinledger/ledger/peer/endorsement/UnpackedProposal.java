package io.twinledger.ledger.peer.endorsement;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal that is readable and names a channel and a chaincode: what Fabric's gateway
 * learns before it picks the channel and hands the proposal to an endorser. Whether the channel and
 * chaincode exist ({@link Endorser#chaincode}) and its signer, signature and transaction id ({@link
 * Endorser#check}) are not checked yet.
 *
 * @param signed the proposal as the client signed it
 * @param header the proposal header (channel and signature header bytes as signed)
 * @param channelHeader the parsed channel header
 * @param signatureHeader the parsed signature header
 * @param extension the chaincode header extension
 * @param payload the chaincode proposal payload, transient data included
 * @param spec the chaincode invocation
 */
public record UnpackedProposal(
    SignedProposal signed,
    Header header,
    ChannelHeader channelHeader,
    SignatureHeader signatureHeader,
    ChaincodeHeaderExtension extension,
    ChaincodeProposalPayload payload,
    ChaincodeInvocationSpec spec) {

  /** The channel the proposal is for. */
  public String channelId() {
    return channelHeader.getChannelId();
  }

  /** The name of the chaincode it invokes. */
  public String chaincodeName() {
    return spec.getChaincodeSpec().getChaincodeId().getName();
  }
}
