package io.twinledger.ledger.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.ledger.model.api.DefineModel;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRetired;
import io.twinledger.ledger.model.api.ModelRevised;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.model.api.ModelStreams;
import io.twinledger.ledger.model.api.RetireModel;
import io.twinledger.ledger.model.api.ReviseModel;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A cash-flow model in the registry: its versions and whether it is retired.
 *
 * <p>The aggregate decides the version sequence (1 on definition, one more per revision) and
 * refuses changes to a retired model or against a stale version. Whether a definition fits its
 * assets' KPIs is checked before a command is sent, by {@link ModelRegistry}, because that needs
 * the assets' read side. Every command handler returns the model version after the command.
 */
@Aggregate
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class CashFlowModel {

  @AggregateIdentifier private String streamId;
  private String modelId;
  private ModelDefinition definition;
  private List<String> assetIds;
  private boolean retired;

  protected CashFlowModel() {}

  @CommandHandler
  public CashFlowModel(DefineModel command) {
    requireSameId(command.modelId(), command.definition());
    apply(
        new ModelDefined(
            command.modelId(), command.definition().withVersion(1), command.assetIds()));
  }

  @CommandHandler
  public int handle(ReviseModel command) {
    requireActive();
    requireSameId(modelId, command.definition());
    int version = definition.version();
    command
        .expectedVersion()
        .filter(expected -> expected != version)
        .ifPresent(
            expected -> {
              throw new ModelRuleViolation(
                  "expectedVersion",
                  "model "
                      + modelId
                      + " is at version "
                      + version
                      + ", not "
                      + expected
                      + "; reload it and apply the change again");
            });
    ModelDefinition next = command.definition().withVersion(version + 1);
    if (definition.withVersion(version + 1).equals(next) && assetIds.equals(command.assetIds())) {
      return version;
    }
    apply(new ModelRevised(modelId, next, command.assetIds(), command.reason()));
    return version + 1;
  }

  @CommandHandler
  public int handle(RetireModel command) {
    requireActive();
    apply(new ModelRetired(modelId, definition.version(), command.reason()));
    return definition.version();
  }

  @EventSourcingHandler
  void on(ModelDefined event) {
    streamId = ModelStreams.streamId(event.modelId());
    modelId = event.modelId();
    definition = event.definition();
    assetIds = event.assetIds();
  }

  @EventSourcingHandler
  void on(ModelRevised event) {
    definition = event.definition();
    assetIds = event.assetIds();
  }

  @EventSourcingHandler
  void on(ModelRetired event) {
    retired = true;
  }

  private void requireActive() {
    if (retired) {
      throw new ModelRuleViolation("modelId", "model " + modelId + " is retired");
    }
  }

  private static void requireSameId(String modelId, ModelDefinition definition) {
    if (!definition.id().equals(modelId)) {
      throw new ModelRuleViolation(
          "definition.id",
          "the definition's id '"
              + definition.id()
              + "' differs from the model id '"
              + modelId
              + "'");
    }
  }
}
