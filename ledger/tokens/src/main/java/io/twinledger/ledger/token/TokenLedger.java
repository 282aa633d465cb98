package io.twinledger.ledger.token;

import io.twinledger.finance.payout.Holding;
import java.util.List;
import java.util.Optional;

/**
 * A chain that holds a bond's tokens and pays their holders: the Fabric token on the {@code
 * twinledger-bonds} chaincode, or the permissioned ERC-20 and its distribution contract on an EVM
 * chain. The books decide; a token ledger carries out and proves.
 *
 * <p>Every call that writes is idempotent by the id it is given (the token id, the issuance id, the
 * payment id), so a caller that crashed halfway repeats the call after a restart and nothing
 * happens twice. Refusals by the chain's rules throw {@link TokenRefusal} with the chain's code.
 */
public interface TokenLedger {

  /** The chain this ledger writes to, {@code fabric} or {@code evm}, as reports name it. */
  String chain();

  /** Creates the token of bond {@code tokenId}, paying in {@code currency}, if it is not there. */
  void openToken(String tokenId, String currency);

  /**
   * Admits holders to the token's holder registry (KYC passed); those already admitted are kept.
   */
  void registerHolders(String tokenId, List<String> holders);

  /**
   * Records the bond behind token {@code tokenId} in the chain's bond registry, with the hash of
   * its terms, if the chain keeps one; once.
   */
  default void registerBond(String tokenId, String termsHash, String currency) {}

  /**
   * Records a co-signed determination with its evidence in the chain's bond registry, if the chain
   * keeps one, so that its payments can be paid as determined; once per id.
   *
   * @param evidence the determination's evidence, JSON, as the registry takes it
   */
  default void recordDetermination(String tokenId, String determinationId, String evidence) {}

  /** Freezes or unfreezes a holder: a frozen holder neither sends nor receives units. */
  void setFrozen(String tokenId, String holder, boolean frozen);

  /** Mints {@code holdings} to registered holders, once per {@code issuanceId}. */
  void issue(String tokenId, String issuanceId, List<Holding> holdings);

  /** Moves units between registered holders, as a holder's own transfer. */
  void transfer(String tokenId, String from, String to, long units);

  /** Moves units by the issuer's agent, whatever the sender wants (lost keys, court orders). */
  void forcedTransfer(String tokenId, String from, String to, long units, String reason);

  /** The current balances, holders with none left out, in holder-id order. */
  List<Holding> balances(String tokenId);

  /**
   * Fixes the record date of payment {@code paymentId}: the holders' balances at one block. Once
   * taken, the same snapshot is returned for that payment whatever moves later.
   */
  RecordSnapshot snapshot(String tokenId, String paymentId);

  /**
   * Pays {@code order} to the holders of its snapshot, by the payout allocation rule. A payout
   * already complete is returned as it is; one interrupted halfway is completed.
   */
  PayoutReceipt pay(PayoutOrder order);

  /** The payout of {@code paymentId}, if complete. */
  Optional<PayoutReceipt> payout(String tokenId, String paymentId);
}
