package io.github.salesforcejwt.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A minimal WebFlux application (one controller, Netty on a random port), started in a
 * JVM of its own by the benchmark: once with the starter on the class path and its
 * {@code salesforce.jwt.*} properties pointing at the stub, once with the starter's jars
 * left off the class path. It prints one {@code RESULT} line: the time to a started
 * context, then the used heap after a full GC once it has made a number of API calls
 * (through {@code salesforceWebClient}, or through a plain {@code WebClient} with a fixed
 * token).
 * <p>
 * Refers to no class of the starter, so that it runs without it.
 */
@SpringBootApplication
@RestController
public class StartupApp {

	@GetMapping("/hello")
	Mono<String> hello() {
		return Mono.just("hello");
	}

	/**
	 * Run the application.
	 * @param args {@code with|without}, the stub's base URL, a fixed token (used without
	 * the starter), the number of calls, then Spring Boot arguments
	 */
	public static void main(String[] args) throws Exception {
		boolean withStarter = args[0].equals("with");
		String baseUrl = args[1];
		String fixedToken = args[2];
		int calls = Integer.parseInt(args[3]);
		String[] bootArgs = java.util.Arrays.copyOfRange(args, 4, args.length);
		long t0 = System.nanoTime();
		ConfigurableApplicationContext context = SpringApplication.run(StartupApp.class, bootArgs);
		long runMillis = (System.nanoTime() - t0) / 1_000_000;
		long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpuMillis = (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() / 1_000_000 : -1;
		WebClient client;
		String uri;
		if (withStarter) {
			client = context.getBean("salesforceWebClient", WebClient.class);
			uri = "/services/data/v66.0/query?q=SELECT+Id,Name+FROM+Account+LIMIT+1";
		}
		else {
			WebClient.Builder builder = context.getBeanProvider(WebClient.Builder.class)
				.getIfAvailable(WebClient::builder);
			client = builder.clone().defaultHeaders((headers) -> headers.setBearerAuth(fixedToken)).build();
			uri = baseUrl + "/services/data/v66.0/query?q=SELECT+Id,Name+FROM+Account+LIMIT+1";
		}
		Long ok = Flux.range(0, calls)
			.concatMap((i) -> client.get().uri(uri).retrieve().bodyToMono(String.class))
			.count()
			.block(Duration.ofMinutes(2));
		long heap = usedHeapAfterGc();
		int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
		long beans = context.getBeanDefinitionCount();
		System.out.println("RESULT mode=" + args[0] + " runMillis=" + runMillis + " uptimeMillis=" + uptimeMillis + " cpuMillis=" + cpuMillis
				+ " calls=" + ok + " heapBytes=" + heap + " classes=" + classes + " beans=" + beans);
		context.close();
		System.exit(0);
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
			long now = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					now += pool.getUsage().getUsed();
				}
			}
			used = Math.min(used, now);
		}
		return used;
	}

}
