package io.twinledger.finance.payout;

import io.twinledger.finance.money.Money;

/** What one holder receives of a payment. */
public record Payout(String holder, Money amount) {}
