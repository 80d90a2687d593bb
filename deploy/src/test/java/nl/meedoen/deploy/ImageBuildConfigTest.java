package nl.meedoen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How the images the Deployments run are built (deploy/README.md "Build and push images"): every image a base
 * Deployment names comes from a module that builds it with Jib, for linux/amd64 and linux/arm64, as a non-root user,
 * with a CycloneDX SBOM of its runtime dependencies in the application jar. That the SBOM the build writes lists what
 * the image really ships is checked on the packaged applications by local-stack's {@code ImageSbomTest}.
 */
class ImageBuildConfigTest {

    static final Set<String> PLATFORMS = Set.of("linux/amd64", "linux/arm64");
    private static final Pattern IMAGE = Pattern.compile("image:\\s*meedoen/([a-z-]+):");

    private final List<String> problems = new ArrayList<>();

    @Test
    void everyDeployedImageIsBuiltByJibForBothArchitecturesAsNonRoot() throws Exception {
        Document root = pom(Repo.ROOT.resolve("pom.xml"));
        String platforms = text(child(first(root.getDocumentElement(), "properties"), "quarkus.jib.platforms"));
        assertEquals(
                PLATFORMS,
                Arrays.stream(platforms.split(",")).map(String::trim).collect(Collectors.toSet()),
                "quarkus.jib.platforms in the root pom");
        List<String> images = deployedImages();
        assertTrue(images.size() >= 5, "images in k8s/base: " + images);
        for (String module : images) {
            Path dir = Repo.ROOT.resolve(module);
            if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
                problems.add(module + ": a Deployment runs meedoen/" + module + " but no module builds it");
                continue;
            }
            String pom = Repo.read(dir.resolve("pom.xml"));
            check(pom.contains("<artifactId>quarkus-container-image-jib</artifactId>"), module, "no Jib extension");
            check(pom.contains("<artifactId>quarkus-maven-plugin</artifactId>"), module, "no quarkus-maven-plugin");
            Map<String, String> config = Repo.config(module);
            check(module.equals(config.get("quarkus.container-image.name")), module, "image name is not " + module);
            check("meedoen".equals(config.get("quarkus.container-image.group")), module, "image group is not meedoen");
            check(
                    config.containsKey("quarkus.jib.user") && !"0".equals(config.get("quarkus.jib.user")),
                    module,
                    "no non-root quarkus.jib.user");
            // one home for the platforms: a module's own value would differ from the root pom's silently
            check(!config.containsKey("quarkus.jib.platforms"), module, "sets quarkus.jib.platforms itself");
            check(!pom.contains("<quarkus.jib.platforms>"), module, "its pom sets quarkus.jib.platforms itself");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyQuarkusApplicationWritesItsSbomIntoItsApplicationJar() throws Exception {
        Element quarkusPlugin = null;
        Element pluginManagement = first(pom(Repo.ROOT.resolve("pom.xml")).getDocumentElement(), "pluginManagement");
        for (Element plugin : children(first(pluginManagement, "plugins"), "plugin")) {
            if ("quarkus-maven-plugin".equals(text(child(plugin, "artifactId")))) {
                quarkusPlugin = plugin;
            }
        }
        assertTrue(quarkusPlugin != null, "no quarkus-maven-plugin in the root pom's pluginManagement");
        Element sbom = null;
        for (Element execution : children(child(quarkusPlugin, "executions"), "execution")) {
            for (Element goal : children(child(execution, "goals"), "goal")) {
                if ("dependency-sbom".equals(text(goal))) {
                    sbom = execution;
                }
            }
        }
        assertTrue(sbom != null, "no dependency-sbom execution of quarkus-maven-plugin");
        // before package: quarkus:build (package) puts target/classes into the application jar, the image's app layer
        assertEquals("prepare-package", text(child(sbom, "phase")));
        Element configuration = child(sbom, "configuration");
        assertEquals("true", text(child(configuration, "runtimeOnly")), "only what the application ships");
        assertEquals(
                "${project.build.outputDirectory}/META-INF/sbom/application.cdx.json",
                text(child(configuration, "outputFile")));
    }

    /** The modules whose images the base Deployments run ({@code image: meedoen/<module>:...}). */
    static List<String> deployedImages() throws Exception {
        Set<String> modules = new TreeSet<>();
        try (var files = Files.walk(Repo.ROOT.resolve("deploy/k8s/base"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("deployment.yaml"))
                    .toList()) {
                Matcher m = IMAGE.matcher(Repo.read(file));
                while (m.find()) {
                    modules.add(m.group(1));
                }
            }
        }
        return List.copyOf(modules);
    }

    private void check(boolean ok, String module, String problem) {
        if (!ok) {
            problems.add(module + ": " + problem);
        }
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element first(Element in, String name) {
        NodeList nodes = in.getElementsByTagName(name);
        assertTrue(nodes.getLength() > 0, "no <" + name + "> in the root pom");
        return (Element) nodes.item(0);
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }
}
