package io.twinledger.service.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.ModelError;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.ModelRegistry;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The cash-flow model registry. Definitions are checked by {@link ModelRegistry} against the KPIs
 * of the assets they apply to before anything is recorded; models are retired, never deleted, so
 * that every statement keeps the model version behind it.
 */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Cash-flow models defined as data, versioned")
public class ModelController {

  private static final String YAML = "application/yaml";
  private static final String INVALID_MODEL =
      "invalid-model: the definition is refused; errors lists every problem's path";
  private static final String MODEL_RULE =
      "model-rule: not allowed in the model's state, or a stale expectedVersion";

  private final ModelRegistry registry;
  private final Models models;

  public ModelController(ModelRegistry registry, Models models) {
    this.registry = registry;
    this.models = models;
  }

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "Every model's current version")
  public List<ModelBody.Model> list() {
    return models.list().stream().map(ModelBody.Model::of).toList();
  }

  @GetMapping("/templates")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "The shipped model templates: water NRW, stormwater and roads")
  public List<JsonNode> templates() {
    return Templates.NAMES.stream().map(Templates::load).map(ModelBody::tree).toList();
  }

  @GetMapping("/{modelId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "A model's current version")
  public ModelBody.Model get(@PathVariable String modelId) {
    return models.find(modelId).map(ModelBody.Model::of).orElseThrow(() -> unknown(modelId));
  }

  @GetMapping("/{modelId}/versions")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "Every version of a model, oldest first, with the reason for each change")
  public List<ModelBody.Version> versions(@PathVariable String modelId) {
    List<ModelBody.Version> versions =
        models.versions(modelId).stream().map(ModelBody.Version::of).toList();
    if (versions.isEmpty()) {
      throw unknown(modelId);
    }
    return versions;
  }

  @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed({Roles.FINANCE_OFFICER})
  @Operation(
      summary = "Define a model for some assets",
      description =
          "Body {\"definition\": {…}, \"assets\": [\"asset-id\"]} in JSON or YAML. A definition"
              + " that names an unknown KPI, refers to lines in a cycle, mixes units or may divide"
              + " by zero is refused with 422 and every problem's path.")
  @ResponseStatus(HttpStatus.CREATED)
  @Refusal(status = 409, description = MODEL_RULE)
  @Refusal(status = 422, description = INVALID_MODEL)
  public ResponseEntity<ModelBody.Written> define(
      @RequestHeader("Content-Type") MediaType contentType, @RequestBody String body) {
    ModelRequest request = read(contentType, body);
    String modelId = request.definition().id();
    int version = registry.define(modelId, request.definition(), request.assets());
    return ResponseEntity.created(URI.create("/api/v1/models/" + modelId))
        .body(new ModelBody.Written(modelId, version));
  }

  @PostMapping(
      path = "/validate",
      consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed({Roles.FINANCE_OFFICER})
  @Operation(summary = "Check a definition against its assets without recording anything")
  @Refusal(status = 422, description = INVALID_MODEL)
  public ModelBody.Valid validate(
      @RequestHeader("Content-Type") MediaType contentType, @RequestBody String body) {
    ModelRequest request = read(contentType, body);
    List<ModelError> errors =
        registry.check(request.definition().id(), request.definition(), request.assets());
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelBody.Valid(true, request.assets());
  }

  @PutMapping(
      path = "/{modelId}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, YAML})
  @RolesAllowed({Roles.FINANCE_OFFICER})
  @Operation(
      summary = "Revise a model: a new version, recomputing the P&L of its assets",
      description = "Body as for a definition, plus \"reason\" and optionally \"expectedVersion\".")
  @Refusal(status = 409, description = MODEL_RULE)
  @Refusal(status = 422, description = INVALID_MODEL)
  public ModelBody.Written revise(
      @PathVariable String modelId,
      @RequestHeader("Content-Type") MediaType contentType,
      @RequestBody String body) {
    ModelRequest request = read(contentType, body);
    int version =
        registry.revise(
            modelId,
            request.expectedVersion(),
            request.definition(),
            request.assets(),
            request.reason().orElse(""));
    return new ModelBody.Written(modelId, version);
  }

  @PostMapping("/{modelId}/retire")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  @Operation(summary = "Retire a model; its statements stay, its assets are free")
  @Refusal(status = 409, description = MODEL_RULE)
  public ModelBody.Written retire(@PathVariable String modelId, @RequestBody Retire body) {
    return new ModelBody.Written(modelId, registry.retire(modelId, body.reason()));
  }

  /** Body of a retirement. */
  public record Retire(String reason) {}

  private static ModelRequest read(MediaType contentType, String body) {
    return contentType.isCompatibleWith(MediaType.parseMediaType(YAML))
        ? ModelRequest.fromYaml(body)
        : ModelRequest.fromJson(body);
  }

  private static NotFoundException unknown(String modelId) {
    return new NotFoundException("no model with id '" + modelId + "'");
  }
}
