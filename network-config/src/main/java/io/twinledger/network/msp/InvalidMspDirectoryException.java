package io.twinledger.network.msp;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An MSP directory cannot be used: a file is missing, corrupt, insecure, expired or does not chain
 * to its CA. The message has one line per {@link MspFault}. TwinLedger does not regenerate
 * identities over a damaged embedded directory, because peers and clients that trusted the old ones
 * would silently stop verifying.
 */
public final class InvalidMspDirectoryException extends IllegalStateException {

  private final List<MspFault> faults;

  /** Every fault found, at least one, in the order found. */
  public InvalidMspDirectoryException(List<MspFault> faults) {
    super(faults.stream().map(MspFault::toString).collect(Collectors.joining("\n")));
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("an invalid MSP directory has at least one fault");
    }
    this.faults = List.copyOf(faults);
  }

  public InvalidMspDirectoryException(MspFileProblem problem, Path file, String detail) {
    this(List.of(new MspFault(problem, file, detail)));
  }

  public InvalidMspDirectoryException(
      MspFileProblem problem, Path file, String detail, Throwable cause) {
    this(problem, file, detail);
    initCause(cause);
  }

  /** Every fault, one line each; never empty. */
  public List<MspFault> faults() {
    return faults;
  }

  /** What is wrong (the first fault's problem). */
  public MspFileProblem problem() {
    return faults.getFirst().problem();
  }

  /** The file it is wrong with (the first fault's). */
  public Path file() {
    return faults.getFirst().file();
  }
}
