package io.twinledger.ledger.bond.api;

import io.twinledger.finance.money.Money;
import java.time.LocalDate;
import java.util.Optional;

/** A payment to the bond's holders was declared. */
public record PaymentDeclared(
    String bondId,
    String paymentId,
    String kind,
    LocalDate date,
    LocalDate recordDate,
    Money amount,
    Optional<String> determinationId) {}
