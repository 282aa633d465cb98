package io.twinledger.twin.kpi.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RutDepthTest {

  private static final RutDepthRequirement VIRGINIA = RutDepthRequirement.VIRGINIA_P3;

  @Test
  void maxAndMean() {
    // max 19.05; (5 + 10 + 12.7 + 13 + 19.05) / 5 = 59.75 / 5 = 11.95
    RutDepthSurvey survey = survey("5", "10", "12.7", "13", "19.05");
    assertThat(survey.maxMm()).isEqualTo(dec("19.05"));
    assertThat(survey.meanMm()).isEqualTo(dec("11.95"));
    // (1 + 1 + 2) / 3 = 4/3
    assertThat(survey("1", "1", "2").meanMm())
        .isEqualTo(dec("1.333333333333333333333333333333333"));
  }

  @Test
  void sharesAreInclusiveOfTheLimit() {
    // ≤ 12.7: 5, 10, 12.7 → 3 of 5 = 60 %
    RutDepthSurvey survey = survey("5", "10", "12.7", "13", "19.05");
    assertThat(survey.segmentsAtOrBelow(dec("12.7"))).isEqualTo(3);
    assertThat(survey.sharePercentAtOrBelow(dec("12.7"))).isEqualTo(dec("60"));
    // all five within 3/4 inch, but 60 % < 85 % within 1/2 inch
    assertThat(VIRGINIA.isMetBy(survey)).isFalse();
  }

  @Test
  void exactlyEightyFivePercentWithinTheTighterLimitMeets() {
    // 17 of 20 at 12.7 mm = 85 %; the other 3 at exactly 19.05 mm
    assertThat(VIRGINIA.isMetBy(segments(17, "12.7", 3, "19.05"))).isTrue();
    // 16 of 20 = 80 %
    assertThat(VIRGINIA.isMetBy(segments(16, "12.7", 4, "15"))).isFalse();
    // 85 % but one segment over 3/4 inch
    assertThat(VIRGINIA.isMetBy(segments(17, "12.7", 3, "19.06"))).isFalse();
  }

  @Test
  void rejectsBadSurveysAndRequirements() {
    assertThatThrownBy(() -> new RutDepthSurvey(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentRutDepthsMm: must not be empty");
    assertThatThrownBy(() -> survey("1", "-2"))
        .hasMessage("segmentRutDepthsMm[1]: must not be negative, was -2");
    assertThatThrownBy(() -> new RutDepthRequirement(dec("12.7"), dec("19.05"), dec("85")))
        .hasMessage("tighterLimitMm: must not exceed absoluteLimitMm (12.7), was 19.05");
    assertThatThrownBy(() -> new RutDepthRequirement(dec("19.05"), dec("12.7"), dec("120")))
        .hasMessage("tighterLimitSharePercent: must be at most 100, was 120");
  }

  private static RutDepthSurvey segments(int n1, String depth1, int n2, String depth2) {
    List<BigDecimal> depths = new ArrayList<>(Collections.nCopies(n1, dec(depth1)));
    depths.addAll(Collections.nCopies(n2, dec(depth2)));
    return new RutDepthSurvey(depths);
  }

  private static RutDepthSurvey survey(String... depthsMm) {
    return new RutDepthSurvey(List.of(depthsMm).stream().map(BigDecimal::new).toList());
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
