package io.twinledger.service.bond;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional EVM leg ({@code twinledger.evm.*}): when {@code rpc-url} is set, every bond's tokens
 * and payouts are also carried on that chain, beside the Fabric token.
 *
 * @param rpcUrl the node's JSON-RPC address; no EVM leg when empty
 * @param chainId the chain id transactions are signed for (31337 is a local hardhat node)
 * @param agentKey the issuer's agent key, 32 bytes of hex: it deploys the contracts and is their
 *     agent. Read it from the environment ({@code TWINLEDGER_EVM_AGENT_KEY}), never a file in git
 */
@ConfigurationProperties("twinledger.evm")
public record EvmProperties(
    Optional<String> rpcUrl, @DefaultValue("31337") long chainId, Optional<String> agentKey) {}
