package io.github.salesforcejwt.benchmarks.jmh;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.salesforcejwt.SalesforceApiUsage;
import io.github.salesforcejwt.SalesforceInstanceHosts;
import io.github.salesforcejwt.SalesforceInstanceUriBuilderFactory;
import io.github.salesforcejwt.SalesforceJwtExchangeFilterFunction;
import io.github.salesforcejwt.SalesforceToken;
import io.github.salesforcejwt.SalesforceTokenManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client side of one call with no network: every client's {@code ExchangeFunction}
 * answers at once with the same small JSON body, so what is measured is what each client
 * does per request (URI expansion, request building, filters, reading the answer), without
 * the stub, the sockets and the noise of the load runs.
 * <ul>
 * <li>{@code plain}: a base URL and a fixed bearer token as a default header.</li>
 * <li>{@code headerFilter}: a base URL and the least a filter that adds the token can do
 * ({@code ClientRequest.from(request)} plus the header): the cost of "a filter" as such.</li>
 * <li>{@code salesforceRelative} / {@code salesforceAbsolute}: a session's client as
 * {@code DefaultSalesforceSessionFactory} builds it
 * ({@link SalesforceInstanceUriBuilderFactory} and {@link SalesforceJwtExchangeFilterFunction}
 * with the default {@link SalesforceInstanceHosts}), with a token already obtained.</li>
 * </ul>
 * The instance URL is a parameter: a Salesforce host over https, as in production, and a
 * loopback address over http, as the load runs' stub. On a shared machine read the
 * allocation ({@code gc.alloc.rate.norm}) and the CPU time ({@code cpu.time.norm}, from
 * {@link CpuTimeProfiler}) per operation rather than the wall-clock score.
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.openjdk.jmh.Main RequestPathBenchmark \
 *     -prof gc -prof io.github.salesforcejwt.benchmarks.jmh.CpuTimeProfiler
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RequestPathBenchmark {

	static final String QUERY = "/services/data/v66.0/query?q=SELECT+Id,Name+FROM+Account+LIMIT+1";

	private static final String BODY = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":"
			+ "{\"type\":\"Account\",\"url\":\"/services/data/v66.0/sobjects/Account/001410000012VvKAAU\"},"
			+ "\"Id\":\"001410000012VvKAAU\",\"Name\":\"Acme\"}]}";

	private static final String ACCESS_TOKEN = "00D410000012VvK!AQ4AQFpGz1b2Gx7kR3nbL5mq9p2sVtW8yZcXeH0jKdLfMnOpRs"
			+ "TuVwXyZaBcDeFgHiJkLmNoPqRsTuVwXyZ.1234567890abcdef";

	@Param({ "https://acme.my.salesforce.com", "http://127.0.0.1:8080" })
	public String instanceUrl;

	private WebClient plain;

	private WebClient headerFilter;

	private WebClient salesforce;

	private String absolute;

	@Setup
	public void setUp() {
		ExchangeStrategies strategies = ExchangeStrategies.withDefaults();
		AtomicReference<ClientRequest> last = new AtomicReference<>();
		ExchangeFunction answer = (request) -> {
			last.set(request);
			return Mono.just(ClientResponse.create(HttpStatus.OK, strategies)
				.header(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
				.body(BODY)
				.build());
		};
		this.absolute = this.instanceUrl + QUERY;
		this.plain = WebClient.builder()
			.exchangeFunction(answer)
			.baseUrl(this.instanceUrl)
			.defaultHeaders((headers) -> headers.setBearerAuth(ACCESS_TOKEN))
			.build();
		this.headerFilter = WebClient.builder()
			.exchangeFunction(answer)
			.baseUrl(this.instanceUrl)
			.filter((request, next) -> next
				.exchange(ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(ACCESS_TOKEN)).build()))
			.build();
		SalesforceToken token = new SalesforceToken(ACCESS_TOKEN, URI.create(this.instanceUrl),
				URI.create("https://login.salesforce.com/id/00D410000012VvKEAU/005410000058zUdAAI"), "api", "Bearer",
				Instant.now());
		SalesforceTokenManager tokenManager = new SalesforceTokenManager(() -> Mono.just(token));
		tokenManager.getToken().block();
		this.salesforce = WebClient.builder()
			.exchangeFunction(answer)
			.uriBuilderFactory(new SalesforceInstanceUriBuilderFactory(tokenManager))
			.filter(new SalesforceJwtExchangeFilterFunction(tokenManager, new SalesforceApiUsage(),
					SalesforceInstanceHosts.salesforceOnly()))
			.build();
		// Each client must send the same request, or the comparison means nothing
		for (Runnable call : new Runnable[] { this::plain, this::headerFilter, this::salesforceRelative,
				this::salesforceAbsolute }) {
			last.set(null);
			call.run();
			ClientRequest sent = last.get();
			if (sent == null || !sent.url().toString().equals(this.absolute)
					|| !("Bearer " + ACCESS_TOKEN).equals(sent.headers().getFirst(HttpHeaders.AUTHORIZATION))) {
				throw new IllegalStateException("Unexpected request " + ((sent != null) ? sent.url() : null));
			}
		}
	}

	@Benchmark
	public String plain() {
		return this.plain.get().uri(QUERY).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public String headerFilter() {
		return this.headerFilter.get().uri(QUERY).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public String salesforceRelative() {
		return this.salesforce.get().uri(QUERY).retrieve().bodyToMono(String.class).block();
	}

	@Benchmark
	public String salesforceAbsolute() {
		return this.salesforce.get().uri(this.absolute).retrieve().bodyToMono(String.class).block();
	}

}
