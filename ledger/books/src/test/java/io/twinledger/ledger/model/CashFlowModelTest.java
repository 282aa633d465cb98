package io.twinledger.ledger.model;

import static org.axonframework.test.matchers.Matchers.predicate;

import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ParameterDefinition;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.api.DefineModel;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRetired;
import io.twinledger.ledger.model.api.ModelRevised;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.model.api.RetireModel;
import io.twinledger.ledger.model.api.ReviseModel;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CashFlowModelTest {

  private static final String ID = "water-dma-1";
  private static final List<String> ASSETS = List.of("dma-1");

  private AggregateTestFixture<CashFlowModel> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CashFlowModel.class);
  }

  @Test
  void aDefinitionIsRecordedAsVersionOneWhateverVersionItCarries() {
    fixture
        .givenNoPriorActivity()
        .when(new DefineModel(ID, model("2.35").withVersion(7), ASSETS))
        .expectEvents(new ModelDefined(ID, model("2.35"), ASSETS));
  }

  @Test
  void aDefinitionMustCarryTheModelsId() {
    fixture
        .givenNoPriorActivity()
        .when(new DefineModel(ID, model("2.35").withId("water-dma-2"), ASSETS))
        .expectException(ModelRuleViolation.class)
        .expectExceptionMessage(
            "the definition's id 'water-dma-2' differs from the model id 'water-dma-1'")
        .expectNoEvents();
  }

  @Test
  void aRevisionAgainstTheCurrentVersionRecordsTheNextVersionWithItsReason() {
    fixture
        .given(defined())
        .when(new ReviseModel(ID, Optional.of(1), model("2.50"), ASSETS, "tariff rise"))
        .expectEvents(new ModelRevised(ID, model("2.50").withVersion(2), ASSETS, "tariff rise"))
        .expectResultMessagePayload(2);
    fixture
        .given(defined(), revised(2, "2.50"))
        .when(new ReviseModel(ID, Optional.of(2), model("2.60"), ASSETS, "second rise"))
        .expectEvents(new ModelRevised(ID, model("2.60").withVersion(3), ASSETS, "second rise"))
        .expectResultMessagePayload(3);
  }

  @Test
  void aRevisionAgainstAStaleVersionIsRefusedAndRecordsNothing() {
    fixture
        .given(defined(), revised(2, "2.50"))
        .when(new ReviseModel(ID, Optional.of(1), model("2.60"), ASSETS, "tariff rise"))
        .expectException(
            predicate(
                e -> e instanceof ModelRuleViolation v && v.field().equals("expectedVersion")))
        .expectExceptionMessage(
            "model water-dma-1 is at version 2, not 1; reload it and apply the change again")
        .expectNoEvents();
  }

  @Test
  void anExpectedVersionAheadOfTheModelIsRefusedToo() {
    fixture
        .given(defined())
        .when(new ReviseModel(ID, Optional.of(2), model("2.50"), ASSETS, "tariff rise"))
        .expectException(ModelRuleViolation.class)
        .expectExceptionMessage(
            "model water-dma-1 is at version 1, not 2; reload it and apply the change again")
        .expectNoEvents();
  }

  @Test
  void aRevisionWithoutAnExpectedVersionAppliesToTheCurrentVersion() {
    fixture
        .given(defined(), revised(2, "2.50"))
        .when(new ReviseModel(ID, Optional.empty(), model("2.60"), ASSETS, "tariff rise"))
        .expectEvents(new ModelRevised(ID, model("2.60").withVersion(3), ASSETS, "tariff rise"))
        .expectResultMessagePayload(3);
  }

  @Test
  void aRevisionThatChangesNothingRecordsNothingAndReturnsTheCurrentVersion() {
    // The version number the revision carries is not part of the model's content.
    fixture
        .given(defined(), revised(2, "2.50"))
        .when(
            new ReviseModel(
                ID, Optional.of(2), model("2.50").withVersion(9), ASSETS, "no real change"))
        .expectNoEvents()
        .expectResultMessagePayload(2);
  }

  @Test
  void aRevisionThatOnlyChangesTheAssetsIsANewVersion() {
    List<String> more = List.of("dma-1", "dma-2");
    fixture
        .given(defined())
        .when(new ReviseModel(ID, Optional.of(1), model("2.35"), more, "dma-2 joins"))
        .expectEvents(new ModelRevised(ID, model("2.35").withVersion(2), more, "dma-2 joins"))
        .expectResultMessagePayload(2);
  }

  @Test
  void aRevisionMustCarryTheModelsId() {
    fixture
        .given(defined())
        .when(
            new ReviseModel(
                ID, Optional.of(1), model("2.50").withId("other"), ASSETS, "tariff rise"))
        .expectException(
            predicate(e -> e instanceof ModelRuleViolation v && v.field().equals("definition.id")))
        .expectNoEvents();
  }

  @Test
  void retiringRecordsTheLastVersionAndReturnsIt() {
    fixture
        .given(defined(), revised(2, "2.50"))
        .when(new RetireModel(ID, "contract ended"))
        .expectEvents(new ModelRetired(ID, 2, "contract ended"))
        .expectResultMessagePayload(2);
  }

  @Test
  void aRetiredModelRefusesRevisionAndRetirement() {
    fixture
        .given(defined(), new ModelRetired(ID, 1, "contract ended"))
        .when(new ReviseModel(ID, Optional.of(1), model("2.50"), ASSETS, "tariff rise"))
        .expectException(
            predicate(e -> e instanceof ModelRuleViolation v && v.field().equals("modelId")))
        .expectExceptionMessage("model water-dma-1 is retired")
        .expectNoEvents();
    fixture
        .given(defined(), new ModelRetired(ID, 1, "contract ended"))
        .when(new RetireModel(ID, "again"))
        .expectException(ModelRuleViolation.class)
        .expectExceptionMessage("model water-dma-1 is retired")
        .expectNoEvents();
  }

  @Test
  void aRetiredModelRefusesEvenARevisionThatChangesNothing() {
    fixture
        .given(defined(), new ModelRetired(ID, 1, "contract ended"))
        .when(new ReviseModel(ID, Optional.of(1), model("2.35"), ASSETS, "no real change"))
        .expectException(ModelRuleViolation.class)
        .expectExceptionMessage("model water-dma-1 is retired")
        .expectNoEvents();
  }

  private static ModelDefined defined() {
    return new ModelDefined(ID, model("2.35"), ASSETS);
  }

  private static ModelRevised revised(int version, String tariff) {
    return new ModelRevised(ID, model(tariff).withVersion(version), ASSETS, "tariff rise");
  }

  /** The water NRW template as version 1 of this model, with the given tariff in EUR/MTQ. */
  private static ModelDefinition model(String tariff) {
    ModelDefinition template = Templates.load("water-nrw").withId(ID).withVersion(1);
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>(template.parameters());
    ParameterDefinition old = parameters.get("tariff");
    parameters.put("tariff", old.withValue(new BigDecimal(tariff)));
    return template.withParameters(parameters);
  }
}
