package io.twinledger.service.market;

/**
 * The energy market contract refused a call: {@code code} is its {@code EnergyError} name (such as
 * {@code LIMIT_OUT_OF_BOUNDS} or {@code SLOT_CLOSED}), the message what it said. Nothing was
 * recorded: the contract checks everything before its first write.
 */
public final class MarketRefusal extends RuntimeException {

  private final String code;

  public MarketRefusal(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The contract's error code. */
  public String code() {
    return code;
  }
}
