package io.twinledger.service.demo;

import io.twinledger.finance.model.LineDefinition;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ParameterDefinition;
import io.twinledger.finance.model.Templates;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Riverton's cash-flow models: the shipped templates bound to the sample assets, with North Hill's
 * own NRW baseline (its generated twin data loses about 36,000 to 40,000 m³ a month). Only one road
 * segment has a weigh-in-motion station, so the other segments use the roads template without its
 * wear-and-tear fee line (a model may only read KPIs its assets define).
 */
public final class SampleModels {

  /** The roads template's line that reads weigh-in-motion ESALs. */
  static final String WIM_FEE_LINE = "wim-fee";

  private SampleModels() {}

  /** A model and the sample assets it applies to. */
  public record Binding(ModelDefinition definition, List<String> assetIds) {

    public Binding {
      assetIds = List.copyOf(assetIds);
    }

    public String modelId() {
      return definition.id();
    }
  }

  /** Every sample model, by model id. */
  public static List<Binding> bindings() {
    List<String> roads = SampleCity.roadSegmentIds();
    String wim = SampleCity.weighInMotionSegmentId();
    return List.of(
        new Binding(
            withParameter(
                renamed(Templates.load("water-nrw"), "riverton-water-nrw", l -> true),
                "baseline-nrw-volume",
                new ParameterDefinition(
                    new BigDecimal("42000"),
                    "MTQ",
                    Optional.of("North Hill's monthly NRW volume in the year before the contract."),
                    true)),
            List.of("dma-north-hill")),
        new Binding(
            renamed(Templates.load("stormwater"), "riverton-stormwater", l -> true),
            List.of("gi-rock-creek-a")),
        new Binding(
            renamed(Templates.load("roads"), "riverton-roads", l -> !l.id().equals(WIM_FEE_LINE)),
            roads.stream().filter(id -> !id.equals(wim)).toList()),
        new Binding(
            renamed(Templates.load("roads"), "riverton-roads-wim", l -> true), List.of(wim)));
  }

  private static ModelDefinition withParameter(
      ModelDefinition model, String name, ParameterDefinition value) {
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>(model.parameters());
    parameters.put(name, value);
    return model.withParameters(parameters);
  }

  private static ModelDefinition renamed(
      ModelDefinition template, String id, Predicate<LineDefinition> keep) {
    return template.withId(id).withLines(template.lines().stream().filter(keep).toList());
  }
}
