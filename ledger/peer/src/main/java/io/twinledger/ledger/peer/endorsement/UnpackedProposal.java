package io.twinledger.ledger.peer.endorsement;

import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal that is readable and addresses a chaincode of this channel: what Fabric's
 * gateway learns before it hands the proposal to an endorser. Its signer, signature and transaction
 * id are not checked yet ({@link Endorser#check}).
 *
 * @param signed the proposal as the client signed it
 * @param header the proposal header (channel and signature header bytes as signed)
 * @param channelHeader the parsed channel header
 * @param signatureHeader the parsed signature header
 * @param extension the chaincode header extension
 * @param payload the chaincode proposal payload, transient data included
 * @param spec the chaincode invocation
 * @param chaincode the chaincode it addresses
 */
public record UnpackedProposal(
    SignedProposal signed,
    Header header,
    ChannelHeader channelHeader,
    SignatureHeader signatureHeader,
    ChaincodeHeaderExtension extension,
    ChaincodeProposalPayload payload,
    ChaincodeInvocationSpec spec,
    DeployedChaincode chaincode) {}
