package io.twinledger.finance.bond.payment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The observations given, looked up by KPI and date; each KPI and date at most once. */
final class ObservationIndex {

  private record Key(String kpi, LocalDate date) {}

  /** An observation and its position in the list given. */
  record Indexed(Observation observation, int index) {}

  private final Map<Key, Indexed> byKey = new HashMap<>();

  ObservationIndex(List<Observation> observations) {
    for (int i = 0; i < observations.size(); i++) {
      Observation observation = observations.get(i);
      Indexed previous =
          byKey.putIfAbsent(
              new Key(observation.kpi(), observation.date()), new Indexed(observation, i));
      if (previous != null) {
        throw new InvalidObservationException(
            i,
            "a second value for "
                + observation.kpi()
                + " at "
                + observation.date()
                + " (the first is observations["
                + previous.index()
                + "]); a payment is decided from one value");
      }
    }
  }

  Optional<Indexed> find(String kpi, LocalDate date) {
    return Optional.ofNullable(byKey.get(new Key(kpi, date)));
  }
}
