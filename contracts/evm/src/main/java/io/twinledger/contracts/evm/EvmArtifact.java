package io.twinledger.contracts.evm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The compiled contracts, as committed under {@code src/main/resources/evm}: creation bytecode and
 * ABI, built by the {@code solc} pinned in {@code contracts/evm/package.json} ({@code npm run
 * compile}). Reading them needs no Node.
 */
public enum EvmArtifact {
  BOND_TOKEN("BondToken"),
  CASH_TOKEN("CashToken"),
  BOND_DISTRIBUTION("BondDistribution");

  private final String contractName;

  EvmArtifact(String contractName) {
    this.contractName = contractName;
  }

  /** The Solidity contract name, as in {@code src/main/solidity}. */
  public String contractName() {
    return contractName;
  }

  /** The creation bytecode, hex without {@code 0x}. */
  public String bytecode() {
    return resource(".bin").strip();
  }

  /** The ABI as JSON. */
  public String abi() {
    return resource(".abi").strip();
  }

  private String resource(String extension) {
    String path = "/evm/" + contractName + extension;
    try (InputStream in = EvmArtifact.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the contracts-evm jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}
