package io.twinledger.service.bond;

import io.twinledger.ledger.token.TokenLedger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chains this deployment pays bond holders on: the Fabric token whenever a ledger is configured
 * (embedded or a real network), and the EVM leg when {@code twinledger.evm.rpc-url} is set. None
 * when the deployment has no ledger: then payments are declared in the books and nothing is paid.
 */
public record TokenLedgers(List<TokenLedger> all, Set<String> opened) {

  public TokenLedgers {
    all = List.copyOf(all);
  }

  /** The chains given, none of their tokens opened yet by this process. */
  public TokenLedgers(List<TokenLedger> all) {
    this(all, ConcurrentHashMap.newKeySet());
  }

  /**
   * {@code ledger}, with token {@code tokenId} open on it: a ledger attaches to a token's contracts
   * or chaincode state once per process ({@link TokenLedger#openToken} is idempotent, but on Fabric
   * it is a transaction), so that a service restarted halfway through a payout finds its tokens
   * again.
   */
  public TokenLedger open(TokenLedger ledger, String tokenId, String currency) {
    if (opened.add(ledger.chain() + "/" + tokenId)) {
      try {
        ledger.openToken(tokenId, currency);
      } catch (RuntimeException e) {
        opened.remove(ledger.chain() + "/" + tokenId);
        throw e;
      }
    }
    return ledger;
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
