package io.twinledger.twin.store;

import io.twinledger.twin.quality.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.util.Objects;
import java.util.Set;

/** A reading that passed quality checks, with the flags it was given. */
public record AssessedReading(Reading reading, Set<QualityFlag> flags) {

  public AssessedReading {
    Objects.requireNonNull(reading, "reading");
    flags = Set.copyOf(flags);
  }
}
