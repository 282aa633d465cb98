package io.twinledger.network;

import java.util.Objects;

/**
 * One thing wrong with a consortium definition.
 *
 * @param path where, in the document's own key names: {@code
 *     channels[1].chaincodes[0].endorsement}; empty for the document as a whole
 * @param reason what is wrong, one line, without the path
 */
public record ConsortiumProblem(String path, String reason) {

  public ConsortiumProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must not be blank");
    }
  }

  /** {@code path: reason}, or the reason alone for the whole document. */
  @Override
  public String toString() {
    return path.isEmpty() ? reason : path + ": " + reason;
  }
}
