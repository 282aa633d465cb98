package io.twinledger.twin.quality;

import io.twinledger.twin.reading.QualityFlag;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on one reading: its flags, and the reason it goes to quarantine if it does.
 *
 * @param flags every flag raised, possibly none
 * @param quarantineReason present when the reading must not be used, naming the check and values
 */
public record Assessment(Set<QualityFlag> flags, Optional<String> quarantineReason) {

  public Assessment {
    flags = Set.copyOf(flags);
  }

  /** True when the reading may be stored and used. */
  public boolean accepted() {
    return quarantineReason.isEmpty();
  }
}
