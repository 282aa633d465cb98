package io.twinledger.finance.model;

import io.twinledger.finance.document.ExactDocuments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes {@link ModelDefinition}s as YAML or JSON.
 *
 * <p>The document is walked as a tree rather than bound to classes, so that every missing field,
 * misspelt key or wrong type is reported with its path in one {@link InvalidModelException}.
 * Numbers are read as exact decimals (never through {@code double}). Reading checks only the shape
 * of the document; formulas, units and references are checked by {@link ModelValidator}.
 */
public final class ModelDefinitions {

  /** YAML parser messages span lines and quote the document; an error keeps this much. */
  private static final int PARSE_PROBLEM_LENGTH = 300;

  private static final YAMLMapper YAML = ExactDocuments.YAML;
  private static final JsonMapper JSON =
      ExactDocuments.JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final List<ModelError> errors = new ArrayList<>();

  private ModelDefinitions() {}

  /**
   * Reads a model definition from YAML.
   *
   * @throws InvalidModelException listing every structural problem with its path
   */
  public static ModelDefinition parseYaml(String yaml) {
    return read(YAML, yaml, "YAML");
  }

  /**
   * Reads a model definition from JSON.
   *
   * @throws InvalidModelException listing every structural problem with its path
   */
  public static ModelDefinition parseJson(String json) {
    return read(JSON, json, "JSON");
  }

  /** Writes a model definition as YAML that {@link #parseYaml} reads back to an equal record. */
  public static String toYaml(ModelDefinition definition) {
    return YAML.writeValueAsString(tree(definition));
  }

  /** Writes a model definition as JSON that {@link #parseJson} reads back to an equal record. */
  public static String toJson(ModelDefinition definition) {
    return JSON.writeValueAsString(tree(definition));
  }

  private static ModelDefinition read(ObjectMapper mapper, String text, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage().replaceAll("\\s+", " ");
      throw new InvalidModelException(
          List.of(
              new ModelError(
                  "",
                  "is not valid "
                      + format
                      + ": "
                      + message.substring(0, Math.min(message.length(), PARSE_PROBLEM_LENGTH))
                      + Optional.ofNullable(e.getLocation())
                          .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
                          .orElse(""))));
    }
    ModelDefinitions reader = new ModelDefinitions();
    Optional<ModelDefinition> definition = reader.definition(root);
    if (!reader.errors.isEmpty()) {
      throw new InvalidModelException(reader.errors);
    }
    return definition.orElseThrow();
  }

  private Optional<ModelDefinition> definition(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      error("", "the model document is empty");
      return Optional.empty();
    }
    if (!root.isObject()) {
      error(
          "",
          "must be a mapping with id, name, assetClass, currency, parameters, lines and an optional"
              + " version");
      return Optional.empty();
    }
    allowOnly(
        root,
        "",
        "id",
        "version",
        "name",
        "assetClass",
        "currency",
        "completeCoverage",
        "parameters",
        "lines");
    Optional<String> id = text(root, "id", "");
    Optional<Integer> version = version(root);
    Optional<String> name = text(root, "name", "");
    Optional<String> assetClass = text(root, "assetClass", "");
    Optional<String> currency = text(root, "currency", "");
    Optional<BigDecimal> completeCoverage = completeCoverage(root);
    Map<String, ParameterDefinition> parameters = parameters(root.get("parameters"));
    List<LineDefinition> lines = lines(root.get("lines"));
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ModelDefinition(
            id.orElseThrow(),
            version.orElseThrow(),
            name.orElseThrow(),
            assetClass.orElseThrow(),
            currency.orElseThrow(),
            parameters,
            lines,
            completeCoverage.orElseThrow()));
  }

  /** The coverage a complete month needs, in percent; the default when the document has none. */
  private Optional<BigDecimal> completeCoverage(JsonNode root) {
    JsonNode coverage = present(root, "completeCoverage");
    if (coverage == null) {
      return Optional.of(ModelDefinition.DEFAULT_COMPLETE_COVERAGE);
    }
    if (!coverage.isNumber()
        || coverage.decimalValue().signum() <= 0
        || coverage.decimalValue().compareTo(BigDecimal.valueOf(100)) > 0) {
      error(
          "completeCoverage", "must be a percentage more than 0 and at most 100, was " + coverage);
      return Optional.empty();
    }
    return Optional.of(coverage.decimalValue());
  }

  /**
   * The version may be left out: the registry numbers versions itself (1 on define, one more per
   * revision), so a document without one reads as version 1.
   */
  private Optional<Integer> version(JsonNode root) {
    JsonNode version = present(root, "version");
    if (version == null) {
      return Optional.of(1);
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1) {
      error("version", "must be a whole number of at least 1, was " + version);
      return Optional.empty();
    }
    return Optional.of(version.asInt());
  }

  private Map<String, ParameterDefinition> parameters(JsonNode node) {
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return parameters;
    }
    if (!node.isObject()) {
      error("parameters", "must be a mapping from parameter name to {value, unit, description}");
      return parameters;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String path = "parameters." + entry.getKey();
      JsonNode parameter = entry.getValue();
      if (!parameter.isObject()) {
        error(path, "must be a mapping with value, unit and an optional description");
        continue;
      }
      allowOnly(parameter, path, "value", "unit", "description", "monthlyBaseline");
      Optional<BigDecimal> value = decimal(parameter, path);
      Optional<String> unit = text(parameter, "unit", path);
      Optional<String> description = optionalText(parameter, "description", path);
      JsonNode monthly = present(parameter, "monthlyBaseline");
      boolean monthlyBaseline = monthly != null && monthly.isBoolean() && monthly.booleanValue();
      if (monthly != null && !monthly.isBoolean()) {
        error(path + ".monthlyBaseline", "must be true or false, was " + monthly);
      }
      if (value.isPresent() && unit.isPresent()) {
        parameters.put(
            entry.getKey(),
            new ParameterDefinition(value.get(), unit.get(), description, monthlyBaseline));
      }
    }
    return parameters;
  }

  private Optional<BigDecimal> decimal(JsonNode parameter, String path) {
    JsonNode value = present(parameter, "value");
    if (value == null) {
      error(path + ".value", "is required");
      return Optional.empty();
    }
    if (!value.isNumber()) {
      error(path + ".value", "must be a number, was " + value);
      return Optional.empty();
    }
    return Optional.of(value.decimalValue());
  }

  private List<LineDefinition> lines(JsonNode node) {
    List<LineDefinition> lines = new ArrayList<>();
    if (node == null || node.isNull()) {
      error("lines", "is required");
      return lines;
    }
    if (!node.isArray()) {
      error("lines", "must be a list");
      return lines;
    }
    if (node.isEmpty()) {
      error("lines", "must have at least one line");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode line = node.get(i);
      String path = "lines[" + i + "]";
      if (!line.isObject()) {
        error(path, "must be a mapping with id, kind, label, formula and an optional unit");
        continue;
      }
      JsonNode idNode = present(line, "id");
      if (idNode != null && idNode.isString()) {
        path += " (" + idNode.asString() + ")";
      }
      allowOnly(line, path, "id", "kind", "label", "formula", "unit");
      Optional<String> id = text(line, "id", path);
      Optional<LineKind> kind = kind(line, path);
      Optional<String> label = text(line, "label", path);
      Optional<String> formula = text(line, "formula", path);
      Optional<String> unit = optionalText(line, "unit", path);
      if (id.isPresent() && kind.isPresent() && label.isPresent() && formula.isPresent()) {
        lines.add(new LineDefinition(id.get(), kind.get(), label.get(), formula.get(), unit));
      }
    }
    return lines;
  }

  private Optional<LineKind> kind(JsonNode line, String path) {
    Optional<String> kind = text(line, "kind", path);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LineKind.valueOf(kind.get()));
    } catch (IllegalArgumentException e) {
      error(
          path + ".kind",
          "'"
              + kind.get()
              + "' is not a line kind; expected one of "
              + Arrays.stream(LineKind.values()).map(Enum::name).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
  }

  private Optional<String> text(JsonNode node, String field, String path) {
    String fieldPath = path.isEmpty() ? field : path + "." + field;
    JsonNode value = present(node, field);
    if (value == null) {
      error(fieldPath, "is required");
      return Optional.empty();
    }
    if (!value.isString() || value.asString().isBlank()) {
      error(fieldPath, "must be a non-empty string, was " + value);
      return Optional.empty();
    }
    return Optional.of(value.asString());
  }

  private Optional<String> optionalText(JsonNode node, String field, String path) {
    return present(node, field) == null ? Optional.empty() : text(node, field, path);
  }

  private static JsonNode present(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private void allowOnly(JsonNode node, String path, String... fields) {
    Set<String> allowed = Set.of(fields);
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        error(
            path.isEmpty() ? name : path + "." + name,
            "is not a known field; expected " + String.join(", ", fields));
      }
    }
  }

  private void error(String path, String message) {
    errors.add(new ModelError(path, message));
  }

  private static ObjectNode tree(ModelDefinition definition) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("id", definition.id());
    root.put("version", definition.version());
    root.put("name", definition.name());
    root.put("assetClass", definition.assetClass());
    root.put("currency", definition.currency());
    // Written only when it is not the default, so that documents without it read back unchanged.
    if (definition.completeCoverage().compareTo(ModelDefinition.DEFAULT_COMPLETE_COVERAGE) != 0) {
      root.put("completeCoverage", definition.completeCoverage());
    }
    ObjectNode parameters = root.putObject("parameters");
    definition
        .parameters()
        .forEach(
            (name, parameter) -> {
              ObjectNode node = parameters.putObject(name);
              node.put("value", parameter.value());
              node.put("unit", parameter.unit());
              parameter.description().ifPresent(d -> node.put("description", d));
              if (parameter.monthlyBaseline()) {
                node.put("monthlyBaseline", true);
              }
            });
    ArrayNode lines = root.putArray("lines");
    for (LineDefinition line : definition.lines()) {
      ObjectNode node = lines.addObject();
      node.put("id", line.id());
      node.put("kind", line.kind().name());
      node.put("label", line.label());
      node.put("formula", line.formula());
      line.unit().ifPresent(u -> node.put("unit", u));
    }
    return root;
  }
}
