import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what a release would publish, after {@code ./mvnw -B -Prelease -DskipTests verify}:
 * each published module's effective POM (target/effective-pom.xml, written by the release
 * profile) has what Maven Central requires (name, description, url, a license, a developer,
 * scm), each published jar has its -sources, -javadoc and CycloneDX SBOM beside it, and the
 * BOM lists every published jar at the project's version. A module is published unless its
 * effective maven.deploy.skip is true.
 * <p>
 * Run from the project root with the JDK alone: {@code java .ci/CheckCentralPoms.java}.
 */
public class CheckCentralPoms {

	private static final String BOM = "salesforce-jwt-bom";

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args.length > 0 ? args[0] : ".");
		List<Path> modules = new ArrayList<>();
		modules.add(root);
		for (Element module : children(child(parse(root.resolve("pom.xml")), "modules"), "module")) {
			modules.add(root.resolve(module.getTextContent().trim()));
		}
		List<String> problems = new ArrayList<>();
		Map<String, String> publishedJars = new LinkedHashMap<>();
		Element bom = null;
		String version = null;
		int published = 0;
		for (Path module : modules) {
			Path effective = module.resolve("target/effective-pom.xml");
			if (!Files.isRegularFile(effective)) {
				problems.add(module + ": no target/effective-pom.xml (run ./mvnw -B -Prelease -DskipTests verify)");
				continue;
			}
			Element pom = effectivePom(effective, text(parse(module.resolve("pom.xml")), "artifactId"));
			String artifactId = text(pom, "artifactId");
			String packaging = (child(pom, "packaging") != null) ? text(pom, "packaging") : "jar";
			if (module.equals(root)) {
				version = text(pom, "version");
			}
			if ("true".equals(property(pom, "maven.deploy.skip"))) {
				System.out.println("not published: " + artifactId);
				continue;
			}
			published++;
			List<String> missing = missingMetadata(pom);
			if (!missing.isEmpty()) {
				problems.add(artifactId + ": POM lacks " + String.join(", ", missing));
			}
			if (packaging.equals("jar")) {
				publishedJars.put(text(pom, "groupId") + ":" + artifactId, text(pom, "version"));
				String base = artifactId + "-" + text(pom, "version");
				// The SBOM is target/bom.json, attached as <artifactId>-<version>-cyclonedx.json
				for (String file : List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar", "bom.json")) {
					Path path = module.resolve("target").resolve(file);
					if (!Files.isRegularFile(path) || Files.size(path) == 0) {
						problems.add(artifactId + ": no target/" + file);
					}
				}
			}
			if (artifactId.equals(BOM)) {
				bom = pom;
			}
			System.out.println("published: " + text(pom, "groupId") + ":" + artifactId + ":" + text(pom, "version")
					+ " (" + packaging + ")");
		}
		if (bom == null) {
			problems.add(BOM + " is not among the published modules");
		}
		else {
			checkBom(bom, version, publishedJars, problems);
		}
		if (!problems.isEmpty()) {
			problems.forEach((problem) -> System.out.println("PROBLEM: " + problem));
			System.out.println("Central POM check: " + problems.size() + " problem(s)");
			System.exit(1);
		}
		System.out.println("Central POM check: " + published + " published artifacts have what Maven Central "
				+ "requires; the BOM lists all " + publishedJars.size() + " jars");
	}

	private static List<String> missingMetadata(Element pom) {
		List<String> missing = new ArrayList<>();
		for (String name : List.of("groupId", "artifactId", "version", "name", "description", "url")) {
			if (child(pom, name) == null || text(pom, name).isBlank()) {
				missing.add(name);
			}
		}
		if (child(pom, "url") != null && !text(pom, "url").startsWith("https://")) {
			missing.add("an https url");
		}
		boolean license = children(child(pom, "licenses"), "license").stream()
			.anyMatch((l) -> child(l, "name") != null && child(l, "url") != null);
		if (!license) {
			missing.add("a license with name and url");
		}
		boolean developer = children(child(pom, "developers"), "developer").stream()
			.anyMatch((d) -> child(d, "name") != null || child(d, "id") != null);
		if (!developer) {
			missing.add("a developer");
		}
		Element scm = child(pom, "scm");
		for (String name : List.of("connection", "developerConnection", "url")) {
			if (scm == null || child(scm, name) == null) {
				missing.add("scm/" + name);
			}
		}
		return missing;
	}

	private static void checkBom(Element bom, String version, Map<String, String> publishedJars,
			List<String> problems) {
		if (!text(bom, "version").equals(version)) {
			problems.add(BOM + ": version " + text(bom, "version") + " is not the project's " + version);
		}
		Set<String> listed = new TreeSet<>();
		for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"),
				"dependency")) {
			String id = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
			listed.add(id);
			if (!text(dependency, "version").equals(version)) {
				problems.add(BOM + ": " + id + " at " + text(dependency, "version") + ", not " + version);
			}
			if (!publishedJars.containsKey(id)) {
				problems.add(BOM + ": lists " + id + ", which is not a published module");
			}
		}
		for (String id : publishedJars.keySet()) {
			if (!listed.contains(id)) {
				problems.add(BOM + ": does not list " + id);
			}
		}
	}

	/**
	 * The effective POM of one module. The first module of the build writes every module's
	 * ({@code <projects>}); the others write their own.
	 */
	private static Element effectivePom(Path file, String artifactId) throws Exception {
		Element root = parse(file);
		if (root.getTagName().equals("projects")) {
			for (Element project : children(root, "project")) {
				if (text(project, "artifactId").equals(artifactId)) {
					return project;
				}
			}
			throw new IllegalStateException(file + " has no project " + artifactId);
		}
		return root;
	}

	private static String property(Element pom, String name) {
		Element properties = child(pom, "properties");
		Element property = (properties != null) ? child(properties, name) : null;
		return (property != null) ? property.getTextContent().trim() : null;
	}

	private static Element parse(Path file) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(false);
		return factory.newDocumentBuilder().parse(new File(file.toString())).getDocumentElement();
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		if (parent != null) {
			for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && element.getTagName().equals(name)) {
					found.add(element);
				}
			}
		}
		return found;
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : "";
	}

}
