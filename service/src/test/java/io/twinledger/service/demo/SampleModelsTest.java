package io.twinledger.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.ParameterDefinition;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.RegisterAsset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Riverton's models fit the KPIs of the sample assets they are bound to. */
class SampleModelsTest {

  final Map<String, RegisterAsset> assets =
      SampleCity.assets().stream()
          .collect(Collectors.toMap(RegisterAsset::assetId, Function.identity()));

  @Test
  void everySampleAssetHasExactlyOneModel() {
    List<String> bound =
        SampleModels.bindings().stream().flatMap(b -> b.assetIds().stream()).sorted().toList();

    assertThat(bound).containsExactlyElementsOf(assets.keySet().stream().sorted().toList());
  }

  @Test
  void everyModelValidatesAgainstEachOfItsAssetsKpis() {
    for (SampleModels.Binding binding : SampleModels.bindings()) {
      for (String assetId : binding.assetIds()) {
        RegisterAsset asset = assets.get(assetId);
        Map<String, String> units = new TreeMap<>();
        for (KpiDefinition kpi : asset.kpis()) {
          units.put(kpi.kpiId(), kpi.unit());
        }

        assertThat(ModelValidator.validate(binding.definition(), new KpiCatalog(units)))
            .as("%s on %s", binding.modelId(), assetId)
            .isEmpty();
        assertThat(binding.definition().assetClass())
            .isEqualTo(asset.parameters().assetClass().name());
      }
    }
  }

  @Test
  void northHillsOwnBaselineIsStillAMonthlyBaselineProratedInPartialMonths() {
    SampleModels.Binding water =
        SampleModels.bindings().stream()
            .filter(b -> b.modelId().equals("riverton-water-nrw"))
            .findFirst()
            .orElseThrow();

    ParameterDefinition baseline = water.definition().parameters().get("baseline-nrw-volume");
    assertThat(baseline.value()).isEqualByComparingTo("42000");
    assertThat(baseline.monthlyBaseline()).isTrue();
  }

  @Test
  void onlyTheWeighInMotionSegmentIsChargedTheWearAndTearFee() {
    SampleModels.Binding wim =
        SampleModels.bindings().stream()
            .filter(b -> b.assetIds().contains(SampleCity.weighInMotionSegmentId()))
            .findFirst()
            .orElseThrow();

    assertThat(wim.assetIds()).hasSize(1);
    assertThat(wim.definition().lines()).anyMatch(l -> l.id().equals(SampleModels.WIM_FEE_LINE));
    assertThat(SampleModels.bindings())
        .filteredOn(b -> !b.modelId().equals(wim.modelId()))
        .allSatisfy(
            b ->
                assertThat(b.definition().lines())
                    .noneMatch(l -> l.id().equals(SampleModels.WIM_FEE_LINE)));
  }
}
