package io.github.salesforcejwt.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server for a test class: Debian's {@code redis-server} binary (which
 * {@code .ci/run} installs when it is missing), started on a free loopback port without
 * persistence ({@code --save '' --appendonly no}) before the class's tests and stopped
 * after them. Register it as a static field with {@code @RegisterExtension}.
 * <p>
 * Without the binary the tests are skipped with a message that says how to install it;
 * under CI ({@code CI} set) they fail instead, so that a missing install never passes
 * silently.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private static final long START_TIMEOUT_MILLIS = 20_000;

	private @Nullable Process process;

	private int port;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.port = freePort();
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Return the port the server listens on, on 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Start the server (again) on its port, and wait until it answers {@code PING}.
	 */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		String binary = binary();
		List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + binary, ex);
		}
		long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
		while (!answersPing()) {
			if (!this.process.isAlive() || System.currentTimeMillis() > deadline) {
				stop();
				throw new IllegalStateException("redis-server did not start on port " + this.port);
			}
			sleep(20);
		}
	}

	/**
	 * Stop the server, as a crash would: every connection drops at once.
	 */
	public synchronized void stop() {
		Process process = this.process;
		this.process = null;
		if (process == null) {
			return;
		}
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.read(answer);
			return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String binary() {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/opt/homebrew/bin"));
		for (String directory : directories) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		String message = "redis-server is not installed (looked on the PATH and in /usr/bin, /usr/sbin, "
				+ "/usr/local/bin): install it with 'apt-get install redis-server' (Debian, Ubuntu) or "
				+ "'brew install redis'; .ci/run installs it";
		if (System.getenv("CI") != null) {
			throw new IllegalStateException(message);
		}
		Assumptions.abort(message);
		throw new IllegalStateException(message);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
