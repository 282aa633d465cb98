package io.twinledger.twin.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitCodeTest {

  @ParameterizedTest
  @EnumSource(UnitCode.class)
  void everyCodeParsesToItself(UnitCode unit) {
    assertThat(UnitCode.parse(unit.name())).isSameAs(unit);
  }

  @ParameterizedTest
  @EnumSource(Dimension.class)
  void everyDimensionHasExactlyOneCanonicalUnitAndItIsOfThatDimension(Dimension dimension) {
    assertThat(dimension.canonicalUnit().dimension()).isEqualTo(dimension);
    assertThat(Arrays.stream(UnitCode.values()).filter(u -> u.dimension() == dimension))
        .filteredOn(UnitCode::isCanonical)
        .containsExactly(dimension.canonicalUnit());
  }

  @Test
  void canonicalUnitsAreTheSiUnitsTwinLedgerStores() {
    assertThat(Dimension.VOLUME.canonicalUnit()).isEqualTo(UnitCode.MTQ);
    assertThat(Dimension.VOLUME_FLOW.canonicalUnit()).isEqualTo(UnitCode.MQS);
    assertThat(Dimension.LENGTH.canonicalUnit()).isEqualTo(UnitCode.MTR);
    assertThat(Dimension.AREA.canonicalUnit()).isEqualTo(UnitCode.MTK);
    assertThat(Dimension.MASS.canonicalUnit()).isEqualTo(UnitCode.KGM);
    assertThat(Dimension.FORCE.canonicalUnit()).isEqualTo(UnitCode.NEW);
    assertThat(Dimension.PRESSURE.canonicalUnit()).isEqualTo(UnitCode.PAL);
    assertThat(Dimension.TEMPERATURE.canonicalUnit()).isEqualTo(UnitCode.KEL);
    assertThat(Dimension.ENERGY.canonicalUnit()).isEqualTo(UnitCode.JOU);
    assertThat(Dimension.DIMENSION_ONE.canonicalUnit()).isEqualTo(UnitCode.C62);
  }

  @Test
  void unknownCodeIsRejectedWithAReasonNamingIt() {
    assertThatThrownBy(() -> UnitCode.parse("XYZ"))
        .isInstanceOf(UnknownUnitCodeException.class)
        .hasMessage("unknown unitCode 'XYZ'")
        .satisfies(e -> assertThat(((UnknownUnitCodeException) e).code()).isEqualTo("XYZ"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mtq", "Mtq", " MTQ", "MTQ ", "", "M/KM", "m3"})
  void codesAreCaseSensitiveAndUntrimmed(String code) {
    assertThatThrownBy(() -> UnitCode.parse(code))
        .isInstanceOf(UnknownUnitCodeException.class)
        .hasMessage("unknown unitCode '" + code + "'");
  }

  @Test
  void reasonStaysOnOneShortLineWhateverTheCode() {
    String hostile = "MTQ\n" + "A".repeat(500);
    assertThatThrownBy(() -> UnitCode.parse(hostile))
        .isInstanceOf(UnknownUnitCodeException.class)
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(40);
              assertThat(((UnknownUnitCodeException) e).code()).isEqualTo(hostile);
            });
  }

  @Test
  void carriesTheRecommendation20NameAndSymbolForMessages() {
    assertThat(UnitCode.E32.displayName()).isEqualTo("litre per hour");
    assertThat(UnitCode.E32.symbol()).isEqualTo("l/h");
    assertThat(UnitCode.NX.symbol()).isEqualTo("‰");
    assertThat(Dimension.VOLUME_FLOW.label()).isEqualTo("volume flow rate");
  }

  @Test
  void metreOfHeadIsALengthNotAPressure() {
    assertThat(UnitCode.MTR.dimension()).isEqualTo(Dimension.LENGTH);
  }

  @Test
  void ratiosAndCountsShareDimensionOne() {
    assertThat(UnitCode.P1.dimension()).isEqualTo(Dimension.DIMENSION_ONE);
    assertThat(UnitCode.NX.dimension()).isEqualTo(Dimension.DIMENSION_ONE);
    assertThat(UnitCode.C62.dimension()).isEqualTo(Dimension.DIMENSION_ONE);
  }
}
