package io.twinledger.twin.unit;

/**
 * A value could not be turned into a quantity or converted; {@link #reason()} says why in one line
 * that names the offending field (for example {@code unknown unitCode 'XYZ'}), ready for a
 * quarantine record or a problem detail.
 */
public abstract sealed class QuantityException extends IllegalArgumentException
    permits UnknownUnitCodeException, IncompatibleUnitsException, QuantityOutOfRangeException {

  QuantityException(String reason) {
    super(reason);
  }

  /** The one-line reason. */
  public String reason() {
    return getMessage();
  }
}
