package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.twinledger.finance.valuation.Sensitivity.InputRange;
import io.twinledger.finance.valuation.Sensitivity.Scenario;
import io.twinledger.finance.valuation.Sensitivity.ScenarioResult;
import io.twinledger.finance.valuation.Sensitivity.Tornado;
import io.twinledger.finance.valuation.Sensitivity.TornadoBar;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SensitivityTest {

  /** Revenue = volume × price − cost. */
  private static final Function<Map<String, BigDecimal>, BigDecimal> PROFIT =
      in -> in.get("volume").multiply(in.get("price")).subtract(in.get("cost"));

  private static Map<String, BigDecimal> base() {
    Map<String, BigDecimal> base = new LinkedHashMap<>();
    base.put("volume", new BigDecimal("100"));
    base.put("price", new BigDecimal("5"));
    base.put("cost", new BigDecimal("300"));
    return base;
  }

  @Test
  void barsAreSortedByTheirSwing() {
    Map<String, InputRange> ranges = new LinkedHashMap<>();
    ranges.put("cost", new InputRange(new BigDecimal("250"), new BigDecimal("350")));
    ranges.put("volume", new InputRange(new BigDecimal("80"), new BigDecimal("120")));
    ranges.put("price", new InputRange(new BigDecimal("4"), new BigDecimal("6")));

    Tornado tornado = Sensitivity.tornado(base(), PROFIT, ranges);

    // base 100 × 5 − 300 = 200
    assertThat(tornado.baseValue()).isEqualByComparingTo("200");
    // price 4..6: 100, 300 (swing 200); volume 80..120: 100, 300 (swing 200); cost: 250, 150
    // (swing 100). Price and volume tie; they keep the order of the ranges (volume first).
    assertThat(tornado.bars())
        .extracting(TornadoBar::input)
        .containsExactly("volume", "price", "cost");
    TornadoBar cost = tornado.bars().get(2);
    assertThat(cost.lowValue()).isEqualByComparingTo("250");
    assertThat(cost.highValue()).isEqualByComparingTo("150");
    assertThat(cost.swing()).isEqualByComparingTo("100");
  }

  @Test
  void scenariosOverrideTheBase() {
    List<ScenarioResult> results =
        Sensitivity.scenarios(
            base(),
            PROFIT,
            List.of(
                new Scenario("downturn", Map.of("volume", new BigDecimal("60"))),
                new Scenario(
                    "boom",
                    Map.of("volume", new BigDecimal("150"), "price", new BigDecimal("6")))));

    // downturn 60 × 5 − 300 = 0 (−200); boom 150 × 6 − 300 = 600 (+400)
    assertThat(results)
        .extracting(
            ScenarioResult::name,
            r -> r.value().intValueExact(),
            r -> r.changeFromBase().intValueExact())
        .containsExactly(tuple("downturn", 0, -200), tuple("boom", 600, 400));
  }

  @Test
  void unknownInputsAreNamed() {
    assertThatThrownBy(
            () ->
                Sensitivity.scenarios(
                    base(), PROFIT, List.of(new Scenario("typo", Map.of("prise", BigDecimal.ONE)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "scenario typo: input 'prise' is not one of the base inputs [volume, price, cost]");
  }
}
