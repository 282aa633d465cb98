package io.twinledger.twin.kpi.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoughnessTest {

  private static final IriUnit M_PER_KM = IriUnit.METRES_PER_KILOMETRE;
  private static final IriUnit IN_PER_MI = IriUnit.INCHES_PER_MILE;

  /** 0.1 km at 1.0, 0.3 km at 2.0 and 0.6 km at 3.0 m/km. */
  private static final SegmentRoughness SEGMENT =
      new SegmentRoughness(
          List.of(section("0.1", "1.0"), section("0.3", "2.0"), section("0.6", "3.0")));

  @Test
  void convertsExactlyToInchesPerMile() {
    // 1 m/km = 63.36 in/mi; 2.5 × 63.36 = 158.4
    assertThat(M_PER_KM.convert(dec("1"), IN_PER_MI)).isEqualTo(dec("63.36"));
    assertThat(M_PER_KM.convert(dec("2.5"), IN_PER_MI)).isEqualTo(dec("158.4"));
    assertThat(IN_PER_MI.convert(dec("63.36"), M_PER_KM)).isEqualTo(dec("1"));
    assertThat(IN_PER_MI.convert(dec("158.4"), M_PER_KM)).isEqualTo(dec("2.5"));
    assertThat(M_PER_KM.convert(dec("1.50"), M_PER_KM)).isEqualTo(dec("1.5"));
  }

  @Test
  void convertsToMetresPerKilometreRoundedTo34Digits() {
    // 95 / 63.36 = 1.4993686868…
    assertThat(IN_PER_MI.convert(dec("95"), M_PER_KM))
        .isEqualTo(dec("1.499368686868686868686868686868687"));
    assertThatThrownBy(() -> IN_PER_MI.convert(dec("-1"), M_PER_KM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value: must not be negative, was -1");
  }

  @Test
  void meanIriIsWeightedByLength() {
    // (0.1 × 1 + 0.3 × 2 + 0.6 × 3) / 1.0 = (0.1 + 0.6 + 1.8) / 1 = 2.5
    assertThat(SEGMENT.lengthKm()).isEqualTo(dec("1"));
    assertThat(SEGMENT.meanIriMPerKm()).isEqualTo(dec("2.5"));
    // (1 × 1 + 2 × 2) / 3 = 5/3
    assertThat(new SegmentRoughness(List.of(section("1", "1"), section("2", "2"))).meanIriMPerKm())
        .isEqualTo(dec("1.666666666666666666666666666666667"));
  }

  @Test
  void shareAboveCountsOnlyStrictlyHigherSections() {
    // above 2.0 m/km: only the 0.6 km section; 0.6 / 1.0 × 100 = 60 %
    assertThat(SEGMENT.sharePercentAbove(dec("2.0"), M_PER_KM)).isEqualTo(dec("60"));
    // above 1.99: 0.3 + 0.6 = 0.9 km, 90 %
    assertThat(SEGMENT.sharePercentAbove(dec("1.99"), M_PER_KM)).isEqualTo(dec("90"));
    assertThat(SEGMENT.sharePercentAbove(dec("3"), M_PER_KM)).isEqualTo(dec("0"));
    assertThat(SEGMENT.sharePercentAbove(dec("0"), M_PER_KM)).isEqualTo(dec("100"));
  }

  @Test
  void shareAboveAnInchesPerMileLimitIsExact() {
    // 2.0 m/km = 126.72 in/mi exactly, so a 126.72 in/mi limit leaves it out
    assertThat(SEGMENT.sharePercentAbove(dec("126.72"), IN_PER_MI)).isEqualTo(dec("60"));
    assertThat(SEGMENT.sharePercentAbove(dec("126.71"), IN_PER_MI)).isEqualTo(dec("90"));
    // Virginia P3 limit 140 in/mi: 3.0 m/km = 190.08 in/mi is above
    assertThat(SEGMENT.sharePercentAbove(dec("140"), IN_PER_MI)).isEqualTo(dec("60"));
  }

  @Test
  void rejectsEmptyProfilesAndZeroLengths() {
    assertThatThrownBy(() -> new SegmentRoughness(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sections: must not be empty");
    assertThatThrownBy(() -> section("0", "1"))
        .hasMessage("lengthKm: must be greater than zero, was 0");
  }

  @Test
  void federalBandsUseInchesPerMileLimits() {
    // 1.4993 m/km = 94.995648 in/mi < 95: good
    assertThat(IriConditionBand.of(dec("1.4993"))).isEqualTo(IriConditionBand.GOOD);
    // 1.50 m/km = 95.04 in/mi ≥ 95: fair, although 95 in/mi is often quoted as "≈ 1.50 m/km"
    assertThat(IriConditionBand.of(dec("1.50"))).isEqualTo(IriConditionBand.FAIR);
    // 2.683 m/km = 169.99488 in/mi ≤ 170: fair; 2.6831 m/km = 170.001216 in/mi: poor
    assertThat(IriConditionBand.of(dec("2.683"))).isEqualTo(IriConditionBand.FAIR);
    assertThat(IriConditionBand.of(dec("2.6831"))).isEqualTo(IriConditionBand.POOR);
  }

  @Test
  void bandLimitsAreGoodExclusiveFairInclusivePoorExclusive() {
    BigDecimal good = dec("1.5");
    BigDecimal poor = dec("2.68");
    assertThat(IriConditionBand.of(dec("1.4999"), good, poor, M_PER_KM))
        .isEqualTo(IriConditionBand.GOOD);
    assertThat(IriConditionBand.of(dec("1.5"), good, poor, M_PER_KM))
        .isEqualTo(IriConditionBand.FAIR);
    assertThat(IriConditionBand.of(dec("2.68"), good, poor, M_PER_KM))
        .isEqualTo(IriConditionBand.FAIR);
    assertThat(IriConditionBand.of(dec("2.6801"), good, poor, M_PER_KM))
        .isEqualTo(IriConditionBand.POOR);
    // 1.5 m/km is exactly 95.04 in/mi, so an in/mi limit of 95.04 is met exactly
    assertThat(IriConditionBand.of(dec("1.5"), dec("95.04"), dec("170"), IN_PER_MI))
        .isEqualTo(IriConditionBand.FAIR);
  }

  @Test
  void bandLimitsMustBeOrdered() {
    assertThatThrownBy(() -> IriConditionBand.of(dec("1"), dec("170"), dec("95"), IN_PER_MI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poorAbove: must not be below goodBelow (170), was 95");
  }

  private static RoughnessSection section(String lengthKm, String iriMPerKm) {
    return new RoughnessSection(dec(lengthKm), dec(iriMPerKm));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
