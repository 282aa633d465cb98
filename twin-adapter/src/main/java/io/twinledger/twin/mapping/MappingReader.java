package io.twinledger.twin.mapping;

import io.twinledger.twin.unit.UnitCode;
import io.twinledger.twin.unit.UnknownUnitCodeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a mapping document into a {@link MappingConfig}, collecting every problem with its path.
 *
 * <p>The document is walked as a tree rather than bound to classes, so that unknown keys (a
 * misspelt {@code spikeTreshold}) are errors rather than silently ignored, and each error names its
 * place in the document. An explicit YAML null counts as absent.
 *
 * <p>A KPI has one unit, range and spike threshold on every channel. Declared under {@code kpis},
 * they apply to each attribute bound to the KPI, which may leave them out or repeat them exactly. A
 * KPI not declared there must be given the same ones by every attribute bound to it.
 */
final class MappingReader {

  /** The asset register's rule for asset ids ({@code RegisterAsset.ASSET_ID}). */
  static final Pattern ASSET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private static final String ASSET_ID_RULE = "must be 1-128 letters, digits, '.', '_', ':' or '-'";

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("\\S{1,128}");

  private static final int VERSION = 1;

  /** YAML parser messages span lines and quote the document; a reason keeps this much. */
  private static final int PARSE_PROBLEM_LENGTH = 300;

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          // A repeated key would silently replace the first mapping of an attribute.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final List<MappingProblem> problems = new ArrayList<>();

  /** The KPIs declared under {@code kpis}, read before any attribute. */
  private final Map<String, KpiLimits> declared = new HashMap<>();

  /** For a KPI not declared, the first attribute bound to it: the others must agree with it. */
  private final Map<String, FirstBinding> firstBindings = new HashMap<>();

  private MappingReader() {}

  static MappingConfig read(byte[] document) {
    JsonNode root;
    try {
      root = YAML.readTree(document);
    } catch (JacksonException e) {
      throw new InvalidMappingException("", "is not valid YAML or JSON: " + oneLine(e));
    }
    MappingReader reader = new MappingReader();
    Optional<MappingConfig> config = reader.config(root);
    if (!reader.problems.isEmpty()) {
      throw new InvalidMappingException(reader.problems);
    }
    return config.orElseThrow();
  }

  /** The configuration, if the document is a mapping; complete only if no problem was found. */
  private Optional<MappingConfig> config(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      problem("", "the mapping document is empty");
      return Optional.empty();
    }
    if (!root.isObject()) {
      problem("", "must be a mapping with version, kpis, sources and bulk");
      return Optional.empty();
    }
    allowOnly(root, "", "version", "kpis", "sources", "bulk");
    JsonNode version = present(root, "version");
    if (version == null) {
      problem("version", "is required");
    } else if (!version.isIntegralNumber() || version.asInt() != VERSION) {
      problem("version", "must be " + VERSION + ", was " + version);
    }
    Optional.ofNullable(present(root, "kpis")).ifPresent(this::kpis);
    List<NgsiLdSource> ngsiLd = new ArrayList<>();
    List<MqttSource> mqtt = new ArrayList<>();
    JsonNode sources = present(root, "sources");
    if (sources != null) {
      if (sources.isArray()) {
        readSources(sources, ngsiLd, mqtt);
      } else {
        problem("sources", "must be a list");
      }
    }
    Optional<BulkImport> bulk = Optional.ofNullable(present(root, "bulk")).flatMap(this::bulk);
    boolean noSources = sources == null || (sources.isArray() && sources.isEmpty());
    if (noSources && present(root, "bulk") == null) {
      problem("", "maps nothing: give sources, bulk or both");
    }
    return Optional.of(new MappingConfig(ngsiLd, mqtt, bulk));
  }

  private void kpis(JsonNode kpis) {
    if (!kpis.isObject()) {
      problem("kpis", "must be a mapping of KPI ids to their unit, range and spikeThreshold");
      return;
    }
    for (Map.Entry<String, JsonNode> kpi : kpis.properties()) {
      String path = child("kpis", kpi.getKey());
      JsonNode node = kpi.getValue();
      if (!KpiBinding.KPI_ID.matcher(kpi.getKey()).matches()) {
        problem(path, "is not a KPI id: lower case letters, digits, '_', '.' or '-' (max 64)");
        continue;
      }
      if (!node.isObject()) {
        problem(path, "must be a mapping with unit, range and an optional spikeThreshold");
        continue;
      }
      int before = problems.size();
      allowOnly(node, path, "unit", "range", "spikeThreshold");
      Optional<UnitCode> unit = unit(node, "unit", path, true);
      Optional<PhysicalRange> range = range(node, path);
      if (range.isEmpty() && present(node, "range") == null) {
        problem(child(path, "range"), "is required");
      }
      Optional<BigDecimal> spikeThreshold = decimal(node, "spikeThreshold", path);
      if (problems.size() > before) {
        continue;
      }
      valid(() -> new KpiLimits(unit.get(), range.get(), spikeThreshold), path)
          .ifPresent(limits -> declared.put(kpi.getKey(), limits));
    }
  }

  private void readSources(JsonNode sources, List<NgsiLdSource> ngsiLd, List<MqttSource> mqtt) {
    Map<String, String> entityIds = new HashMap<>();
    Map<String, String> topics = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      String path = "sources[" + i + "]";
      JsonNode source = sources.get(i);
      if (!source.isObject()) {
        problem(path, "must be a mapping");
        continue;
      }
      allowOnly(source, path, "ngsiLd", "mqtt", "asset", "attributes");
      JsonNode ngsiNode = present(source, "ngsiLd");
      JsonNode mqttNode = present(source, "mqtt");
      if (ngsiNode != null && mqttNode != null) {
        problem(path, "has both ngsiLd and mqtt; a source is one or the other");
      } else if (ngsiNode != null) {
        ngsiLdSource(source, ngsiNode, path)
            .ifPresent(
                s -> {
                  s.entityId()
                      .ifPresent(id -> unique(entityIds, id, child(path, "ngsiLd.entityId"), path));
                  ngsiLd.add(s);
                });
      } else if (mqttNode != null) {
        mqttSource(source, mqttNode, path)
            .ifPresent(
                s -> {
                  unique(topics, s.filter().filter(), child(path, "mqtt.topic"), path);
                  mqtt.add(s);
                });
      } else {
        problem(path, "needs ngsiLd or mqtt");
      }
    }
  }

  private Optional<NgsiLdSource> ngsiLdSource(JsonNode source, JsonNode match, String sourcePath) {
    String path = child(sourcePath, "ngsiLd");
    int before = problems.size();
    Optional<String> asset = assetId(source, sourcePath, false);
    Map<String, Binding> attributes = attributes(source, sourcePath, false);
    if (!match.isObject()) {
      problem(path, "must be a mapping with entityId, or entityType and an optional idPattern");
      return Optional.empty();
    }
    allowOnly(match, path, "entityId", "entityType", "idPattern");
    Optional<String> entityId = text(match, "entityId", path, false);
    Optional<String> entityType = text(match, "entityType", path, false);
    Optional<String> patternText = text(match, "idPattern", path, false);
    if (entityId.isPresent() == entityType.isPresent()) {
      problem(path, "needs either entityId or entityType");
    }
    if (entityId.isPresent() && patternText.isPresent()) {
      problem(child(path, "idPattern"), "applies only with entityType");
    }
    Optional<Pattern> idPattern = patternText.flatMap(p -> pattern(p, child(path, "idPattern")));
    boolean assetFromId =
        idPattern.map(p -> p.namedGroups().containsKey(NgsiLdSource.ASSET_GROUP)).orElse(false);
    // With an unusable pattern, whether the asset comes from it cannot be told; its problem
    // suffices.
    boolean patternUsable = patternText.isEmpty() || idPattern.isPresent();
    if (patternUsable && assetFromId && asset.isPresent()) {
      problem(
          child(sourcePath, "asset"), "must be left out when idPattern has a group named 'asset'");
    } else if (patternUsable && !assetFromId && present(source, "asset") == null) {
      problem(
          child(sourcePath, "asset"),
          "is required unless entityType's idPattern has a group named 'asset'");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new NgsiLdSource(entityId, entityType, idPattern, asset, bindings(attributes)));
  }

  private Optional<MqttSource> mqttSource(JsonNode source, JsonNode topic, String sourcePath) {
    String path = child(sourcePath, "mqtt");
    int before = problems.size();
    Optional<String> asset = assetId(source, sourcePath, false);
    Map<String, Binding> attributes = attributes(source, sourcePath, true);
    if (!topic.isObject()) {
      problem(path, "must be a mapping with topic, an optional topicPattern and observedAt");
      return Optional.empty();
    }
    allowOnly(topic, path, "topic", "topicPattern", "observedAt");
    Optional<TopicFilter> filter =
        text(topic, "topic", path, true)
            .flatMap(f -> valid(() -> new TopicFilter(f), child(path, "topic")));
    Optional<String> patternText = text(topic, "topicPattern", path, false);
    Optional<Pattern> topicPattern =
        patternText.flatMap(p -> pattern(p, child(path, "topicPattern")));
    boolean assetFromTopic =
        topicPattern.map(p -> p.namedGroups().containsKey(MqttSource.ASSET_GROUP)).orElse(false);
    boolean patternUsable = patternText.isEmpty() || topicPattern.isPresent();
    if (patternUsable && assetFromTopic && asset.isPresent()) {
      problem(
          child(sourcePath, "asset"),
          "must be left out when topicPattern has a group named 'asset'");
    } else if (patternUsable && !assetFromTopic && present(source, "asset") == null) {
      problem(
          child(sourcePath, "asset"), "is required unless topicPattern has a group named 'asset'");
    }
    Optional<PayloadPath> observedAt = payloadPath(topic, "observedAt", path, true);
    if (problems.size() > before) {
      return Optional.empty();
    }
    List<MqttSource.PayloadField> fields = new ArrayList<>();
    attributes.forEach(
        (name, binding) ->
            fields.add(
                new MqttSource.PayloadField(
                    name, binding.value(), binding.unitCode(), binding.kpi())));
    return Optional.of(new MqttSource(filter.get(), topicPattern, asset, observedAt.get(), fields));
  }

  private Optional<BulkImport> bulk(JsonNode bulk) {
    String path = "bulk";
    if (!bulk.isObject()) {
      problem(path, "must be a mapping with columns and attributes");
      return Optional.empty();
    }
    int before = problems.size();
    allowOnly(bulk, path, "columns", "attributes");
    Optional<BulkColumns> columns = Optional.empty();
    JsonNode columnsNode = present(bulk, "columns");
    String columnsPath = child(path, "columns");
    if (columnsNode == null) {
      problem(columnsPath, "is required");
    } else if (!columnsNode.isObject()) {
      problem(columnsPath, "must be a mapping of column roles to column names");
    } else {
      allowOnly(
          columnsNode,
          columnsPath,
          "asset",
          "attribute",
          "observedAt",
          "value",
          "unitCode",
          "sensor");
      Optional<String> asset = text(columnsNode, "asset", columnsPath, true);
      Optional<String> attribute = text(columnsNode, "attribute", columnsPath, true);
      Optional<String> observedAt = text(columnsNode, "observedAt", columnsPath, true);
      Optional<String> value = text(columnsNode, "value", columnsPath, true);
      Optional<String> unitCode = text(columnsNode, "unitCode", columnsPath, false);
      Optional<String> sensor = text(columnsNode, "sensor", columnsPath, false);
      if (problems.size() == before) {
        columns =
            valid(
                () ->
                    new BulkColumns(
                        asset.get(),
                        attribute.get(),
                        observedAt.get(),
                        value.get(),
                        unitCode,
                        sensor),
                columnsPath);
      }
    }
    Map<String, Binding> attributes = attributes(bulk, path, false);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new BulkImport(columns.get(), bindings(attributes)));
  }

  private Optional<String> assetId(JsonNode source, String sourcePath, boolean required) {
    String path = child(sourcePath, "asset");
    return text(source, "asset", sourcePath, required)
        .filter(
            asset -> {
              if (ASSET_ID.matcher(asset).matches()) {
                return true;
              }
              problem(path, ASSET_ID_RULE + ", was '" + asset + "'");
              return false;
            });
  }

  private Map<String, Binding> attributes(JsonNode parent, String parentPath, boolean payload) {
    String path = child(parentPath, "attributes");
    Map<String, Binding> bindings = new LinkedHashMap<>();
    JsonNode attributes = present(parent, "attributes");
    if (attributes == null) {
      problem(path, "is required");
      return bindings;
    }
    if (!attributes.isObject() || attributes.isEmpty()) {
      problem(path, "must map at least one attribute name to its KPI");
      return bindings;
    }
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      String name = attribute.getKey();
      String attributePath = child(path, name);
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        problem(attributePath, "is not an attribute name: 1-128 characters without spaces");
        continue;
      }
      binding(name, attribute.getValue(), attributePath, payload)
          .ifPresent(binding -> bindings.put(name, binding));
    }
    return bindings;
  }

  private Optional<Binding> binding(String name, JsonNode node, String path, boolean payload) {
    if (!node.isObject()) {
      problem(path, "must be a mapping with kpi and unit");
      return Optional.empty();
    }
    int before = problems.size();
    List<String> keys =
        new ArrayList<>(
            List.of("kpi", "unit", "sourceUnit", "range", "spikeThreshold", "expectedInterval"));
    if (payload) {
      keys.addAll(List.of("value", "unitCode"));
    }
    allowOnly(node, path, keys.toArray(String[]::new));
    Optional<String> kpi = text(node, "kpi", path, true);
    Optional<KpiLimits> limits = kpi.map(declared::get);
    Optional<UnitCode> unit =
        inherited(
            unit(node, "unit", path, limits.isEmpty()),
            limits,
            limits.map(KpiLimits::unit),
            path,
            "unit");
    Optional<UnitCode> sourceUnit = unit(node, "sourceUnit", path, false);
    Optional<PhysicalRange> range =
        inherited(range(node, path), limits, limits.map(KpiLimits::range), path, "range");
    Optional<BigDecimal> spikeThreshold =
        inherited(
            decimal(node, "spikeThreshold", path),
            limits,
            limits.flatMap(KpiLimits::spikeThreshold),
            path,
            "spikeThreshold");
    Optional<Duration> expectedInterval = duration(node, "expectedInterval", path);
    // A payload field defaults to the top-level member named like the attribute.
    Optional<PayloadPath> value =
        present(node, "value") == null
            ? valid(() -> new PayloadPath(name), child(path, "value"))
            : payloadPath(node, "value", path, true);
    Optional<PayloadPath> unitCode = payloadPath(node, "unitCode", path, false);
    if (problems.size() > before) {
      return Optional.empty();
    }
    Optional<KpiBinding> binding =
        valid(
            () ->
                new KpiBinding(
                    kpi.get(), unit.get(), sourceUnit, range, spikeThreshold, expectedInterval),
            path);
    binding.filter(b -> limits.isEmpty()).ifPresent(b -> agreeWithFirst(b, path));
    return binding.map(b -> new Binding(b, value.get(), unitCode));
  }

  /**
   * A KPI-level setting of an attribute: the declared one when the attribute leaves it out; the
   * attribute's own, which must then equal the declared one, when it repeats it. An attribute of a
   * declared KPI cannot add a setting the declaration leaves out: the other channels would lack it.
   */
  private <T> Optional<T> inherited(
      Optional<T> own,
      Optional<KpiLimits> limits,
      Optional<T> declaredValue,
      String path,
      String key) {
    if (own.isPresent() && limits.isPresent() && declaredValue.isEmpty()) {
      problem(
          child(path, key),
          "is not declared for the KPI under kpis; declare it there, once for every channel");
      return own;
    }
    if (own.isEmpty() || declaredValue.isEmpty()) {
      return own.isPresent() ? own : declaredValue;
    }
    if (!own.get().equals(declaredValue.get())) {
      problem(
          child(path, key),
          "differs from the KPI's "
              + key
              + " under kpis ("
              + describe(declaredValue.get())
              + "); a KPI has one "
              + key
              + " on every channel: leave it out here");
    }
    return own;
  }

  /** An undeclared KPI's unit, range and spike threshold must be the same on every attribute. */
  private void agreeWithFirst(KpiBinding binding, String path) {
    FirstBinding first = firstBindings.putIfAbsent(binding.kpi(), new FirstBinding(path, binding));
    if (first == null) {
      return;
    }
    List<String> differing = new ArrayList<>();
    if (!first.binding().unit().equals(binding.unit())) {
      differing.add("unit");
    }
    if (!first.binding().range().equals(binding.range())) {
      differing.add("range");
    }
    if (!first.binding().spikeThreshold().equals(binding.spikeThreshold())) {
      differing.add("spikeThreshold");
    }
    if (!differing.isEmpty()) {
      problem(
          path,
          "gives KPI "
              + binding.kpi()
              + " another "
              + String.join(", ", differing)
              + " than "
              + first.path()
              + "; a KPI has one unit, range and spikeThreshold on every channel: declare them"
              + " once under kpis."
              + binding.kpi());
    }
  }

  private static String describe(Object value) {
    return switch (value) {
      case PhysicalRange r ->
          "min "
              + r.min().map(BigDecimal::toPlainString).orElse("none")
              + ", max "
              + r.max().map(BigDecimal::toPlainString).orElse("none");
      case BigDecimal d -> d.toPlainString();
      default -> value.toString();
    };
  }

  private Optional<PhysicalRange> range(JsonNode parent, String parentPath) {
    JsonNode range = present(parent, "range");
    String path = child(parentPath, "range");
    if (range == null) {
      return Optional.empty();
    }
    if (!range.isObject()) {
      problem(path, "must be a mapping with min, max or both");
      return Optional.empty();
    }
    int before = problems.size();
    allowOnly(range, path, "min", "max");
    Optional<BigDecimal> min = decimal(range, "min", path);
    Optional<BigDecimal> max = decimal(range, "max", path);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return valid(() -> new PhysicalRange(min, max), path);
  }

  private Optional<UnitCode> unit(JsonNode parent, String key, String path, boolean required) {
    return text(parent, key, path, required)
        .flatMap(
            code -> {
              try {
                return Optional.of(UnitCode.parse(code));
              } catch (UnknownUnitCodeException e) {
                problem(child(path, key), e.reason());
                return Optional.empty();
              }
            });
  }

  private Optional<Pattern> pattern(String regex, String path) {
    try {
      return Optional.of(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      problem(
          path,
          "is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
      return Optional.empty();
    }
  }

  /** A {@link PayloadPath}; unlike other text, the empty string is allowed: the whole payload. */
  private Optional<PayloadPath> payloadPath(
      JsonNode parent, String key, String parentPath, boolean required) {
    JsonNode node = present(parent, key);
    String path = child(parentPath, key);
    if (node == null) {
      if (required) {
        problem(path, "is required");
      }
      return Optional.empty();
    }
    if (!node.isString()) {
      problem(path, "must be a JSON pointer or a field name, as a string");
      return Optional.empty();
    }
    return valid(() -> new PayloadPath(node.stringValue()), path);
  }

  private Optional<String> text(JsonNode parent, String key, String parentPath, boolean required) {
    JsonNode node = present(parent, key);
    String path = child(parentPath, key);
    if (node == null) {
      if (required) {
        problem(path, "is required");
      }
      return Optional.empty();
    }
    if (!node.isString()) {
      problem(path, "must be a string; quote it if YAML reads it as something else");
      return Optional.empty();
    }
    if (node.stringValue().isBlank()) {
      problem(path, "must not be blank");
      return Optional.empty();
    }
    return Optional.of(node.stringValue());
  }

  private Optional<BigDecimal> decimal(JsonNode parent, String key, String parentPath) {
    JsonNode node = present(parent, key);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      problem(child(parentPath, key), "must be a number, was " + node);
      return Optional.empty();
    }
    return Optional.of(node.decimalValue());
  }

  private Optional<Duration> duration(JsonNode parent, String key, String parentPath) {
    return text(parent, key, parentPath, false)
        .flatMap(
            text -> {
              try {
                return Optional.of(Duration.parse(text));
              } catch (DateTimeParseException e) {
                problem(
                    child(parentPath, key),
                    "must be an ISO-8601 duration such as PT15M or P1D, was '" + text + "'");
                return Optional.empty();
              }
            });
  }

  /** The value, or the problems its own validation found, placed under {@code path}. */
  private <T> Optional<T> valid(Supplier<T> construction, String path) {
    try {
      return Optional.of(construction.get());
    } catch (InvalidMappingException e) {
      problems.addAll(e.within(path).problems());
      return Optional.empty();
    }
  }

  private void unique(Map<String, String> seen, String key, String path, String sourcePath) {
    String earlier = seen.putIfAbsent(key, sourcePath);
    if (earlier != null) {
      problem(path, "duplicates " + earlier);
    }
  }

  private void allowOnly(JsonNode node, String path, String... keys) {
    List<String> allowed = Arrays.asList(keys);
    for (String key : node.propertyNames()) {
      if (!allowed.contains(key)) {
        problem(child(path, key), "is not a known key; expected one of " + String.join(", ", keys));
      }
    }
  }

  private void problem(String path, String reason) {
    problems.add(new MappingProblem(path, reason));
  }

  /** The member, or {@code null} if it is absent or an explicit YAML null. */
  private static JsonNode present(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : node;
  }

  private static Map<String, KpiBinding> bindings(Map<String, Binding> attributes) {
    Map<String, KpiBinding> bindings = new LinkedHashMap<>();
    attributes.forEach((name, binding) -> bindings.put(name, binding.kpi()));
    return bindings;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String oneLine(JacksonException e) {
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    String text = message.replaceAll("\\s+", " ").strip();
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      text +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return text.length() <= PARSE_PROBLEM_LENGTH
        ? text
        : text.substring(0, PARSE_PROBLEM_LENGTH) + "…";
  }

  /** Where an undeclared KPI was first bound, and how. */
  private record FirstBinding(String path, KpiBinding binding) {}

  /** An attribute entry as configured, with its payload locations for MQTT sources. */
  private record Binding(KpiBinding kpi, PayloadPath value, Optional<PayloadPath> unitCode) {}
}
