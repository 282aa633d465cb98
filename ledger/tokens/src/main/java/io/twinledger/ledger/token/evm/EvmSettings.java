package io.twinledger.ledger.token.evm;

import java.util.Map;

/**
 * Where and as whom {@link EvmTokenLedger} writes.
 *
 * @param rpcUrl the node's JSON-RPC address ({@code twinledger.evm.rpc-url})
 * @param chainId the chain id transactions are signed for (EIP-155)
 * @param agentPrivateKey the issuer's agent key, hex with or without {@code 0x}: it deploys the
 *     contracts and is their agent
 * @param contracts contracts already deployed, by token id, to attach to instead of deploying;
 *     {@link EvmTokenLedger#contracts(String)} gives those of a token it deployed, for storing
 */
public record EvmSettings(
    String rpcUrl, long chainId, String agentPrivateKey, Map<String, EvmContracts> contracts) {

  public EvmSettings {
    if (rpcUrl == null || rpcUrl.isBlank()) {
      throw new IllegalArgumentException("rpcUrl: is required");
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId: must be positive, was " + chainId);
    }
    if (agentPrivateKey == null
        || !agentPrivateKey.replaceFirst("^0x", "").matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("agentPrivateKey: must be 32 bytes of hex");
    }
    contracts = Map.copyOf(contracts);
  }

  /** Settings that deploy every token's contracts afresh. */
  public EvmSettings(String rpcUrl, long chainId, String agentPrivateKey) {
    this(rpcUrl, chainId, agentPrivateKey, Map.of());
  }

  @Override
  public String toString() {
    return "EvmSettings[rpcUrl="
        + rpcUrl
        + ", chainId="
        + chainId
        + ", contracts="
        + contracts
        + "]";
  }

  /**
   * The addresses of one bond's three contracts.
   *
   * @param token the {@code BondToken}
   * @param cash the {@code CashToken} its payments are made in
   * @param distribution the {@code BondDistribution} that pays them
   */
  public record EvmContracts(String token, String cash, String distribution) {}
}
