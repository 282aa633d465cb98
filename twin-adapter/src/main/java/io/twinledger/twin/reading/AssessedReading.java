package io.twinledger.twin.reading;

import java.util.Objects;
import java.util.Set;

/** A reading that passed quality checks, with the flags it was given. */
public record AssessedReading(Reading reading, Set<QualityFlag> flags) {

  public AssessedReading {
    Objects.requireNonNull(reading, "reading");
    flags = Set.copyOf(flags);
  }
}
