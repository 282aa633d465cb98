package io.twinledger.reporting.render;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The one chart a report's PDF carries: a bar per figure of the largest group of numeric figures
 * that share a formula and a unit, such as the monthly values of a KPI ({@code kpi-period}, {@code
 * P1}) or a bond's payments ({@code bond-payment}, {@code USD}), in the report's order and named by
 * figure id. Groups of equal size go by the report's order. A report with no group of two or more
 * has no chart.
 *
 * <p>The bars are drawn from the values as stated; the chart adds no totals, and its axis ticks are
 * the only numbers it writes. It is drawn into an image in memory, which needs no display.
 *
 * @param formula the figures' formula
 * @param unit their unit
 * @param figures the figures, two or more
 */
record FigureChart(String formula, String unit, List<Figure> figures) {

  FigureChart {
    figures = List.copyOf(figures);
  }

  static Optional<FigureChart> of(Report report) {
    Map<List<String>, List<Figure>> groups = new LinkedHashMap<>();
    for (Figure figure : report.figures()) {
      if (PlainDecimal.is(figure.value())) {
        groups
            .computeIfAbsent(
                // A formula's quantities (a MaxPP, a deduction) are charted apart.
                List.of(
                    figure.formula(),
                    figure.unit(),
                    figure.parameters().getOrDefault("quantity", "")),
                k -> new ArrayList<>())
            .add(figure);
      }
    }
    Optional<FigureChart> chart = Optional.empty();
    for (Map.Entry<List<String>, List<Figure>> group : groups.entrySet()) {
      int size = group.getValue().size();
      if (size >= 2 && chart.map(c -> c.figures().size() < size).orElse(true)) {
        chart =
            Optional.of(
                new FigureChart(group.getKey().get(0), group.getKey().get(1), group.getValue()));
      }
    }
    return chart;
  }

  /**
   * The chart as an image of {@code scale} times {@code width} by {@code height} pixels, laid out
   * as if it were {@code width} by {@code height}: drawn at {@code width} by {@code height} points
   * in the PDF, it is sharp at {@code scale} × 72 dpi.
   */
  BufferedImage image(int width, int height, int scale) {
    // The ids share a prefix, such as kpi.nrw-percent.; the axis names it once and each bar its
    // rest.
    String prefix = commonPrefix();
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Figure figure : figures) {
      dataset.addValue(
          new BigDecimal(figure.value()), unit, figure.id().substring(prefix.length()));
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            null, prefix.isEmpty() ? "figure" : prefix + "*", unit, dataset);
    chart.removeLegend();
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x2F, 0x5D, 0x8A));
    return chart.createBufferedImage(width * scale, height * scale, width, height, null);
  }

  /** The chart's title: its formula and, if it has one, its unit. */
  String title() {
    return formula + (unit.isEmpty() ? "" : " (" + unit + ")");
  }

  /** The figures' ids' longest common prefix that ends in a {@code .}, or empty. */
  private String commonPrefix() {
    String first = figures.getFirst().id();
    int common = first.length();
    for (Figure figure : figures) {
      int i = 0;
      while (i < common && i < figure.id().length() && figure.id().charAt(i) == first.charAt(i)) {
        i++;
      }
      common = i;
    }
    return first.substring(0, first.lastIndexOf('.', common - 1) + 1);
  }
}
