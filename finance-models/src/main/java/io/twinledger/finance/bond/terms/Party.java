package io.twinledger.finance.bond.terms;

/** A side of a bond: the issuer, or the investors (the holders of record). */
public enum Party {
  ISSUER,
  INVESTORS;

  /** The other side: a payment from one party goes to the other. */
  public Party other() {
    return this == ISSUER ? INVESTORS : ISSUER;
  }
}
