package io.twinledger.service.bond;

import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.bond.BondNotFoundException;
import io.twinledger.ledger.bond.api.RecordHoldings;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.token.TokenLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * A bond's holders in the books and on every chain. The books' register is what a payout is checked
 * against; the chains carry the tokens. Each change goes to the chains first, since a chain may
 * refuse it by its own rules (an unregistered or frozen holder, a paused token), and the books
 * record only what every chain accepted. Chain calls are idempotent, so a change repeated after a
 * failure halfway changes nothing twice.
 */
public class BondTokens {

  private final CommandGateway commands;
  private final Bonds bonds;
  private final TokenLedgers ledgers;

  public BondTokens(CommandGateway commands, Bonds bonds, TokenLedgers ledgers) {
    this.commands = commands;
    this.bonds = bonds;
    this.ledgers = ledgers;
  }

  /**
   * Places a bond with its first holders: opens the token on each chain, admits the holders and
   * mints their units, then records the register.
   */
  public void place(String bondId, String currency, List<Holding> holdings) {
    BondView bond = bonds.find(bondId).orElseThrow(() -> new BondNotFoundException(bondId));
    List<String> holders = holdings.stream().map(Holding::holder).toList();
    for (TokenLedger chain : ledgers.all()) {
      TokenLedger ledger = ledgers.open(chain, bondId, currency);
      ledger.registerBond(bondId, bond.termsHash(), currency);
      ledger.registerHolders(bondId, holders);
      ledger.issue(bondId, "placement-" + bondId, holdings);
    }
    if (bond.registerVersion() == 0) {
      commands.sendAndWait(new RecordHoldings(bondId, holdings, "placement"));
    }
  }

  /** Admits holders to the token's registry on every chain (KYC passed). */
  public void admit(String bondId, List<String> holders) {
    String currency = currency(bondId);
    ledgers.all().forEach(l -> ledgers.open(l, bondId, currency).registerHolders(bondId, holders));
  }

  /** Freezes or unfreezes a holder on every chain. */
  public void freeze(String bondId, String holder, boolean frozen) {
    String currency = currency(bondId);
    ledgers.all().forEach(l -> ledgers.open(l, bondId, currency).setFrozen(bondId, holder, frozen));
  }

  /**
   * Moves units between holders on every chain, then records the new register.
   *
   * @param forced by the issuer's agent (lost keys, a court order), whatever the sender's state
   * @throws io.twinledger.ledger.token.TokenRefusal if a chain refuses it
   */
  public void transfer(
      String bondId, String from, String to, long units, boolean forced, String reason) {
    String currency = currency(bondId);
    if (units <= 0) {
      throw new InvalidFieldException("units", "must be positive, was " + units);
    }
    Map<String, Long> register = new LinkedHashMap<>();
    bonds.holdings(bondId).forEach(h -> register.put(h.holder(), h.units()));
    long held = register.getOrDefault(from, 0L);
    if (held < units) {
      throw new InvalidFieldException(
          "units", from + " holds " + held + " in the books, fewer than " + units);
    }
    register.merge(from, -units, Long::sum);
    register.merge(to, units, Long::sum);
    List<Holding> next = new ArrayList<>();
    register.forEach(
        (holder, n) -> {
          if (n > 0) {
            next.add(new Holding(holder, n));
          }
        });
    for (TokenLedger chain : ledgers.all()) {
      TokenLedger ledger = ledgers.open(chain, bondId, currency);
      if (forced) {
        ledger.forcedTransfer(bondId, from, to, units, reason);
      } else {
        ledger.transfer(bondId, from, to, units);
      }
    }
    commands.sendAndWait(
        new RecordHoldings(bondId, next, (forced ? "forced transfer: " : "transfer: ") + reason));
  }

  private String currency(String bondId) {
    return BondPayouts.terms(
            bonds.find(bondId).orElseThrow(() -> new BondNotFoundException(bondId)))
        .currency()
        .getCurrencyCode();
  }
}
