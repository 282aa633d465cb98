package io.twinledger.twin.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where readings go: a validated mapping of NGSI-LD entities, MQTT topics and bulk-file rows to
 * assets and KPIs.
 *
 * <p>The document (YAML; JSON works too):
 *
 * <pre>{@code
 * version: 1
 * kpis:                                                     # once per KPI, for every channel
 *   system-input-volume: {unit: MTQ, range: {min: 0, max: 250000}, spikeThreshold: 5000}
 *   rut-depth: {unit: MMT, range: {min: 0, max: 100}, spikeThreshold: 5}
 *   rainfall-depth: {unit: MMT, range: {min: 0, max: 300}}
 * sources:
 *   - ngsiLd: {entityId: urn:ngsi-ld:WaterConsumptionObserved:inlet}  # one entity
 *     asset: dma-north-hill
 *     attributes:
 *       waterConsumption: {kpi: system-input-volume}
 *   - ngsiLd:                                                 # all entities of a type
 *       entityType: RoadSegment
 *       idPattern: 'urn:ngsi-ld:RoadSegment:(?<asset>road-a12-s\d\d)'  # asset from the id
 *     attributes:
 *       rutDepth: {kpi: rut-depth, sourceUnit: MMT}
 *   - mqtt: {topic: riverton/rain/+/gauge, observedAt: /time}
 *     asset: gi-rock-creek-a
 *     attributes:
 *       rainfall: {value: /depth, unitCode: unit, kpi: rainfall-depth}
 *   - mqtt:                                                   # one asset per topic
 *       topic: village/+/meter
 *       topicPattern: 'village/(?<asset>household-\d\d)/meter'   # asset from the topic
 *       observedAt: /time
 *     attributes:
 *       import: {kpi: energy-import-register}
 * bulk:
 *   columns: {asset: asset_id, attribute: kpi_id, observedAt: observed_at, value: value}
 *   attributes:
 *     real-losses: {kpi: real-losses, unit: MTQ, range: {min: 0, max: 2500000}}
 * }</pre>
 *
 * <p>Per KPI under {@code kpis}: {@code unit}, {@code range} with both bounds, and an optional
 * {@code spikeThreshold} ({@link KpiLimits}); every attribute bound to the KPI takes them. Per
 * attribute: {@code kpi}, and {@code unit} unless the KPI is declared; {@code sourceUnit}, {@code
 * range} ({@code min}, {@code max}) and {@code spikeThreshold} are optional (see {@link
 * KpiBinding}), and the last two must agree with the KPI's declaration or, for a KPI not declared,
 * with every other attribute bound to it; MQTT attributes also take {@code value} (default: the
 * field named like the attribute) and {@code unitCode}, as {@link PayloadPath}s. Entity types and
 * attribute names are short names, as {@link io.twinledger.twin.ngsild.NotificationParser} reports
 * them.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MappingConfig {

  /** The sensor id of bulk rows when the file has no sensor column. */
  public static final String BULK_SENSOR = "bulk";

  private static final int ROUTED_TOPICS = 10_000;

  private final List<NgsiLdSource> byEntityId;
  private final List<NgsiLdSource> byEntityType;
  private final List<MqttSource> mqtt;
  private final Optional<BulkImport> bulk;

  /**
   * The route of each topic seen, so that a live feed does not match every filter again for every
   * message. Bounded, because topics are chosen by devices, not by the mapping.
   */
  private final Map<String, Optional<TopicRoute>> routes = new ConcurrentHashMap<>();

  MappingConfig(List<NgsiLdSource> ngsiLd, List<MqttSource> mqtt, Optional<BulkImport> bulk) {
    this.byEntityId = ngsiLd.stream().filter(s -> s.entityId().isPresent()).toList();
    this.byEntityType = ngsiLd.stream().filter(s -> s.entityId().isEmpty()).toList();
    this.mqtt = List.copyOf(mqtt);
    this.bulk = bulk;
  }

  /**
   * Reads and validates a mapping file.
   *
   * @throws InvalidMappingException listing every problem, each with its path in the document
   * @throws IOException if the file cannot be read
   */
  public static MappingConfig load(Path file) throws IOException {
    return MappingReader.read(Files.readAllBytes(file));
  }

  /**
   * Reads and validates a mapping document; the stream is read to its end but not closed.
   *
   * @throws InvalidMappingException listing every problem, each with its path in the document
   * @throws IOException if the stream cannot be read
   */
  public static MappingConfig load(InputStream document) throws IOException {
    return MappingReader.read(document.readAllBytes());
  }

  /**
   * Where an NGSI-LD attribute's default instance goes; see {@link #resolve(String, String, String,
   * Optional)}.
   */
  public Optional<ReadingTarget> resolve(String entityId, String entityType, String attribute) {
    return resolve(entityId, entityType, attribute, Optional.empty());
  }

  /**
   * Where an NGSI-LD attribute instance goes. Sources naming the entity by id come first, so a
   * single entity can be mapped apart from the rest of its type; then sources by type, in file
   * order. The first source that covers the entity and maps the attribute wins.
   *
   * <p>The sensor id is {@code entityId/attribute}, with {@code /datasetId} appended for an
   * instance of a multi-attribute: each instance is its own time series (two flow meters on one
   * pipe must not be compared with each other for spikes).
   */
  public Optional<ReadingTarget> resolve(
      String entityId, String entityType, String attribute, Optional<String> datasetId) {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(datasetId, "datasetId");
    String sensorId = entityId + "/" + attribute + datasetId.map(id -> "/" + id).orElse("");
    return Stream.concat(byEntityId.stream(), byEntityType.stream())
        .flatMap(source -> target(source, entityId, entityType, attribute, sensorId).stream())
        .findFirst();
  }

  /** The NGSI-LD entities and attributes this mapping binds, in mapping order. */
  public List<NgsiLdSelector> ngsiLdSelectors() {
    return Stream.concat(byEntityId.stream(), byEntityType.stream())
        .map(
            source ->
                new NgsiLdSelector(
                    source.entityId(),
                    source.entityType(),
                    source.idPattern().map(Pattern::pattern),
                    source.attributes().keySet()))
        .toList();
  }

  /**
   * How to read a message published to {@code topic}: the first MQTT source, in file order, whose
   * filter matches it and, if it has a topic pattern, whose pattern matches it too. A topic no
   * source covers (a meter of a household the pattern does not list) has no route.
   */
  public Optional<TopicRoute> resolveTopic(String topic) {
    Objects.requireNonNull(topic, "topic");
    Optional<TopicRoute> known = routes.get(topic);
    if (known != null) {
      return known;
    }
    Optional<TopicRoute> route =
        mqtt.stream().flatMap(source -> source.route(topic).stream()).findFirst();
    if (routes.size() < ROUTED_TOPICS) {
      routes.put(topic, route);
    }
    return route;
  }

  /**
   * Where a bulk-file row goes.
   *
   * @param assetId the row's asset column
   * @param attribute the row's attribute column
   * @param sensor the row's sensor column, if the file has one; blank counts as absent
   */
  public Optional<ReadingTarget> resolveBulk(
      String assetId, String attribute, Optional<String> sensor) {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(sensor, "sensor");
    return bulk.flatMap(b -> Optional.ofNullable(b.attributes().get(attribute)))
        .map(
            binding ->
                new ReadingTarget(
                    assetId,
                    sensor.filter(s -> !s.isBlank()).orElse(BULK_SENSOR),
                    attribute,
                    binding));
  }

  /** The column layout of bulk files, if the mapping has a bulk section. */
  public Optional<BulkColumns> bulkColumns() {
    return bulk.map(BulkImport::columns);
  }

  /**
   * How often the sensors of a KPI report, where the mapping says so; if several bindings feed the
   * KPI with different intervals, the longest, so that no source is counted as incomplete.
   */
  public Optional<Duration> expectedInterval(String kpiId) {
    return Stream.of(
            byEntityId.stream().flatMap(s -> s.attributes().values().stream()),
            byEntityType.stream().flatMap(s -> s.attributes().values().stream()),
            mqtt.stream().flatMap(s -> s.fields().stream().map(MqttSource.PayloadField::binding)),
            bulk.stream().flatMap(b -> b.attributes().values().stream()))
        .flatMap(bindings -> bindings)
        .filter(binding -> binding.kpi().equals(kpiId))
        .flatMap(binding -> binding.expectedInterval().stream())
        .max(Comparator.naturalOrder());
  }

  /**
   * The physical range readings of a KPI must lie in, where the mapping gives one; every channel's
   * binding of a KPI has the same (the {@code kpis} section, or agreement checked at load).
   */
  public Optional<PhysicalRange> range(String kpiId) {
    return Stream.of(
            byEntityId.stream().flatMap(s -> s.attributes().values().stream()),
            byEntityType.stream().flatMap(s -> s.attributes().values().stream()),
            mqtt.stream().flatMap(s -> s.fields().stream().map(MqttSource.PayloadField::binding)),
            bulk.stream().flatMap(b -> b.attributes().values().stream()))
        .flatMap(bindings -> bindings)
        .filter(binding -> binding.kpi().equals(kpiId))
        .flatMap(binding -> binding.range().stream())
        .findFirst();
  }

  /** The MQTT topic filters to subscribe to, in file order. */
  public List<TopicFilter> topicFilters() {
    return mqtt.stream().map(MqttSource::filter).toList();
  }

  private static Optional<ReadingTarget> target(
      NgsiLdSource source, String entityId, String entityType, String attribute, String sensorId) {
    KpiBinding binding = source.attributes().get(attribute);
    if (binding == null) {
      return Optional.empty();
    }
    return source
        .assetFor(entityId, entityType)
        .map(asset -> new ReadingTarget(asset, sensorId, attribute, binding));
  }
}
