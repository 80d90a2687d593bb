package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SBOM each application's build writes (root pom: quarkus-maven-plugin {@code dependency-sbom}) against what its
 * image really ships. Jib puts {@code target/quarkus-app} into the image (lib/boot, lib/main, app, quarkus), so for
 * every packaged application: the SBOM is inside its application jar, names the application, lists exactly the jars
 * in lib/boot and lib/main with their versions, and their SHA-256 is the SBOM's. And since the image is built for
 * linux/amd64 and linux/arm64 alike, no native library in it is for one architecture only, unless unused.
 * Needs the applications packaged (this module's build does that first, like for the end-to-end tests).
 */
class ImageSbomTest {

    static final String SBOM = "META-INF/sbom/application.cdx.json";
    /**
     * Jars Quarkus rewrites while packaging, so the image's copy is not the Maven artifact the SBOM hashes: the OTLP
     * exporter loses the service entries of the exporters Quarkus replaces with its own.
     */
    static final Set<String> REWRITTEN_BY_QUARKUS = Set.of("io.opentelemetry:opentelemetry-exporter-otlp");
    /**
     * Natives for one architecture that are never loaded: brotli4j's, which Maven picks for the build machine, serve
     * only Brotli HTTP compression, and no application enables HTTP compression (checked below).
     */
    static final Set<String> UNUSED_SINGLE_ARCHITECTURE = Set.of("com.aayushatharva.brotli4j:native-linux-x86_64");

    final Path root = LocalStack.findRepoRoot();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyImageCarriesAnSbomOfExactlyTheJarsItShips() throws Exception {
        List<String> problems = new ArrayList<>();
        for (App app : App.values()) {
            Path quarkusApp = root.resolve(app.module).resolve("target/quarkus-app");
            assertTrue(
                    Files.isDirectory(quarkusApp.resolve("app")),
                    quarkusApp + " missing: package the applications first (./mvnw package)");
            Path appJar;
            try (Stream<Path> jars = Files.list(quarkusApp.resolve("app"))) {
                appJar = jars.filter(j -> j.toString().endsWith(".jar"))
                        .findFirst()
                        .orElseThrow();
            }
            JsonNode bom;
            try (JarFile jar = new JarFile(appJar.toFile())) {
                assertTrue(jar.getEntry(SBOM) != null, app.module + ": no " + SBOM + " in " + appJar);
                try (InputStream in = jar.getInputStream(jar.getEntry(SBOM))) {
                    bom = json.readTree(in);
                }
            }
            assertEquals("CycloneDX", bom.path("bomFormat").asText(), app.module);
            assertEquals(
                    app.module,
                    bom.path("metadata").path("component").path("name").asText(),
                    app.module);

            Map<String, JsonNode> listed = new TreeMap<>(); // lib file name -> component
            for (JsonNode c : bom.path("components")) {
                if (!app.module.equals(c.path("name").asText())) {
                    listed.put(fileName(c), c);
                }
            }
            Map<String, Path> shipped = new TreeMap<>();
            for (String lib : List.of("lib/boot", "lib/main")) {
                try (Stream<Path> jars = Files.list(quarkusApp.resolve(lib))) {
                    jars.forEach(j -> shipped.put(j.getFileName().toString(), j));
                }
            }
            Set<String> unlisted = new TreeSet<>(shipped.keySet());
            unlisted.removeAll(listed.keySet());
            Set<String> notShipped = new TreeSet<>(listed.keySet());
            notShipped.removeAll(shipped.keySet());
            if (!unlisted.isEmpty()) {
                problems.add(app.module + ": shipped but not in the SBOM: " + unlisted);
            }
            if (!notShipped.isEmpty()) {
                problems.add(app.module + ": in the SBOM but not shipped: " + notShipped);
            }
            for (var e : shipped.entrySet()) {
                JsonNode c = listed.get(e.getKey());
                if (c == null || REWRITTEN_BY_QUARKUS.contains(ga(c))) {
                    continue;
                }
                String listedHash = null;
                for (JsonNode h : c.path("hashes")) {
                    if ("SHA-256".equals(h.path("alg").asText())) {
                        listedHash = h.path("content").asText();
                    }
                }
                if (!sha256(e.getValue()).equals(listedHash)) {
                    problems.add(app.module + ": " + e.getKey() + " is not the jar the SBOM hashes");
                }
                if (isSingleArchitectureNative(e.getKey(), shipped.keySet())
                        && !UNUSED_SINGLE_ARCHITECTURE.contains(ga(c))) {
                    problems.add(app.module + ": " + e.getKey() + " is native for one architecture only");
                }
            }
            System.out.printf(
                    "[sbom] %s: %d components, exactly the jars of lib/boot and lib/main%n", app.module, listed.size());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noApplicationCompressesHttpResponsesSoBrotlisNativeIsNeverLoaded() throws IOException {
        for (App app : App.values()) {
            String config =
                    Files.readString(root.resolve(app.module).resolve("src/main/resources/application.properties"));
            assertTrue(
                    !config.contains("quarkus.http.enable-compression") && !config.contains("quarkus.http.compressors"),
                    app.module + " configures HTTP compression: brotli4j would need its arm64 native in the image too");
        }
    }

    /** A jar named for x86-64 Linux without an aarch64 sibling of the same artifact family in the image. */
    static boolean isSingleArchitectureNative(String file, Set<String> all) {
        for (String amd : List.of("linux-x86_64", "linux-x86-64", "linux-amd64")) {
            if (file.contains(amd)) {
                String prefix = file.substring(0, file.indexOf(amd));
                return all.stream().noneMatch(f -> f.startsWith(prefix) && f.contains("aarch64"));
            }
        }
        return false;
    }

    /** Quarkus' name in lib/: {@code groupId.artifactId-version[-classifier].jar}. */
    static String fileName(JsonNode component) {
        String purl = component.path("purl").asText();
        String classifier = null;
        if (purl.contains("?")) {
            for (String q : purl.substring(purl.indexOf('?') + 1).split("&")) {
                if (q.startsWith("classifier=")) {
                    classifier = URLDecoder.decode(q.substring("classifier=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return component.path("group").asText() + "." + component.path("name").asText() + "-"
                + component.path("version").asText() + (classifier == null ? "" : "-" + classifier) + ".jar";
    }

    static String ga(JsonNode component) {
        return component.path("group").asText() + ":" + component.path("name").asText();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
