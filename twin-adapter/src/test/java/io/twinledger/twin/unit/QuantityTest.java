package io.twinledger.twin.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {

  /** One case per code: a value and its exact canonical equivalent. */
  static Stream<Arguments> canonicalValues() {
    return Stream.of(
        Arguments.of("MTQ", "1843.275", "1843.275", "MTQ"),
        Arguments.of("LTR", "191051", "191.051", "MTQ"),
        Arguments.of("GLL", "6520000", "24680.88483168", "MTQ"),
        Arguments.of("MQS", "0.0125", "0.0125", "MQS"),
        Arguments.of("MQH", "3.6", "0.001", "MQS"),
        Arguments.of("L2", "60", "0.001", "MQS"),
        Arguments.of("E32", "7200", "0.002", "MQS"),
        Arguments.of("MTR", "47.63", "47.63", "MTR"),
        Arguments.of("KMT", "42.5", "42500", "MTR"),
        Arguments.of("CMT", "12.5", "0.125", "MTR"),
        Arguments.of("MMT", "19.05", "0.01905", "MTR"),
        Arguments.of("INH", "1.2", "0.03048", "MTR"),
        Arguments.of("FOT", "3", "0.9144", "MTR"),
        Arguments.of("MTK", "80937.128448", "80937.128448", "MTK"),
        Arguments.of("HAR", "2.5", "25000", "MTK"),
        Arguments.of("ACR", "20", "80937.128448", "MTK"),
        Arguments.of("KGM", "12.5", "12.5", "KGM"),
        Arguments.of("TNE", "8.2", "8200", "KGM"),
        Arguments.of("NEW", "80000", "80000", "NEW"),
        Arguments.of("B47", "80", "80000", "NEW"),
        Arguments.of("PAL", "101325", "101325", "PAL"),
        Arguments.of("KPA", "470.5", "470500", "PAL"),
        Arguments.of("BAR", "4.7", "470000", "PAL"),
        Arguments.of("KEL", "293.15", "293.15", "KEL"),
        Arguments.of("CEL", "12.4", "285.55", "KEL"),
        Arguments.of("JOU", "4500", "4500", "JOU"),
        Arguments.of("WHR", "250", "900000", "JOU"),
        Arguments.of("KWH", "1.234", "4442400", "JOU"),
        Arguments.of("MWH", "0.5", "1800000000", "JOU"),
        Arguments.of("C62", "2", "2", "C62"),
        Arguments.of("P1", "31", "0.31", "C62"),
        Arguments.of("NX", "1.5", "0.0015", "C62"));
  }

  @ParameterizedTest(name = "{1} {0} = {2} {3}")
  @MethodSource("canonicalValues")
  void convertsEveryCodeToItsCanonicalUnitExactly(
      String code, String value, String canonical, String canonicalCode) {
    NormalisedValue normalised = Quantity.of(new BigDecimal(value), code).toCanonical();

    assertThat(normalised.value()).isEqualTo(new BigDecimal(canonical));
    assertThat(normalised.unit()).isEqualTo(UnitCode.parse(canonicalCode));
    assertThat(normalised.originalValue()).isEqualTo(new BigDecimal(value));
    assertThat(normalised.originalUnit()).isEqualTo(UnitCode.parse(code));
    assertThat(normalised.exact()).isTrue();
  }

  @Test
  void everyCodeHasACaseAbove() {
    Set<UnitCode> covered = EnumSet.noneOf(UnitCode.class);
    canonicalValues().forEach(a -> covered.add(UnitCode.parse((String) a.get()[0])));
    assertThat(covered).containsExactlyInAnyOrder(UnitCode.values());
  }

  @ParameterizedTest
  @EnumSource(UnitCode.class)
  void roundTripThroughTheCanonicalUnitGivesTheOriginalBack(UnitCode unit) {
    BigDecimal original = new BigDecimal("1234.5678");

    NormalisedValue canonical = new Quantity(original, unit).toCanonical();
    NormalisedValue back = new Quantity(canonical.value(), canonical.unit()).convertTo(unit);

    assertThat(back.value()).isEqualByComparingTo(original);
  }

  @Test
  void roundTripsBetweenNonCanonicalUnitsAreExactWhereTheQuotientTerminates() {
    NormalisedValue millimetres =
        new Quantity(new BigDecimal("0.75"), UnitCode.INH).convertTo(UnitCode.MMT);
    assertThat(millimetres.value()).isEqualTo(new BigDecimal("19.05"));
    assertThat(millimetres.exact()).isTrue();

    NormalisedValue inches =
        new Quantity(millimetres.value(), UnitCode.MMT).convertTo(UnitCode.INH);
    assertThat(inches.value()).isEqualTo(new BigDecimal("0.75"));
  }

  @Test
  void keepsTheOriginalValueAsReceivedButStripsTrailingZerosFromTheConvertedValue() {
    NormalisedValue normalised = Quantity.of(new BigDecimal("1850.50"), "MTQ").toCanonical();

    assertThat(normalised.originalValue().toPlainString()).isEqualTo("1850.50");
    assertThat(normalised.value().toPlainString()).isEqualTo("1850.5");
  }

  @Test
  void largeCanonicalValuesAreWrittenWithoutExponent() {
    NormalisedValue normalised = Quantity.of(new BigDecimal("2"), "KMT").toCanonical();

    assertThat(normalised.value().scale()).isZero();
    assertThat(normalised.value().toString()).isEqualTo("2000");
  }

  @Test
  void aNonTerminatingQuotientIsRoundedOnceTo34DigitsAndFlagged() {
    NormalisedValue perSecond = Quantity.of(BigDecimal.ONE, "MQH").toCanonical();

    assertThat(perSecond.exact()).isFalse();
    assertThat(perSecond.value().precision()).isEqualTo(34);
    assertThat(perSecond.value())
        .isEqualTo(new BigDecimal("0.0002777777777777777777777777777777778"));
  }

  @Test
  void aRoundedValueConvertsBackWithinTheRoundingError() {
    NormalisedValue perSecond = Quantity.of(BigDecimal.ONE, "E32").toCanonical();
    NormalisedValue back = new Quantity(perSecond.value(), UnitCode.MQS).convertTo(UnitCode.E32);

    assertThat(back.exact()).isTrue();
    assertThat(back.value().subtract(BigDecimal.ONE).abs()).isLessThan(new BigDecimal("1E-30"));
  }

  @Test
  void convertsToAKpiUnitThatIsNotCanonical() {
    NormalisedValue rut = Quantity.of(new BigDecimal("0.0064"), "MTR").convertTo(UnitCode.MMT);
    assertThat(rut.value()).isEqualTo(new BigDecimal("6.4"));

    NormalisedValue percent = Quantity.of(new BigDecimal("0.2"), "C62").convertTo(UnitCode.P1);
    assertThat(percent.value()).isEqualTo(new BigDecimal("20"));

    NormalisedValue iri = Quantity.of(new BigDecimal("0.15"), "P1").convertTo(UnitCode.NX);
    assertThat(iri.value()).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void celsiusOffsetAppliesBetweenTemperaturePoints() {
    assertThat(Quantity.of(new BigDecimal("-273.15"), "CEL").toCanonical().value())
        .isEqualTo(BigDecimal.ZERO);
    assertThat(Quantity.of(new BigDecimal("300"), "KEL").convertTo(UnitCode.CEL).value())
        .isEqualTo(new BigDecimal("26.85"));
  }

  @Test
  void zeroConvertsToZeroWhateverItsScale() {
    assertThat(Quantity.of(new BigDecimal("0E+90"), "KMT").toCanonical().value())
        .isEqualTo(BigDecimal.ZERO);
    assertThat(Quantity.of(new BigDecimal("0E+999999999"), "MQH").toCanonical().value())
        .isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void incompatibleConversionIsRejectedNamingBothUnits() {
    Quantity length = Quantity.of(new BigDecimal("3"), "MTR");

    assertThatThrownBy(() -> length.convertTo(UnitCode.MTQ))
        .isInstanceOf(IncompatibleUnitsException.class)
        .hasMessage(
            "unitCode 'MTR' (metre, a length) cannot be converted to 'MTQ' (cubic metre, a"
                + " volume)");
  }

  @Test
  void noConversionCrossesDimensions() {
    for (UnitCode from : UnitCode.values()) {
      Arrays.stream(UnitCode.values())
          .filter(to -> to.dimension() != from.dimension())
          .forEach(
              to ->
                  assertThatThrownBy(() -> new Quantity(BigDecimal.ONE, from).convertTo(to))
                      .isInstanceOf(IncompatibleUnitsException.class));
    }
  }

  @Test
  void unknownCodeIsRejected() {
    assertThatThrownBy(() -> Quantity.of(BigDecimal.ONE, "XYZ"))
        .isInstanceOf(UnknownUnitCodeException.class)
        .hasMessage("unknown unitCode 'XYZ'");
  }

  @Test
  void absurdMagnitudesAreRejectedWithAShortReason() {
    assertThatThrownBy(() -> Quantity.of(new BigDecimal("1e400"), "MTQ"))
        .isInstanceOf(QuantityOutOfRangeException.class)
        .hasMessageStartingWith("value 1E+400 is out of range");
    assertThatThrownBy(() -> Quantity.of(new BigDecimal("1e-101"), "MTQ"))
        .isInstanceOf(QuantityOutOfRangeException.class);
    assertThatThrownBy(() -> Quantity.of(new BigDecimal("1" + "3".repeat(150)), "MTQ"))
        .isInstanceOf(QuantityOutOfRangeException.class)
        .hasMessageContaining("151 significant digits")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void valuesAtTheLimitsAreAccepted() {
    assertThat(Quantity.of(new BigDecimal("9.9e100"), "MTQ").toCanonical().value())
        .isEqualByComparingTo("9.9e100");
    assertThat(Quantity.of(new BigDecimal("1e-100"), "MMT").toCanonical().value())
        .isEqualByComparingTo("1e-103");
    assertThat(Quantity.of(new BigDecimal("1" + "0".repeat(100) + ".000"), "KMT").value())
        .isNotNull();
    assertThat(Quantity.of(new BigDecimal("1." + "3".repeat(99) + "000"), "MTQ").value())
        .as("trailing zeros are not significant digits")
        .isNotNull();
    assertThatThrownBy(() -> Quantity.of(new BigDecimal("1." + "3".repeat(100) + "0"), "MTQ"))
        .isInstanceOf(QuantityOutOfRangeException.class);
  }

  @Test
  void rejectionsAreTypedAndCarryTheirReason() {
    QuantityException e =
        assertThrows(QuantityException.class, () -> Quantity.of(BigDecimal.ONE, "FOO"));
    assertThat(e.reason()).isEqualTo(e.getMessage()).isEqualTo("unknown unitCode 'FOO'");
  }
}
