package io.twinledger.market.settlement;

import java.util.List;
import java.util.Optional;

/**
 * A settled slot: one account per participant with a metered position, ordered by participant
 * ({@link String#compareTo}), and the slot's conservation checks.
 *
 * @param accounts the participants' accounts
 * @param conservation energy and money conservation of the slot
 */
public record SlotAccounts(List<ParticipantAccount> accounts, Conservation conservation) {

  public SlotAccounts {
    accounts = List.copyOf(accounts);
  }

  /** The account of {@code participant}, if it had a position in the slot. */
  public Optional<ParticipantAccount> account(String participant) {
    return accounts.stream().filter(a -> a.participant().equals(participant)).findFirst();
  }
}
