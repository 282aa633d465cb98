package io.twinledger.twin.mapping;

import java.nio.charset.StandardCharsets;

/**
 * An MQTT topic filter (MQTT 3.1.1 and 5.0, section 4.7): levels separated by {@code /}, where
 * {@code +} matches exactly one level and {@code #}, last, matches any number of levels including
 * none. Filters starting with a wildcard do not match topics starting with {@code $}, which brokers
 * reserve for their own use.
 *
 * @param filter the filter, such as {@code riverton/rain/+/depth}
 */
public record TopicFilter(String filter) {

  /** The MQTT limit on the UTF-8 length of a topic or filter. */
  private static final int MAX_BYTES = 65_535;

  /**
   * @throws InvalidMappingException if the filter breaks the MQTT rules
   */
  public TopicFilter {
    if (filter == null || filter.isEmpty()) {
      throw new InvalidMappingException("", "must not be empty");
    }
    if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidMappingException("", "is longer than " + MAX_BYTES + " bytes");
    }
    if (filter.indexOf('\0') >= 0) {
      throw new InvalidMappingException("", "must not contain the null character");
    }
    String[] levels = levels(filter);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        throw new InvalidMappingException(
            "", "'#' must be a whole level and the last one, was '" + filter + "'");
      }
      if (level.contains("+") && !level.equals("+")) {
        throw new InvalidMappingException("", "'+' must be a whole level, was '" + filter + "'");
      }
    }
  }

  /**
   * Whether a topic name, as a message was published to, matches this filter. Topic names contain
   * no wildcards; one that does matches nothing.
   */
  public boolean matches(String topic) {
    if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
      return false;
    }
    String[] filterLevels = levels(filter);
    String[] topicLevels = levels(topic);
    if (topic.startsWith("$") && (filterLevels[0].equals("+") || filterLevels[0].equals("#"))) {
      return false;
    }
    for (int i = 0; i < filterLevels.length; i++) {
      if (filterLevels[i].equals("#")) {
        return true;
      }
      if (i >= topicLevels.length
          || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
        return false;
      }
    }
    return filterLevels.length == topicLevels.length;
  }

  /** Levels, keeping empty ones: {@code a//b} has three. */
  private static String[] levels(String name) {
    return name.split("/", -1);
  }
}
