package io.squall.bench.load.report;

import io.squall.bench.load.report.LoadResults.Cell;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The chart of one run: three panels sharing the scenario axis, one bar per server — rate (req/s,
 * messages/s for websocket-echo), p50 and p99 latency, each on a log scale since the servers span
 * two orders of magnitude.
 */
final class LoadChart {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
  };

  private LoadChart() {}

  static void write(LoadResults r, Path png) throws IOException {
    DefaultCategoryDataset rate = new DefaultCategoryDataset();
    DefaultCategoryDataset p50 = new DefaultCategoryDataset();
    DefaultCategoryDataset p99 = new DefaultCategoryDataset();
    for (Map.Entry<String, Map<String, Cell>> e : r.best().entrySet()) {
      if (e.getKey().equals(LoadReport.SLOW_SLOW)) {
        continue; // its 100 ms latency would only stretch the axes
      }
      for (Cell c : e.getValue().values()) {
        if (c.rps() > 0) {
          rate.addValue(c.rps(), c.server(), e.getKey());
        }
        if (c.p50() > 0) {
          p50.addValue(c.p50(), c.server(), e.getKey());
        }
        if (c.p99() > 0) {
          p99.addValue(c.p99(), c.server(), e.getKey());
        }
      }
    }
    CategoryAxis scenarios = new CategoryAxis("scenario");
    scenarios.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(scenarios);
    CategoryPlot first = panel(rate, "req/s or messages/s (log)");
    plot.add(first, 2);
    plot.add(panel(p50, "p50 ms (log)"), 1);
    plot.add(panel(p99, "p99 ms (log)"), 1);
    plot.setFixedLegendItems(first.getLegendItems()); // one legend, not one per panel
    JFreeChart chart =
        new JFreeChart(
            "Squall load harness: best round per server",
            new Font("SansSerif", Font.BOLD, 16),
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1400, 1100);
  }

  private static CategoryPlot panel(DefaultCategoryDataset data, String label) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int r = 0; r < data.getRowCount(); r++) {
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number v = data.getValue(r, c);
        if (v != null && v.doubleValue() > 0) {
          min = Math.min(min, v.doubleValue());
          max = Math.max(max, v.doubleValue());
        }
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    // whole decades, the bars standing on the lower one
    double base = Math.pow(10, Math.floor(Math.log10(min)));
    double top = max * 1.6;
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(base);
    axis.setRange(base, top);
    axis.setTickUnit(new NumberTickUnit(1.0), false, true); // one tick per decade
    axis.setNumberFormatOverride(
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    axis.setMinorTickCount(9);
    axis.setMinorTickMarksVisible(true);
    BarRenderer bars = new BarRenderer();
    bars.setBase(base);
    bars.setIncludeBaseInRange(false);
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.02);
    for (int i = 0; i < COLORS.length; i++) {
      bars.setSeriesPaint(i, COLORS[i]);
    }
    CategoryPlot p = new CategoryPlot(data, null, axis, bars);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return p;
  }
}
