package io.twinledger.ledger.model;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelError;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetStatus;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.model.api.DefineModel;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.model.api.ModelStreams;
import io.twinledger.ledger.model.api.RetireModel;
import io.twinledger.ledger.model.api.ReviseModel;
import io.twinledger.ledger.model.projection.Models;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The registry of cash-flow models: checks a definition against the assets it is to apply to, then
 * records it.
 *
 * <p>Nothing is recorded unless every check passes, so a model that names an unknown KPI, has
 * cyclic line references, mixes units or may divide by zero never computes a P&amp;L. The checks
 * read the asset register's read side, which is why they live here and not in {@link
 * CashFlowModel}. Error paths are relative to a request of the form {@code {"definition": …,
 * "assets": […]}}: {@code definition.lines[2].formula}, {@code assets[0]}.
 */
public class ModelRegistry {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private final CommandGateway commands;
  private final EventStore events;
  private final AssetCatalog assets;
  private final Models models;

  public ModelRegistry(
      CommandGateway commands, EventStore events, AssetCatalog assets, Models models) {
    this.commands = commands;
    this.events = events;
    this.assets = assets;
    this.models = models;
  }

  /**
   * Every reason the definition cannot be recorded for the assets, empty when it can.
   *
   * @param modelId the model the definition is for; an existing model's own assets do not count as
   *     taken
   */
  public List<ModelError> check(String modelId, ModelDefinition definition, List<String> assetIds) {
    List<ModelError> errors = new ArrayList<>();
    if (!ID.matcher(modelId).matches()) {
      errors.add(
          new ModelError(
              "definition.id",
              "'" + modelId + "' is not a model id: lower case letters, digits, '_', '.' or '-'"));
    }
    if (!definition.id().equals(modelId)) {
      errors.add(
          new ModelError(
              "definition.id",
              "'" + definition.id() + "' differs from the model id '" + modelId + "'"));
    }
    if (assetIds.isEmpty()) {
      errors.add(new ModelError("assets", "name at least one asset the model applies to"));
    }
    Map<List<ModelError>, List<String>> definitionErrors = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < assetIds.size(); i++) {
      String assetId = assetIds.get(i);
      String path = "assets[" + i + "]";
      if (!seen.add(assetId)) {
        errors.add(new ModelError(path, "asset " + assetId + " is named twice"));
        continue;
      }
      Optional<AssetView> asset = assets.find(assetId);
      if (asset.isEmpty()) {
        errors.add(new ModelError(path, "no asset with id '" + assetId + "'"));
        continue;
      }
      assetErrors(modelId, definition, asset.get(), path).ifPresent(errors::add);
      KpiCatalog catalog = KpiCatalogs.of(asset.get());
      definitionErrors
          .computeIfAbsent(ModelValidator.validate(definition, catalog), k -> new ArrayList<>())
          .add(assetId);
    }
    boolean severalOutcomes = definitionErrors.size() > 1;
    definitionErrors.forEach(
        (found, assetsWithThem) -> {
          for (ModelError error : found) {
            String message =
                severalOutcomes
                    ? "for asset"
                        + (assetsWithThem.size() > 1 ? "s " : " ")
                        + String.join(", ", assetsWithThem)
                        + ": "
                        + error.message()
                    : error.message();
            errors.add(new ModelError("definition." + error.path(), message));
          }
        });
    return List.copyOf(errors);
  }

  /**
   * Defines a model.
   *
   * @return the model's version, 1
   * @throws InvalidModelException if {@link #check} finds anything
   * @throws ModelRuleViolation if a model with the id exists
   */
  public int define(String modelId, ModelDefinition definition, List<String> assetIds) {
    if (models.find(modelId).isPresent()) {
      throw taken(modelId);
    }
    requireValid(modelId, definition, assetIds);
    try {
      commands.sendAndWait(new DefineModel(modelId, definition, assetIds));
    } catch (AggregateStreamCreationException e) {
      throw taken(modelId);
    }
    return 1;
  }

  /**
   * Revises a model.
   *
   * @return the model's version after the revision; unchanged when nothing changed
   * @throws InvalidModelException if {@link #check} finds anything, or no reason is given
   * @throws ModelNotFoundException if no such model was defined
   */
  public int revise(
      String modelId,
      Optional<Integer> expectedVersion,
      ModelDefinition definition,
      List<String> assetIds,
      String reason) {
    List<ModelError> errors = new ArrayList<>(check(modelId, definition, assetIds));
    if (reason == null || reason.isBlank()) {
      errors.add(new ModelError("reason", "say why the model changes; it is shown with the P&L"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return send(new ReviseModel(modelId, expectedVersion, definition, assetIds, reason), modelId);
  }

  /**
   * Retires a model.
   *
   * @return the model's last version
   */
  public int retire(String modelId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidModelException(
          List.of(new ModelError("reason", "say why the model is retired")));
    }
    return send(new RetireModel(modelId, reason), modelId);
  }

  private Optional<ModelError> assetErrors(
      String modelId, ModelDefinition definition, AssetView asset, String path) {
    if (!asset.assetClass().name().equals(definition.assetClass())) {
      return Optional.of(
          new ModelError(
              path,
              "asset "
                  + asset.assetId()
                  + " is a "
                  + asset.assetClass()
                  + "; the model is for "
                  + definition.assetClass()));
    }
    if (asset.status() == AssetStatus.DECOMMISSIONED) {
      return Optional.of(new ModelError(path, "asset " + asset.assetId() + " is decommissioned"));
    }
    return models
        .activeFor(asset.assetId())
        .filter(other -> !other.modelId().equals(modelId))
        .map(
            other ->
                new ModelError(
                    path,
                    "asset "
                        + asset.assetId()
                        + " already uses model "
                        + other.modelId()
                        + "; revise or retire that model first"));
  }

  private void requireValid(String modelId, ModelDefinition definition, List<String> assetIds) {
    List<ModelError> errors = check(modelId, definition, assetIds);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
  }

  /**
   * Sends a command to an existing model. A model that was never defined is answered here, from its
   * stream in the event store: sent on, the command would make Axon's repository log the {@code
   * AggregateNotFoundException} it throws, with its stack trace, before anyone could say it is
   * simply unknown (say, a new model sent to the revision path).
   */
  private int send(Object command, String modelId) {
    if (events.lastSequenceNumberFor(ModelStreams.streamId(modelId)).isEmpty()) {
      throw new ModelNotFoundException(modelId);
    }
    return commands.<Integer>sendAndWait(command);
  }

  private static ModelRuleViolation taken(String modelId) {
    return new ModelRuleViolation(
        "definition.id", "a model with id '" + modelId + "' exists; revise it instead");
  }
}
