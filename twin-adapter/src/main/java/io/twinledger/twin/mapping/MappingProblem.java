package io.twinledger.twin.mapping;

import java.util.Objects;

/**
 * One thing wrong with a mapping configuration.
 *
 * @param path where, in the document's own key names: {@code sources[2].attributes.flow.kpi}; empty
 *     for the document as a whole
 * @param reason what is wrong, one line, without the path
 */
public record MappingProblem(String path, String reason) {

  public MappingProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must not be blank");
    }
  }

  /** The same problem seen from a document that holds this value under {@code parent}. */
  public MappingProblem within(String parent) {
    if (parent.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return new MappingProblem(parent, reason);
    }
    return new MappingProblem(path.startsWith("[") ? parent + path : parent + "." + path, reason);
  }

  /** {@code path: reason}, or the reason alone for the whole document. */
  @Override
  public String toString() {
    return path.isEmpty() ? reason : path + ": " + reason;
  }
}
