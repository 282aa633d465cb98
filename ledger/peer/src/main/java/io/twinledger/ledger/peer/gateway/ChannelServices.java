package io.twinledger.ledger.peer.gateway;

import io.twinledger.ledger.peer.commit.CommitNotifier;
import io.twinledger.ledger.peer.commit.EnvelopeAdmission;
import io.twinledger.ledger.peer.commit.Orderer;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransactionIndex;

/**
 * The parts of one joined channel that the gateway routes a request to: each channel has its own
 * members, endorser, orderer, commits and transaction index.
 *
 * @param channel the channel's name
 * @param endorser checks, simulates and endorses the channel's proposals
 * @param admission the orderer's check of the channel's envelopes
 * @param orderer cuts the channel's blocks
 * @param notifier tells of the channel's commits
 * @param organizations the channel's members, for the access checks of signed requests
 * @param transactions the channel's committed transactions
 */
public record ChannelServices(
    String channel,
    Endorser endorser,
    EnvelopeAdmission admission,
    Orderer orderer,
    CommitNotifier notifier,
    Organizations organizations,
    TransactionIndex transactions) {}
