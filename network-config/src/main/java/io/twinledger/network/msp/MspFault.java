package io.twinledger.network.msp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an MSP directory, reported as one line: {@code KEY_MISMATCH <file>: is not
 * the private key of CN=...}.
 *
 * @param problem what kind of fault
 * @param file the file or directory it is in
 * @param detail what is wrong, one line, without the file
 */
public record MspFault(MspFileProblem problem, Path file, String detail) {

  public MspFault {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(detail, "detail");
    if (detail.isBlank() || detail.contains("\n")) {
      throw new IllegalArgumentException("a fault's detail is one non-blank line: " + detail);
    }
  }

  /** {@code PROBLEM file: detail}. */
  @Override
  public String toString() {
    return problem + " " + file + ": " + detail;
  }
}
