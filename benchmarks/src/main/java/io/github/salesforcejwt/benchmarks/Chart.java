package io.github.salesforcejwt.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Throughput versus concurrency, one line per client (medians), with JFreeChart.
 */
final class Chart {

	private static final List<Color> COLORS = List.of(new Color(0x33, 0x33, 0x33), new Color(0x1f, 0x77, 0xb4),
			new Color(0xd6, 0x27, 0x28), new Color(0xff, 0x7f, 0x0e));

	private Chart() {
	}

	static void write(Map<String, Map<Integer, Stats>> throughput, Path file, Duration tokenDelay) throws IOException {
		XYSeriesCollection dataset = new XYSeriesCollection();
		for (Map.Entry<String, Map<Integer, Stats>> client : throughput.entrySet()) {
			String name = client.getKey().equals(Benchmarks.SPRING_SECURITY)
					? Benchmarks.SPRING_SECURITY + ", token delay " + tokenDelay.toMillis() + " ms" : client.getKey();
			XYSeries series = new XYSeries(name);
			client.getValue().forEach((concurrency, stats) -> series.add(concurrency.doubleValue(), stats.median()));
			dataset.addSeries(series);
		}
		LogAxis x = new LogAxis("concurrent callers");
		x.setBase(2);
		x.setTickUnit(new NumberTickUnit(2));
		x.setSmallestValue(1);
		x.setNumberFormatOverride(new DecimalFormat("0"));
		LogAxis y = new LogAxis("calls per second (median of the runs, log scale)");
		y.setBase(10);
		y.setTickUnit(new NumberTickUnit(1));
		y.setSmallestValue(1);
		y.setNumberFormatOverride(new DecimalFormat("#,##0"));
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
		for (int i = 0; i < dataset.getSeriesCount(); i++) {
			renderer.setSeriesPaint(i, COLORS.get(i % COLORS.size()));
			renderer.setSeriesStroke(i, new BasicStroke(2f));
		}
		XYPlot plot = new XYPlot(dataset, x, y, renderer);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		JFreeChart chart = new JFreeChart("Throughput vs concurrency against a local Salesforce stub",
				new Font("SansSerif", Font.BOLD, 15), plot, true);
		chart.addSubtitle(new TextTitle(Runtime.getRuntime().availableProcessors() + " CPUs, "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ "; same stub, same connection limits; see RESULTS.md"));
		chart.setBackgroundPaint(Color.WHITE);
		ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 560);
	}

}
