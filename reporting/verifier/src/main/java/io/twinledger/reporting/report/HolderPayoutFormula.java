package io.twinledger.reporting.report;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.reporting.evidence.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@value #NAME}: one holder's share of a payment to a bond's investors, as finance-models' {@link
 * PayoutAllocation} splits it among the register of holders, the rule the books, the Fabric token
 * and the EVM distribution contract apply (largest remainder, ties to the smaller holder id).
 *
 * <p>Inputs, in this order: the {@link BondPaymentFormula} figure of the payment, which the issuer
 * pays; then exactly one {@link InputKind#HOLDINGS} input, the register the payment was paid to, of
 * the same bond as the payment's terms. The whole register is read because a share depends on every
 * holder's units and, for equal remainders, on the order of their ids. Parameters: {@code holder}
 * (whose share), {@code units} (that holder's units in the register) and {@code allocationDigest}
 * (the {@link PayoutDigest} of the whole allocation, as the books and the chains recorded the
 * payout); both are checked. The value is the holder's amount in the currency's minor unit ({@code
 * 33.34}).
 */
public record HolderPayoutFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "holder-payout";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    if (figure.inputs().size() != 2) {
      throw new FigureException(
          "reads a payment figure and a register; it names " + figure.inputs());
    }
    String paymentId = figure.inputs().get(0);
    String registerId = figure.inputs().get(1);
    if (data.isInput(paymentId)) {
      throw new FigureException("reads " + paymentId + " first, which is not a payment figure");
    }
    Figure payment = data.figure(paymentId);
    if (!payment.formula().equals(BondPaymentFormula.NAME)) {
      throw new FigureException("reads " + paymentId + ", which is not a bond payment");
    }
    if (!"ISSUER".equals(payment.parameters().get("payer"))) {
      throw new FigureException(
          paymentId + " is paid by " + payment.parameters().get("payer") + ", not to the holders");
    }
    if (!payment.unit().equals(figure.unit())) {
      throw new FigureException("shares " + paymentId + " in " + payment.unit());
    }
    if (!data.isInput(registerId) || data.kind(registerId) != InputKind.HOLDINGS) {
      throw new FigureException("reads " + registerId + ", which is not a register of holders");
    }
    StrictJson.Node register = data.payload(registerId);
    String bondId = register.stringOr("bondId", "");
    String paymentBond = bondOf(payment, data);
    if (!bondId.equals(paymentBond)) {
      throw new FigureException(
          registerId + " is the register of " + bondId + ", the payment is of " + paymentBond);
    }
    List<Holding> holdings = holdings(registerId, register);
    String holder = figure.parameters().getOrDefault("holder", "");
    Optional<Holding> held = holdings.stream().filter(h -> h.holder().equals(holder)).findFirst();
    if (held.isEmpty()) {
      throw new FigureException("'" + holder + "' holds nothing in " + registerId);
    }
    String units = Long.toString(held.get().units());
    if (!units.equals(figure.parameters().get("units"))) {
      throw new FigureException(
          "'"
              + holder
              + "' holds "
              + units
              + " units in "
              + registerId
              + ", the figure states "
              + figure.parameters().get("units"));
    }
    List<Payout> allocation;
    try {
      allocation = PayoutAllocation.allocate(Money.of(payment.unit(), payment.value()), holdings);
    } catch (IllegalArgumentException e) {
      throw new FigureException(paymentId + " cannot be allocated: " + e.getMessage());
    }
    String digest = PayoutDigest.of(allocation);
    if (!digest.equals(figure.parameters().get("allocationDigest"))) {
      throw new FigureException(
          paymentId
              + " allocated over "
              + registerId
              + " digests to "
              + digest
              + ", the figure states "
              + figure.parameters().get("allocationDigest"));
    }
    return allocation.stream()
        .filter(p -> p.holder().equals(holder))
        .findFirst()
        .orElseThrow()
        .amount()
        .minorUnitText();
  }

  /** The bond of a payment figure: the {@code bondId} of its terms event. */
  private static String bondOf(Figure payment, FigureData data) throws FigureException {
    for (String id : payment.inputs()) {
      if (data.isInput(id) && data.kind(id) == InputKind.BOND_TERMS) {
        return data.payload(id).stringOr("bondId", "");
      }
    }
    throw new FigureException(payment.id() + " reads no bond terms");
  }

  /** The register's holdings, checked against the total it records. */
  private static List<Holding> holdings(String registerId, StrictJson.Node register)
      throws FigureException {
    List<Holding> holdings = new ArrayList<>();
    long total;
    try {
      for (StrictJson.Node holding : register.objects("holdings")) {
        holdings.add(new Holding(holding.string("holder"), holding.integer("units")));
      }
      total = register.integer("totalUnits");
    } catch (StrictJson.Malformed | IllegalArgumentException e) {
      throw new FigureException(registerId + " is no readable register: " + e.getMessage());
    }
    long sum = holdings.stream().mapToLong(Holding::units).sum();
    if (sum != total) {
      throw new FigureException(
          registerId + "'s holdings sum to " + sum + " units, it records " + total);
    }
    return holdings;
  }
}
