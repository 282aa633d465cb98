package io.twinledger.finance.model.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.model.formula.Expr.Arithmetic;
import io.twinledger.finance.model.formula.Expr.ArithmeticOperator;
import io.twinledger.finance.model.formula.Expr.Kpi;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaParserTest {

  @Test
  void multiplicationBindsTighterThanAdditionAndSpansCoverTheText() {
    Expr expr = FormulaParser.parse("1 + 2 * param(\"tariff\")");

    assertThat(expr).isInstanceOf(Arithmetic.class);
    Arithmetic sum = (Arithmetic) expr;
    assertThat(sum.operator()).isEqualTo(ArithmeticOperator.PLUS);
    assertThat(sum.left()).isEqualTo(new Expr.Literal(new BigDecimal("1"), 0, 1));
    assertThat(sum.right()).isInstanceOf(Arithmetic.class);
    assertThat(((Arithmetic) sum.right()).operator()).isEqualTo(ArithmeticOperator.TIMES);
    assertThat(sum.right().start()).isEqualTo(4);
    assertThat(sum.right().end()).isEqualTo(23);
  }

  @Test
  void subtractionIsLeftAssociative() {
    // (10 - 4) - 3 = 3, whereas 10 - (4 - 3) = 9
    assertThat(Expr.render(FormulaParser.parse("10 - 4 - 3"))).isEqualTo("(10 - 4) - 3");
  }

  @Test
  void bothLagSpellingsGiveTheSameNode() {
    Expr named = FormulaParser.parse("kpi(\"iri-share-above-limit\", lag=1)");
    Expr wrapped = FormulaParser.parse("lag(kpi('iri-share-above-limit'), 1)");

    assertThat(named).isEqualTo(new Kpi("iri-share-above-limit", 1, false, 0, 35));
    assertThat(((Kpi) wrapped).lag()).isEqualTo(1);
    assertThat(Expr.render(wrapped)).isEqualTo(Expr.render(named));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-kpi('a') * 2|(-kpi(\"a\")) * 2",
        "if(kpi('a') >= param('p'), 1, 0)|if(kpi(\"a\") >= param(\"p\"), 1, 0)",
        "max(0, min(1, 2, 3))|max(0, min(1, 2, 3))",
        "coalesce(kpi('a'), 0)|coalesce(kpi(\"a\"), 0)",
        "if(and(line('x') != 0, not(daysInPeriod() < 1)), 1, 2)"
            + "|if(and(line(\"x\") != 0, not(daysInPeriod() < 1)), 1, 2)",
        "abs(2.50 / daysInYear())|abs(2.50 / daysInYear())",
        "latest(kpi('a', lag=1)) * 2|latest(kpi(\"a\", lag=1)) * 2",
        "lag(latest(kpi('a')), 2)|latest(kpi(\"a\", lag=2))",
      })
  void rendersWhatItParsedAndReparsesToTheSameRendering(String formula, String rendered) {
    Expr expr = FormulaParser.parse(formula);

    assertThat(Expr.render(expr)).isEqualTo(rendered);
    assertThat(Expr.render(FormulaParser.parse(rendered))).isEqualTo(rendered);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|at character 1: the formula is empty",
        "1 +|at character 4: expected a number, '(' or a function but the formula ends",
        "(1 + 2|at character 7: expected ')' but the formula ends",
        "1 2|at character 3: unexpected '2' after a complete expression",
        "kpi(nrw)|at character 5: kpi takes a quoted name, e.g. kpi(\"name\")",
        "kpi('nrw', 1)|at character 12: kpi's second argument must be lag=<months>",
        "latest(param('p'))|at character 8: latest's argument must be kpi(\"id\"), with or without"
            + " a lag",
        "latest(latest(kpi('a')))|at character 8: latest's argument must be kpi(\"id\"), with or"
            + " without a lag",
        "kpi('nrw', lag=0)|at character 16: a lag must be 1 to 12 months, got 0",
        "lag(param('x'), 1)|at character 5: lag's first argument must be kpi(\"id\") without a"
            + " lag of its own",
        "sqrt(4)|at character 1: unknown function 'sqrt'; known: kpi, lag, latest, param, line, if,"
            + " min, max, abs, coalesce, and, or, not, daysInPeriod, daysInYear",
        "if(1 < 2, 3)|at character 1: if takes 3 arguments (condition, then, otherwise), got 2",
        "max(1)|at character 1: max takes at least 2 arguments, got 1",
        "1 < 2 < 3|at character 7: comparisons do not chain; combine them with and(...)",
        "1.2.3|at character 1: '1.2.3' is not a number",
        "param('x|at character 7: the quoted name is not closed",
        "2 # 3|at character 3: unexpected '#' after a complete expression",
        "tariff * 2|at character 1: 'tariff' must be called as a function, e.g. tariff(...)",
      })
  void syntaxErrorsNameTheCharacter(String formula, String message) {
    assertThatThrownBy(() -> FormulaParser.parse(formula))
        .isInstanceOf(FormulaSyntaxException.class)
        .hasMessage(message);
  }
}
