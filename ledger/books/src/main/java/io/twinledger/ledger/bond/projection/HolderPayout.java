package io.twinledger.ledger.bond.projection;

import io.twinledger.finance.money.Money;
import java.time.LocalDate;

/** What one holder received of one payment on one chain. */
public record HolderPayout(
    String bondId,
    String paymentId,
    String kind,
    LocalDate date,
    String chain,
    String holder,
    Money amount,
    String allocationDigest) {}
