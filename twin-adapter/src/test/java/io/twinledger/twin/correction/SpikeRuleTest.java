package io.twinledger.twin.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpikeRuleTest {

  private static final SpikeRule RULE = new SpikeRule(BigDecimal.TEN, 24);

  @Test
  void theMistypedRowIsASpikeAndAnOrdinaryReadingIsNot() {
    List<BigDecimal> day = dailyFlow();
    assertThat(judge(new BigDecimal("99999999999"), day))
        .hasValueSatisfying(why -> assertThat(why).contains("from the median"));
    assertThat(judge(new BigDecimal("4000"), day)).as("ten times the daily peak").isPresent();
    assertThat(judge(new BigDecimal("520"), day)).isEmpty();
  }

  @Test
  void tooFewReadingsSayNothing() {
    assertThat(judge(new BigDecimal("99999999999"), dailyFlow().subList(0, 23))).isEmpty();
  }

  @Test
  void aSteadyMeterToleratesSmallChangesButNotLargeOnes() {
    List<BigDecimal> steady = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      steady.add(new BigDecimal("100"));
    }
    assertThat(judge(new BigDecimal("105"), steady)).isEmpty();
    assertThat(judge(new BigDecimal("111"), steady)).isPresent();
    List<BigDecimal> zeros = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      zeros.add(BigDecimal.ZERO);
    }
    assertThat(judge(BigDecimal.ZERO, zeros)).isEmpty();
    assertThat(judge(BigDecimal.ONE, zeros))
        .hasValueSatisfying(w -> assertThat(w).contains("all 0"));
  }

  @Test
  void theRuleNeedsSensibleSettings() {
    assertThatThrownBy(() -> new SpikeRule(BigDecimal.ZERO, 24))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpikeRule(BigDecimal.TEN, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noReadingOfTheRecentDayIsASpikeAgainstIt() {
    List<BigDecimal> day = dailyFlow();
    assertThat(day).allSatisfy(value -> assertThat(judge(value, day)).isEmpty());
  }

  private static Optional<String> judge(BigDecimal value, List<BigDecimal> recent) {
    return RULE.baseline(recent).flatMap(baseline -> baseline.judge(value));
  }

  /** A district's quarter-hourly inflow over a day: low at night, peaking in the morning. */
  private static List<BigDecimal> dailyFlow() {
    List<BigDecimal> values = new ArrayList<>();
    for (int q = 0; q < 96; q++) {
      double hour = q / 4.0;
      long flow = Math.round(300 + 150 * Math.sin((hour - 6) / 24 * 2 * Math.PI));
      values.add(BigDecimal.valueOf(flow));
    }
    return values;
  }
}
