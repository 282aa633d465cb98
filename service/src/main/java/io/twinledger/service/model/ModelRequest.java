package io.twinledger.service.model;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelError;
import io.twinledger.service.problem.JsonFieldPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A model definition request, {@code {"definition": {…}, "assets": […], "reason": …,
 * "expectedVersion": …}}, read from JSON or YAML.
 *
 * <p>The body is read as a tree with exact decimals, so that a tariff of {@code 2.35} never passes
 * through a {@code double}; every problem is reported with its path in one {@link
 * InvalidModelException}, paths into the definition prefixed with {@code definition.}.
 *
 * @param reason why a revision or retirement is made; not used on definition
 * @param expectedVersion for a revision, the version it was made against
 */
public record ModelRequest(
    ModelDefinition definition,
    List<String> assets,
    Optional<String> reason,
    Optional<Integer> expectedVersion) {

  private static final Set<String> FIELDS =
      Set.of("definition", "assets", "reason", "expectedVersion");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  public ModelRequest {
    assets = List.copyOf(assets);
  }

  /** Reads a JSON request body. */
  public static ModelRequest fromJson(String body) {
    return read(JSON, body, "JSON");
  }

  /** Reads a YAML request body. */
  public static ModelRequest fromYaml(String body) {
    return read(YAML, body, "YAML");
  }

  private static ModelRequest read(ObjectMapper mapper, String body, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw invalid("", "is not valid " + format + ": " + JsonFieldPaths.notWellFormed(e));
    }
    if (root == null || !root.isObject()) {
      throw invalid("", "must be an object with definition and assets");
    }
    List<ModelError> errors = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(root.propertyNames());
    unknown.removeAll(FIELDS);
    unknown.forEach(
        name ->
            errors.add(
                new ModelError(name, "is not a field; expected one of " + new TreeSet<>(FIELDS))));
    List<String> assets = assets(root.get("assets"), errors);
    Optional<String> reason = text(root.get("reason"), "reason", errors);
    Optional<Integer> expectedVersion = version(root.get("expectedVersion"), errors);
    JsonNode node = root.get("definition");
    Optional<ModelDefinition> definition =
        node == null || node.isNull()
            ? required(errors)
            : definition(() -> ModelDefinitions.parseJson(JSON.writeValueAsString(node)), errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelRequest(definition.orElseThrow(), assets, reason, expectedVersion);
  }

  /**
   * A request from the web UI's model editor: the definition as YAML text (problems in it have the
   * same paths as in a request body, {@code definition.lines[2] (id).formula}), the asset ids, and
   * for a revision its reason and the version it was made against.
   */
  public static ModelRequest fromForm(
      String definitionYaml,
      List<String> assets,
      Optional<String> reason,
      Optional<Integer> expectedVersion) {
    List<ModelError> errors = new ArrayList<>();
    Optional<ModelDefinition> definition =
        definitionYaml == null || definitionYaml.isBlank()
            ? required(errors)
            : definition(() -> ModelDefinitions.parseYaml(definitionYaml), errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelRequest(definition.orElseThrow(), assets, reason, expectedVersion);
  }

  private static Optional<ModelDefinition> required(List<ModelError> errors) {
    errors.add(new ModelError("definition", "is required"));
    return Optional.empty();
  }

  /**
   * The definition read, or empty with its problems added, their paths under {@code definition}.
   */
  private static Optional<ModelDefinition> definition(
      Supplier<ModelDefinition> read, List<ModelError> errors) {
    try {
      return Optional.of(read.get());
    } catch (InvalidModelException e) {
      e.errors()
          .forEach(
              error ->
                  errors.add(
                      new ModelError(
                          error.path().isEmpty() ? "definition" : "definition." + error.path(),
                          error.message())));
      return Optional.empty();
    }
  }

  private static List<String> assets(JsonNode node, List<ModelError> errors) {
    if (node == null || node.isNull()) {
      errors.add(
          new ModelError("assets", "is required: the ids of the assets the model applies to"));
      return List.of();
    }
    if (!node.isArray()) {
      errors.add(new ModelError("assets", "must be a list of asset ids"));
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (node.get(i).isString()) {
        ids.add(node.get(i).asString());
      } else {
        errors.add(new ModelError("assets[" + i + "]", "must be an asset id (a string)"));
      }
    }
    return ids;
  }

  private static Optional<String> text(JsonNode node, String field, List<ModelError> errors) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isString()) {
      errors.add(new ModelError(field, "must be a string"));
      return Optional.empty();
    }
    return Optional.of(node.asString());
  }

  private static Optional<Integer> version(JsonNode node, List<ModelError> errors) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      errors.add(new ModelError("expectedVersion", "must be a whole number, 1 or more"));
      return Optional.empty();
    }
    return Optional.of(node.asInt());
  }

  private static InvalidModelException invalid(String path, String message) {
    return new InvalidModelException(List.of(new ModelError(path, message)));
  }
}
