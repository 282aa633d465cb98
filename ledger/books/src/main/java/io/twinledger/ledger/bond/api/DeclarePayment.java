package io.twinledger.ledger.bond.api;

import io.twinledger.finance.money.Money;
import java.time.LocalDate;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Declares a payment to the bond's holders: its amount for the whole face, its date and the record
 * date whose holders receive it.
 *
 * @param paymentId unique in the bond
 * @param kind {@code COUPON}, {@code PRINCIPAL}, {@code OUTCOME}, {@code AVAILABILITY} or {@code
 *     PER_UNIT}
 * @param determinationId for a performance payment, the co-signed determination that decided it
 */
public record DeclarePayment(
    String bondId,
    String paymentId,
    String kind,
    LocalDate date,
    LocalDate recordDate,
    Money amount,
    Optional<String> determinationId) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
