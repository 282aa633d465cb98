/**
 * The TwinLedger consortium, defined once ({@code network/consortium.yaml}) and shared by the
 * embedded single-node peer and a real Hyperledger Fabric 2.5 network. {@link
 * io.twinledger.network.Consortium#twinLedger()} loads it; subpackages hold its organisations,
 * channels, chaincode definitions, endorsement policies, the embedded MSPs and the generated Fabric
 * network files.
 */
package io.twinledger.network;
