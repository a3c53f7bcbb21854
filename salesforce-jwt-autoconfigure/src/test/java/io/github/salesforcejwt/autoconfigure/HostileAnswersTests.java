package io.github.salesforcejwt.autoconfigure;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The {@code salesforceWebClient} against answers an attacker or a hostile network could
 * give: error bodies that quote the session-ended markers, huge error bodies, and request
 * bodies that cannot be sent twice.
 */
@SpringBootTest(properties = { "salesforce.jwt.consumer-key=3MVG9test.consumer.key",
		"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.private-key=" + TestKeys.PKCS8 })
@EnableWireMock({ @ConfigureWireMock(name = "login", baseUrlProperties = "salesforce.jwt.login-url"),
		@ConfigureWireMock(name = "instance") })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(OutputCaptureExtension.class)
class HostileAnswersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final String QUERY_PATH = "/services/data/v66.0/query";

	private static final int CHUNK = 64 * 1024;

	private static final int HUGE_BODY_CHUNKS = 800;

	private static final long HUGE_BODY_SIZE = (long) CHUNK * HUGE_BODY_CHUNKS;

	private static DisposableServer hostile;

	@InjectWireMock("login")
	WireMockServer login;

	@InjectWireMock("instance")
	WireMockServer instance;

	@Autowired
	@Qualifier("salesforceWebClient")
	WebClient webClient;

	@BeforeAll
	static void startHostileInstance() {
		// 50 MB error bodies that begin exactly like an ended-session answer, with and without
		// a Content-Length
		byte[] chunk = new byte[CHUNK];
		Arrays.fill(chunk, (byte) 'x');
		byte[] start = "[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"".getBytes(StandardCharsets.US_ASCII);
		byte[] firstChunk = chunk.clone();
		System.arraycopy(start, 0, firstChunk, 0, start.length);
		// Shared, never released: the server side allocates no memory of its own per body
		ByteBuf first = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK).writeBytes(firstChunk));
		ByteBuf rest = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK).writeBytes(chunk));
		hostile = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> routes.get("/huge/{status}/{framing}",
				(request, response) -> {
					boolean chunked = "chunked".equals(request.param("framing"));
					response.status(HttpResponseStatus.valueOf(Integer.parseInt(request.param("status"))))
						.header("Content-Type", "application/json;charset=UTF-8");
					if (!chunked) {
						response.header("Content-Length", Long.toString(HUGE_BODY_SIZE));
					}
					return response.chunkedTransfer(chunked)
						.send(Flux.range(0, HUGE_BODY_CHUNKS)
							.map((i) -> ((i == 0) ? first : rest).duplicate()));
				}))
			.bindNow();
	}

	@AfterAll
	static void stopHostileInstance() {
		hostile.disposeNow();
	}

	@Test
	void twentyQueriesWhose400QuotesTheMarkersCostNoLogin() {
		SalesforceStubs.stubToken(this.login, "00D!first", this.instance.baseUrl());
		String quoted = "[{\"message\":\"\\nSELECT Id FROM Account WHERE Name = '>InvalidSessionId<' "
				+ "AND Description = '\\\"InvalidSessionId\\\" INVALID_SESSION_ID'\\n"
				+ "                                 ^\\nERROR at Row:1:Column:34\\nunexpected token\","
				+ "\"errorCode\":\"MALFORMED_QUERY\"}]";
		this.instance.stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(SalesforceStubs.json(400, quoted)));
		for (int i = 0; i < 20; i++) {
			assertThat(this.webClient.get()
				.uri(QUERY_PATH + "?q={q}", "SELECT Id FROM Account WHERE Name = '>InvalidSessionId<'")
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.map((body) -> response.statusCode().value() + " " + body))
				.block(TIMEOUT)).isEqualTo("400 " + quoted);
		}
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
	}

	@Test
	void stillRenewsForTheBulkApisAnswersInJsonAndInNamespacedXml() {
		stubLogins("00D!first", "00D!second", "00D!third");
		String xmlJob = "/services/async/66.0/job/750000000000001AAA";
		this.instance.stubFor(get(urlPathEqualTo(xmlJob)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/xml")
				.withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
						+ "<error xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">"
						+ "<exceptionCode>InvalidSessionId</exceptionCode>"
						+ "<exceptionMessage>Invalid session id</exceptionMessage></error>")));
		this.instance.stubFor(get(urlPathEqualTo(xmlJob)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody("<job/>")));
		assertThat(this.webClient.get().uri(xmlJob).retrieve().bodyToMono(String.class).block(TIMEOUT))
			.isEqualTo("<job/>");
		String jsonJob = "/services/async/66.0/job/750000000000002AAA";
		this.instance.stubFor(get(urlPathEqualTo(jsonJob)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(SalesforceStubs.json(400,
					"{\"exceptionCode\":\"InvalidSessionId\",\"exceptionMessage\":\"Invalid session id\"}")));
		this.instance.stubFor(get(urlPathEqualTo(jsonJob)).withHeader("Authorization", equalTo("Bearer 00D!third"))
			.willReturn(SalesforceStubs.json(200, "{\"id\":\"750000000000002AAA\"}")));
		assertThat(this.webClient.get().uri(jsonJob).retrieve().bodyToMono(String.class).block(TIMEOUT))
			.isEqualTo("{\"id\":\"750000000000002AAA\"}");
		assertThat(SalesforceStubs.tokenRequests(this.login)).isEqualTo(3);
	}

	@Test
	void handsOnHuge401And400BodiesAsTheyStreamWithoutHoldingThem(CapturedOutput output) {
		SalesforceStubs.stubToken(this.login, "00D!first", "http://127.0.0.1:" + hostile.port());
		List<String> paths = Flux.range(0, 16)
			.map((i) -> "/huge/" + ((i % 2 == 0) ? 401 : 400) + "/" + ((i % 4 < 2) ? "chunked" : "length"))
			.collectList()
			.block();
		AtomicLong peakDirect = new AtomicLong();
		AtomicBoolean sampling = new AtomicBoolean(true);
		long baseline = directMemoryUsed();
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peakDirect.accumulateAndGet(directMemoryUsed(), Math::max);
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		List<String> answers;
		try {
			answers = Flux.fromIterable(paths).flatMap(this::statusAndSize, 16).collectList().block(TIMEOUT);
		}
		finally {
			sampling.set(false);
		}
		assertThat(answers).hasSize(16)
			.allSatisfy((answer) -> assertThat(answer).matches("40[01] " + HUGE_BODY_SIZE))
			.filteredOn((answer) -> answer.startsWith("401"))
			.hasSize(8);
		assertThat(SalesforceStubs.tokenRequests(this.login)).isOne();
		// Reading each whole body first would hold 16 x 50 MB
		assertThat(peakDirect.get() - baseline).as("peak direct memory in use").isLessThan(64L * 1024 * 1024);
		// The body handed on is the response's only reader: the one already peeked at is never
		// subscribed to (nor released) a second time, which Reactor Netty rejects with an ERROR
		assertThat(output.getAll()).doesNotContain("Rejecting additional inbound receiver")
			.doesNotContain("onErrorDropped");
	}

	@Test
	void saysWhyARequestWhoseBodyCanBeReadOnlyOnceCannotBeReplayedAfterARenewal() {
		stubLogins("00D!first", "00D!second", "00D!third");
		String create = "/services/data/v66.0/sobjects/Account";
		this.instance.stubFor(post(urlPathEqualTo(create)).withHeader("Authorization", equalTo("Bearer 00D!first"))
			.willReturn(SalesforceStubs.json(401, SalesforceStubs.SESSION_ENDED)));
		this.instance.stubFor(post(urlPathEqualTo(create)).withHeader("Authorization", equalTo("Bearer 00D!second"))
			.willReturn(SalesforceStubs.json(201, "{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[]}")));
		Sinks.Many<DataBuffer> oneShot = Sinks.many().unicast().onBackpressureBuffer();
		oneShot.tryEmitNext(DefaultDataBufferFactory.sharedInstance
			.wrap("{\"Name\":\"Acme\"}".getBytes(StandardCharsets.UTF_8)));
		oneShot.tryEmitComplete();
		assertThatException().isThrownBy(() -> this.webClient.post()
			.uri(create)
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(oneShot.asFlux()))
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex).rootCause().isInstanceOf(IllegalStateException.class))
			.havingCause()
			.withMessageContaining("could not be sent a second time: its body can be read only once")
			.withMessageContaining("POST /services/data/v66.0/sobjects/Account")
			.withMessageContaining("Flux.defer");
		assertThat(this.instance.findAll(postRequestedFor(urlPathEqualTo(create)))).hasSize(1);
	}

	private Mono<String> statusAndSize(String path) {
		return this.webClient.get()
			.uri(path)
			.exchangeToMono((response) -> response.bodyToFlux(DataBuffer.class).map((buffer) -> {
				long size = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return size;
			}).reduce(0L, Long::sum).map((size) -> response.statusCode().value() + " " + size));
	}

	private static long directMemoryUsed() {
		long used = 0;
		if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
			used += provider.metric().usedDirectMemory();
		}
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				used += pool.getMemoryUsed();
			}
		}
		return used;
	}

	private void stubLogins(String... tokens) {
		for (int i = 0; i < tokens.length; i++) {
			this.login.stubFor(post(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("logins")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "login" + i)
				.willReturn(SalesforceStubs.token(tokens[i], this.instance.baseUrl()))
				.willSetStateTo("login" + (i + 1)));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
