package io.github.salesforcejwt.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Median and spread of a few runs.
 */
record Stats(double median, double min, double max, int runs) {

	static Stats of(List<? extends Number> values) {
		double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
		}
		int n = sorted.length;
		double median = (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		return new Stats(median, sorted[0], sorted[n - 1], n);
	}

	static Stats of(double... values) {
		return of(Arrays.stream(values).boxed().toList());
	}

	/**
	 * Format as {@code median (min–max)}.
	 */
	String format(String pattern) {
		return String.format(Locale.ROOT, pattern, this.median) + " ("
				+ String.format(Locale.ROOT, pattern, this.min) + "–" + String.format(Locale.ROOT, pattern, this.max)
				+ ")";
	}

	/**
	 * Spread as a percentage of the median: (max - min) / median.
	 */
	double spreadPercent() {
		return (this.median == 0) ? 0 : 100 * (this.max - this.min) / this.median;
	}

}
