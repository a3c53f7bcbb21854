package io.github.salesforcejwt.test.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps what a newcomer meets first true: the README's Quick start (the BOM, how to get the
 * artifacts before Maven Central, code that is what {@link AccountServiceTests} runs), Java
 * snippets that show their imports, links that lead somewhere, and CI running the test
 * command the README gives.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]*)?\\)");

	@Test
	void quickStartImportsTheBomAndAddsTheStarterWithoutAVersion() throws IOException {
		String quickStart = section(read("README.md"), "## Quick start");
		assertThat(quickStart).contains("<artifactId>salesforce-jwt-bom</artifactId>")
			.contains("<scope>import</scope>")
			.contains("<artifactId>salesforce-jwt-starter</artifactId>      <!--")
			.contains("<artifactId>salesforce-jwt-test</artifactId>");
	}

	@Test
	void quickStartSaysHowToGetTheArtifactsBeforeMavenCentral() throws IOException {
		assertThat(section(read("README.md"), "## Quick start")).contains("./mvnw -B install -DskipTests");
	}

	@Test
	void quickStartCodeIsWhatTheTestsRun() throws IOException {
		List<String> snippets = javaSnippets(read("README.md"));
		for (String type : List.of("AccountService", "AccountServiceTests")) {
			String source = read("salesforce-jwt-test/src/test/java/io/github/salesforcejwt/test/quickstart/" + type
					+ ".java");
			String code = source.substring(source.indexOf("import "))
				.replaceAll("(?s)/\\*\\*.*?\\*/\\n", "");
			assertThat(snippets).as(type).contains(code);
		}
	}

	@Test
	void everyJavaSnippetShowsItsImports() throws IOException {
		for (Path page : pages()) {
			for (String snippet : javaSnippets(Files.readString(page))) {
				assertThat(snippet).as(page + ":\n" + snippet).contains("import ");
			}
		}
	}

	@Test
	void everyRelativeLinkLeadsToAFile() throws IOException {
		for (Link link : relativeLinks()) {
			if (!link.target().isEmpty()) {
				assertThat(link.file()).as(link.toString()).exists();
			}
		}
	}

	@Test
	void everyLinkToAHeadingLeadsToOne() throws IOException {
		for (Link link : relativeLinks()) {
			if (link.fragment() != null) {
				assertThat(Files.readString(link.file()).lines()
					.filter((line) -> line.startsWith("#"))
					.map(ReadmeTests::anchor)).as(link.toString()).contains(link.fragment().substring(1));
			}
		}
	}

	/**
	 * Every link of every page to a file of the repository (or to a heading of its own page),
	 * outside Java snippets.
	 */
	private static List<Link> relativeLinks() throws IOException {
		List<Link> links = new ArrayList<>();
		for (Path page : pages()) {
			String text = JAVA_BLOCK.matcher(Files.readString(page)).replaceAll("");
			Matcher link = LINK.matcher(text);
			while (link.find()) {
				if (!link.group(1).contains("://")) {
					links.add(new Link(page, link.group(1), link.group(2)));
				}
			}
		}
		return links;
	}

	private record Link(Path page, String target, @Nullable String fragment) {

		Path file() {
			return this.target.isEmpty() ? this.page : this.page.getParent().resolve(this.target);
		}

		@Override
		public String toString() {
			return this.page + " links to " + this.target + ((this.fragment != null) ? this.fragment : "");
		}

	}

	/**
	 * The anchor GitHub gives a Markdown heading.
	 */
	private static String anchor(String heading) {
		return heading.replaceFirst("^#+\\s*", "")
			.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N} _-]", "")
			.replace(' ', '-');
	}

	@Test
	void ciRunsTheTestCommandTheReadmeGives() throws IOException {
		assertThat(read("README.md")).contains("| Run all the tests.").contains("| `./mvnw -B verify` |");
		assertThat(read(".ci/run").lines()).anyMatch((line) -> line.startsWith("./mvnw -B verify"));
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		try (Stream<Path> modules = Files.list(ROOT)) {
			modules.map((module) -> module.resolve("README.md"))
				.filter(Files::isRegularFile)
				.sorted()
				.forEach(pages::add);
		}
		return pages;
	}

	private static List<String> javaSnippets(String markdown) {
		List<String> snippets = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(markdown);
		while (matcher.find()) {
			snippets.add(matcher.group(1));
		}
		return snippets;
	}

	private static String section(String markdown, String heading) {
		int start = markdown.indexOf(heading + "\n");
		assertThat(start).as(heading).isNotNegative();
		int end = markdown.indexOf("\n## ", start + heading.length());
		return (end != -1) ? markdown.substring(start, end) : markdown.substring(start);
	}

	private static String read(String path) throws IOException {
		return Files.readString(ROOT.resolve(path));
	}

}
