package io.github.salesforcejwt.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark's threads during each iteration divided by its operations
 * ({@code cpu.time.norm}, ns/op; the JIT compiler and the garbage collector are not
 * counted: the allocations are {@code -prof gc}'s {@code gc.alloc.rate.norm}). Unlike the
 * wall-clock score it does not grow when other processes take the machine's cores, which
 * on a shared machine is most of the time. Use with
 * {@code -prof io.github.salesforcejwt.benchmarks.jmh.CpuTimeProfiler}.
 */
public class CpuTimeProfiler implements InternalProfiler {

	private long start;

	@Override
	public String getDescription() {
		return "process CPU time per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.start = workerCpuNanos();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long cpu = workerCpuNanos() - this.start;
		long ops = result.getMetadata().getMeasuredOps();
		return List.of(new ScalarResult("cpu.time.norm", (ops > 0) ? (double) cpu / ops : Double.NaN, "ns/op",
				AggregationPolicy.AVG));
	}

	/**
	 * CPU time of JMH's worker threads so far (they live for the whole fork).
	 */
	private static long workerCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().contains("-jmh-worker-")) {
				sum += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return sum;
	}

}
