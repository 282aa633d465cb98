package io.twinledger.twin.unit;

/** A conversion was asked between units of different dimensions, such as a length to a volume. */
public final class IncompatibleUnitsException extends QuantityException {

  private final UnitCode from;
  private final UnitCode to;

  public IncompatibleUnitsException(UnitCode from, UnitCode to) {
    super(
        "unitCode '"
            + from.name()
            + "' ("
            + from.displayName()
            + ", a "
            + from.dimension().label()
            + ") cannot be converted to '"
            + to.name()
            + "' ("
            + to.displayName()
            + ", a "
            + to.dimension().label()
            + ")");
    this.from = from;
    this.to = to;
  }

  /** The unit of the value. */
  public UnitCode from() {
    return from;
  }

  /** The unit that was asked for. */
  public UnitCode to() {
    return to;
  }
}
