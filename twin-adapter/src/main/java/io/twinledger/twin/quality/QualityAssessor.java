package io.twinledger.twin.quality;

import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.reading.Sensor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks readings one by one against their KPI's {@link QualityPolicy}, remembering each sensor's
 * last accepted reading for the checks that compare consecutive values.
 *
 * <p>A reading observed before the sensor's last one is flagged {@link QualityFlag#LATE} and does
 * not move the sensor's history backwards, so an old reading arriving late cannot cause spikes or
 * gaps to be flagged on the readings around it. Duplicates are decided by the store, which knows
 * every key ever accepted. Not thread-safe: one assessor per ingestion pipeline.
 */
public final class QualityAssessor {

  private final Map<Sensor, SensorHistory> sensors = new HashMap<>();

  /**
   * Assesses a reading that arrived at {@code receivedAt}.
   *
   * @return the flags, and a quarantine reason when the reading is out of range, in the future or
   *     before the policy's earliest observation time
   */
  public Assessment assess(Reading reading, QualityPolicy policy, Instant receivedAt) {
    Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
    Optional<String> reason = Optional.empty();

    Duration ahead = Duration.between(receivedAt, reading.observedAt());
    if (ahead.compareTo(policy.futureTolerance()) > 0) {
      flags.add(QualityFlag.FUTURE_TIMESTAMP);
      reason =
          Optional.of(
              "observedAt "
                  + reading.observedAt()
                  + " is "
                  + ahead.toSeconds()
                  + " s after arrival at "
                  + receivedAt);
    } else if (reading.observedAt().isBefore(policy.earliestObservation())) {
      reason =
          Optional.of(
              "observedAt "
                  + reading.observedAt()
                  + " is before the earliest accepted observation time "
                  + policy.earliestObservation());
    }
    BigDecimal value = reading.value();
    if (policy.minimum().filter(min -> value.compareTo(min) < 0).isPresent()
        || policy.maximum().filter(max -> value.compareTo(max) > 0).isPresent()) {
      flags.add(QualityFlag.OUT_OF_RANGE);
      reason =
          reason.or(
              () ->
                  Optional.of(
                      "value "
                          + value.toPlainString()
                          + " "
                          + reading.unit()
                          + " is outside the physical range "
                          + policy.minimum().map(BigDecimal::toPlainString).orElse("-inf")
                          + ".."
                          + policy.maximum().map(BigDecimal::toPlainString).orElse("+inf")));
    }
    if (Duration.between(reading.observedAt(), receivedAt).compareTo(policy.lateness()) > 0) {
      flags.add(QualityFlag.LATE);
    }

    Sensor sensor = reading.sensor();
    SensorHistory last = sensors.get(sensor);
    if (last != null) {
      if (!reading.observedAt().isAfter(last.observedAt())) {
        flags.add(QualityFlag.LATE);
      } else if (reason.isEmpty()) {
        compare(reading, policy, last, flags);
      }
    }
    if (reason.isEmpty() && (last == null || reading.observedAt().isAfter(last.observedAt()))) {
      int run = last != null && last.value().compareTo(value) == 0 ? last.identicalRun() + 1 : 1;
      sensors.put(sensor, new SensorHistory(reading.observedAt(), value, run));
    }
    // Set.of of the flags, because Set.copyOf of an EnumSet goes through a HashSet.
    return new Assessment(Set.of(flags.toArray(QualityFlag[]::new)), reason);
  }

  private static void compare(
      Reading reading, QualityPolicy policy, SensorHistory last, Set<QualityFlag> flags) {
    if (Duration.between(last.observedAt(), reading.observedAt())
            .compareTo(policy.expectedInterval())
        > 0) {
      flags.add(QualityFlag.GAP);
    }
    BigDecimal change = reading.value().subtract(last.value()).abs();
    if (policy.spikeThreshold().filter(limit -> change.compareTo(limit) > 0).isPresent()) {
      flags.add(QualityFlag.SPIKE);
    }
    if (change.signum() == 0 && last.identicalRun() + 1 >= policy.flatlineRun()) {
      flags.add(QualityFlag.FLATLINE);
    }
  }

  private record SensorHistory(Instant observedAt, BigDecimal value, int identicalRun) {}
}
