package io.github.salesforcejwt.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: a fixed number of callers, each sending its next call as soon as the
 * previous one answered, for a fixed time; latencies go into a log-linear histogram
 * (about 1.5% resolution).
 */
final class Load {

	private Load() {
	}

	/**
	 * Result of one measurement window.
	 */
	record Result(String client, int concurrency, long calls, long errors, double seconds, long p50Micros,
			long p99Micros, long cpuNanos, @Nullable String firstError) {

		double throughput() {
			return this.calls / this.seconds;
		}

		/**
		 * CPU time of the whole JVM (client and stub) per call: less disturbed than the
		 * throughput by other processes on a shared machine.
		 */
		double cpuMicrosPerCall() {
			return (this.calls == 0) ? Double.NaN : this.cpuNanos / 1000.0 / this.calls;
		}

	}

	static Result run(String client, Supplier<Mono<?>> call, int concurrency, Duration window) {
		Accumulator accumulator = new Accumulator();
		run(accumulator, call, concurrency, window);
		return accumulator.result(client, concurrency);
	}

	/**
	 * Run one window, adding its figures to the accumulator (several short windows of two
	 * clients can so be interleaved and summed).
	 */
	static void run(Accumulator into, Supplier<Mono<?>> call, int concurrency, Duration window) {
		long cpu = processCpuNanos();
		long start = System.nanoTime();
		long deadline = start + window.toNanos();
		Mono<Void> one = Mono.defer(() -> {
			long t0 = System.nanoTime();
			return call.get().then(Mono.fromRunnable(() -> into.histogram.record((System.nanoTime() - t0) / 1000)))
				.onErrorResume((ex) -> {
					into.errors.incrementAndGet();
					into.firstError.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
					return Mono.empty();
				})
				.then();
		});
		Flux.range(0, concurrency)
			.flatMap((caller) -> one.repeat(() -> System.nanoTime() < deadline), concurrency)
			.then()
			.block(window.plusMinutes(2));
		into.nanos.addAndGet(System.nanoTime() - start);
		into.cpuNanos.addAndGet(processCpuNanos() - cpu);
	}

	/**
	 * Run one window of blocking calls: each of {@code concurrency} tasks on the given pool
	 * of platform threads (at least that many) sends its next call as soon as the previous
	 * one returned, adding its figures to the accumulator.
	 */
	static void runBlocking(Accumulator into, Runnable call, int concurrency, Duration window,
			java.util.concurrent.ExecutorService pool) {
		long cpu = processCpuNanos();
		long start = System.nanoTime();
		long deadline = start + window.toNanos();
		java.util.List<java.util.concurrent.Future<?>> callers = new java.util.ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			callers.add(pool.submit(() -> {
				while (System.nanoTime() < deadline) {
					long t0 = System.nanoTime();
					try {
						call.run();
						into.histogram.record((System.nanoTime() - t0) / 1000);
					}
					catch (RuntimeException ex) {
						into.errors.incrementAndGet();
						into.firstError.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
				}
			}));
		}
		for (java.util.concurrent.Future<?> caller : callers) {
			try {
				caller.get(window.toMillis() + 120_000, java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		into.nanos.addAndGet(System.nanoTime() - start);
		into.cpuNanos.addAndGet(processCpuNanos() - cpu);
	}

	/**
	 * Sums of one or more windows.
	 */
	static final class Accumulator {

		final Histogram histogram = new Histogram();

		final AtomicLong errors = new AtomicLong();

		final AtomicLong nanos = new AtomicLong();

		final AtomicLong cpuNanos = new AtomicLong();

		final AtomicReference<String> firstError = new AtomicReference<>();

		Result result(String client, int concurrency) {
			return new Result(client, concurrency, this.histogram.count(), this.errors.get(), this.nanos.get() / 1e9,
					this.histogram.percentile(50), this.histogram.percentile(99), this.cpuNanos.get(),
					this.firstError.get());
		}

	}

	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	/**
	 * Send {@code calls} calls at once and wait for all of them; return how many failed.
	 */
	static long burst(Supplier<Mono<?>> call, int calls) {
		AtomicLong errors = new AtomicLong();
		Flux.range(0, calls)
			.flatMap((i) -> Mono.defer(call::get).then().onErrorResume((ex) -> {
				errors.incrementAndGet();
				return Mono.empty();
			}), calls)
			.then()
			.block(Duration.ofMinutes(2));
		return errors.get();
	}

	/**
	 * Log-linear histogram of microseconds: exact below 128, then 64 sub-buckets per
	 * power of two.
	 */
	static final class Histogram {

		private static final int SUB = 64;

		private final AtomicLongArray buckets = new AtomicLongArray(128 + SUB * 40);

		private final AtomicLong count = new AtomicLong();

		void record(long micros) {
			this.buckets.incrementAndGet(index(Math.max(0, micros)));
			this.count.incrementAndGet();
		}

		long count() {
			return this.count.get();
		}

		long percentile(double percent) {
			long total = this.count.get();
			if (total == 0) {
				return 0;
			}
			long rank = (long) Math.ceil(total * percent / 100.0);
			long seen = 0;
			for (int i = 0; i < this.buckets.length(); i++) {
				seen += this.buckets.get(i);
				if (seen >= rank) {
					return value(i);
				}
			}
			return value(this.buckets.length() - 1);
		}

		private static int index(long v) {
			if (v < 128) {
				return (int) v;
			}
			int magnitude = 63 - Long.numberOfLeadingZeros(v); // >= 7
			int sub = (int) ((v >>> (magnitude - 6)) & (SUB - 1));
			int index = 128 + (magnitude - 7) * SUB + sub;
			return Math.min(index, 128 + SUB * 40 - 1);
		}

		private static long value(int index) {
			if (index < 128) {
				return index;
			}
			int magnitude = (index - 128) / SUB + 7;
			int sub = (index - 128) % SUB;
			return ((long) (SUB + sub)) << (magnitude - 6);
		}

	}

}
