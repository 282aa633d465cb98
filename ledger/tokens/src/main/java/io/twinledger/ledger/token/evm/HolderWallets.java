package io.twinledger.ledger.token.evm;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The demo's holder wallets: each holder id's key is derived from the agent's key, {@code
 * keccak256("twinledger-holder" ‖ agent key ‖ holder id)}, so the same holder has the same address
 * across tokens and restarts, and the registry (holder id → address) can be rebuilt from the chain.
 *
 * <p>This is custody by the agent, fit for a demo and for tests. Real holders bring their own
 * address and sign their own transfers; the token's registry is the record of holder id → address
 * either way.
 */
final class HolderWallets {

  private final byte[] seed;

  HolderWallets(String agentPrivateKey) {
    this.seed = Numeric.hexStringToByteArray(agentPrivateKey);
  }

  /** The wallet of {@code holder}. */
  Credentials of(String holder) {
    byte[] prefix = "twinledger-holder".getBytes(StandardCharsets.UTF_8);
    byte[] id = holder.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[prefix.length + seed.length + id.length];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    System.arraycopy(seed, 0, input, prefix.length, seed.length);
    System.arraycopy(id, 0, input, prefix.length + seed.length, id.length);
    return Credentials.create(ECKeyPair.create(Hash.sha3(input)));
  }
}
