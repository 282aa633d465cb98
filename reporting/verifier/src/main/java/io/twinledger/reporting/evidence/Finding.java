package io.twinledger.reporting.evidence;

/**
 * The verdict on one item of a bundle, printed as {@code item: detail}.
 *
 * @param item what was checked, such as {@code reading batch 17} or {@code block 12}
 * @param outcome whether it held
 * @param detail one line: {@code ok — …} when it held, else what is wrong
 */
public record Finding(String item, Outcome outcome, String detail) {

  /** How a check came out. */
  public enum Outcome {
    /** The item checks out. */
    OK,
    /** The item is readable but does not check out. */
    FAILED,
    /** The item cannot be read (bad hex, base64, PEM, protobuf or text). */
    MALFORMED
  }

  public static Finding ok(String item, String detail) {
    return new Finding(item, Outcome.OK, "ok — " + detail);
  }

  public static Finding failed(String item, String detail) {
    return new Finding(item, Outcome.FAILED, detail);
  }

  public static Finding malformed(String item, String detail) {
    return new Finding(item, Outcome.MALFORMED, "malformed — " + detail);
  }

  /** Whether the item checks out. */
  public boolean passed() {
    return outcome == Outcome.OK;
  }

  /** The detail without the outcome word that opens it ({@code ok — }, {@code malformed — }). */
  public String said() {
    return switch (outcome) {
      case OK -> detail.substring("ok — ".length());
      case MALFORMED -> detail.substring("malformed — ".length());
      case FAILED -> detail;
    };
  }

  /** This finding with {@code more} said after its detail. */
  public Finding and(String more) {
    return new Finding(item, outcome, detail + more);
  }

  /** The line to print. */
  public String line() {
    return item + ": " + detail;
  }
}
