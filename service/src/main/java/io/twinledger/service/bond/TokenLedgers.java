package io.twinledger.service.bond;

import io.twinledger.ledger.token.TokenLedger;
import java.util.List;
import java.util.Optional;

/**
 * The chains this deployment pays bond holders on: the Fabric token whenever a ledger is configured
 * (embedded or a real network), and the EVM leg when {@code twinledger.evm.rpc-url} is set. None
 * when the deployment has no ledger: then payments are declared in the books and nothing is paid.
 */
public record TokenLedgers(List<TokenLedger> all) {

  public TokenLedgers {
    all = List.copyOf(all);
  }

  /** The ledger of one chain. */
  public Optional<TokenLedger> chain(String chain) {
    return all.stream().filter(l -> l.chain().equals(chain)).findFirst();
  }

  /** The chains' names, in order. */
  public List<String> chains() {
    return all.stream().map(TokenLedger::chain).toList();
  }
}
