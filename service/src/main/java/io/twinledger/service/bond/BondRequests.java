package io.twinledger.service.bond;

import io.twinledger.finance.payout.Holding;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the bodies of the bond API's register and transfer requests, naming the field of every
 * problem.
 *
 * <p>A holder id is 1 to 32 characters of lower-case letters, digits, '.', '_' or '-': the EVM leg
 * orders holders by their ids as 32-byte words, which equals the books' order only for ASCII ids of
 * at most 32 bytes.
 */
final class BondRequests {

  /** The most holders one placement takes. */
  static final int MAX_HOLDERS = 100_000;

  private static final Pattern HOLDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

  private BondRequests() {}

  /** A transfer, checked. */
  record Transfer(String from, String to, long units, boolean forced, String reason) {}

  static List<Holding> holdings(BondBodies.Register body) {
    if (body == null || body.holdings() == null || body.holdings().isEmpty()) {
      throw new InvalidFieldException("holdings", "at least one holder is required");
    }
    if (body.holdings().size() > MAX_HOLDERS) {
      throw new InvalidFieldException(
          "holdings", "at most " + MAX_HOLDERS + " holders, was " + body.holdings().size());
    }
    List<Holding> holdings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < body.holdings().size(); i++) {
      BondBodies.HolderUnits h = body.holdings().get(i);
      String path = "holdings[" + i + "]";
      String holder = holder(h == null ? null : h.holder(), path + ".holder");
      if (!seen.add(holder)) {
        throw new InvalidFieldException(path + ".holder", "'" + holder + "' appears twice");
      }
      if (h.units() <= 0) {
        throw new InvalidFieldException(path + ".units", "must be positive, was " + h.units());
      }
      holdings.add(new Holding(holder, h.units()));
    }
    return holdings;
  }

  static List<String> holderIds(BondBodies.Admit body) {
    if (body == null || body.holders() == null || body.holders().isEmpty()) {
      throw new InvalidFieldException("holders", "at least one holder is required");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < body.holders().size(); i++) {
      ids.add(holder(body.holders().get(i), "holders[" + i + "]"));
    }
    return ids;
  }

  static Transfer transfer(BondBodies.Transfer body) {
    if (body == null) {
      throw new InvalidFieldException("body", "a transfer is required");
    }
    String from = holder(body.from(), "from");
    String to = holder(body.to(), "to");
    if (from.equals(to)) {
      throw new InvalidFieldException("to", "a transfer moves units between two holders");
    }
    if (body.units() == null || body.units() <= 0) {
      throw new InvalidFieldException("units", "a positive whole number of units is required");
    }
    boolean forced = Boolean.TRUE.equals(body.forced());
    String reason = body.reason() == null ? "" : body.reason().strip();
    if (forced && reason.isEmpty()) {
      throw new InvalidFieldException("reason", "a forced transfer says why");
    }
    return new Transfer(from, to, body.units(), forced, reason);
  }

  private static String holder(String holder, String path) {
    if (holder == null || !HOLDER.matcher(holder).matches()) {
      throw new InvalidFieldException(
          path,
          "a holder id is 1 to 32 of lower-case letters, digits, '.', '_' or '-', was "
              + (holder == null ? "nothing" : "'" + holder + "'"));
    }
    return holder;
  }
}
