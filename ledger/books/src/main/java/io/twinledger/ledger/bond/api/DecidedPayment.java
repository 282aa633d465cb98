package io.twinledger.ledger.bond.api;

import io.twinledger.finance.money.Money;
import java.time.LocalDate;

/**
 * A payment a determination decided, per the whole face.
 *
 * @param paymentId the id the payment is declared and paid under, unique in its bond
 * @param date the payment date
 * @param kind {@code OUTCOME}, {@code COUPON}, {@code AVAILABILITY} or {@code PER_UNIT}
 * @param payer {@code ISSUER} or {@code INVESTORS}
 * @param payee the other side
 * @param amount the amount, whole minor units, not negative
 * @param rule the rule of the terms that produced it, in words
 */
public record DecidedPayment(
    String paymentId,
    LocalDate date,
    String kind,
    String payer,
    String payee,
    Money amount,
    String rule) {}
