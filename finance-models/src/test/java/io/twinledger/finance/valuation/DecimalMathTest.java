package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class DecimalMathTest {

  private static final MathContext MC = MathContext.DECIMAL128;

  @Test
  void knownConstantsToThirtyFourDigits() {
    assertThat(DecimalMath.ln(BigDecimal.valueOf(2), MC))
        .isEqualByComparingTo("0.6931471805599453094172321214581766");
    assertThat(DecimalMath.exp(BigDecimal.ONE, MC))
        .isEqualByComparingTo("2.718281828459045235360287471352662");
    assertThat(DecimalMath.ln(new BigDecimal("0.5"), MC))
        .isEqualByComparingTo("-0.6931471805599453094172321214581766");
  }

  @Test
  void powersMatchExactResultsWhereThereAreSome() {
    // 1.21^0.5 = 1.1 exactly; 2^10 = 1024; 1.1^-2 = 1/1.21
    assertThat(DecimalMath.pow(new BigDecimal("1.21"), new BigDecimal("0.5"), MC))
        .isEqualByComparingTo("1.1");
    assertThat(DecimalMath.pow(BigDecimal.valueOf(2), BigDecimal.TEN, MC))
        .isEqualByComparingTo("1024");
    assertThat(DecimalMath.pow(new BigDecimal("1.1"), BigDecimal.valueOf(-2), MC))
        .isEqualByComparingTo(BigDecimal.ONE.divide(new BigDecimal("1.21"), MC));
    // exp(ln x) round trip on a large argument (e^50 needs the squaring guard digits)
    BigDecimal x = new BigDecimal("5184705528587072464087.453322933485");
    assertThat(DecimalMath.exp(DecimalMath.ln(x, MC), MC).subtract(x).abs())
        .isLessThan(new BigDecimal("1e-10"));
  }

  @Test
  void undefinedArgumentsAreRejected() {
    assertThatThrownBy(() -> DecimalMath.ln(BigDecimal.ZERO, MC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> DecimalMath.pow(new BigDecimal("-2"), new BigDecimal("0.5"), MC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the base must be positive");
  }
}
