package io.twinledger.service.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /actuator/prometheus} in the Prometheus text format, read into samples: enough
 * of the format for the service's own metrics (no timestamps, no exemplars).
 */
record Scrape(List<Sample> samples) {

  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /** A sample: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher label = LABEL.matcher(m.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new Scrape(samples);
  }

  /** Every sample name, such as {@code twinledger_pnl_lag_seconds_count}. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** The samples of {@code name} whose labels include {@code labels} (name, value, …). */
  List<Sample> of(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(
            s -> {
              for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                  return false;
                }
              }
              return true;
            })
        .toList();
  }

  /** The sum of the matching samples; 0 when there are none. */
  double sum(String name, String... labels) {
    return of(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** The one matching sample's value, if exactly one matches. */
  Optional<Double> value(String name, String... labels) {
    List<Sample> found = of(name, labels);
    return found.size() == 1 ? Optional.of(found.getFirst().value()) : Optional.empty();
  }

  /**
   * The metric names an expression (PromQL, as in the alert rules and the dashboard) uses that are
   * not among {@code exported}: every {@code twinledger_…} identifier must be a sample name.
   */
  static Set<String> unknownMetrics(String expression, Set<String> exported) {
    Set<String> unknown = new TreeSet<>();
    Matcher m = Pattern.compile("\\btwinledger_[a-z0-9_]+").matcher(expression);
    while (m.find()) {
      if (!exported.contains(m.group())) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }

  /** The {@code twinledger_…} metric names an expression uses. */
  static Set<String> metricsIn(String expression) {
    return unknownMetrics(expression, Set.of());
  }
}
