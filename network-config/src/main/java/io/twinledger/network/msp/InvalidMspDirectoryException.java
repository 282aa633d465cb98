package io.twinledger.network.msp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An embedded MSP directory cannot be used: a file is missing, corrupt, insecure or does not chain
 * to its CA. TwinLedger does not regenerate identities over a damaged directory, because peers and
 * clients that trusted the old ones would silently stop verifying.
 */
public final class InvalidMspDirectoryException extends IllegalStateException {

  private final MspFileProblem problem;
  private final Path file;

  public InvalidMspDirectoryException(MspFileProblem problem, Path file, String detail) {
    super(problem + " " + file + ": " + detail);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.file = Objects.requireNonNull(file, "file");
  }

  public InvalidMspDirectoryException(
      MspFileProblem problem, Path file, String detail, Throwable cause) {
    this(problem, file, detail);
    initCause(cause);
  }

  /** What is wrong. */
  public MspFileProblem problem() {
    return problem;
  }

  /** The file it is wrong with. */
  public Path file() {
    return file;
  }
}
