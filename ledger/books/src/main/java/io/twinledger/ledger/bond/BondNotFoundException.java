package io.twinledger.ledger.bond;

/** No bond with the given id was ever defined. */
public final class BondNotFoundException extends RuntimeException {

  public BondNotFoundException(String bondId) {
    super("no bond with id '" + bondId + "'");
  }
}
