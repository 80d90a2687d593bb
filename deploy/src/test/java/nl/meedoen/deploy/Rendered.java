package nl.meedoen.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One overlay as {@code kubectl kustomize} renders it: the list of Kubernetes objects. */
record Rendered(String overlay, List<JsonNode> objects) {

    static final Path OVERLAYS = Repo.ROOT.resolve("deploy/k8s/overlays");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every folder under deploy/k8s/overlays with a kustomization.yaml, so a new corporation overlay is checked too. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared Kafka and PostgreSQL clusters that overlays on the shared platform use. */
    static final Path SHARED_PLATFORM = Repo.ROOT.resolve("deploy/k8s/shared-platform");

    static Rendered render(String overlay) {
        return render(overlay, OVERLAYS.resolve(overlay));
    }

    /**
     * Rendered once per folder and JVM: both test classes read the same output (nobody may change the objects; a
     * test that needs a changed object takes a {@code deepCopy()}).
     */
    private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered render(String overlay, Path dir) {
        Rendered rendered = CACHE.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> kustomize(overlay, d));
        return rendered.overlay.equals(overlay) ? rendered : new Rendered(overlay, rendered.objects);
    }

    private static Rendered kustomize(String overlay, Path dir) {
        try {
            Process p = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(out)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                        objects.add(doc);
                    }
                }
            }
            return new Rendered(overlay, List.copyOf(objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * kubectl from $KUBECTL or the PATH. Without it the checks cannot run, and they fail rather than
     * pass silently: CI machines have kubectl (it carries Kustomize).
     */
    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new AssertionError("KUBECTL=" + configured + " is not an executable kubectl");
            }
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("kubectl not found on the PATH (or set KUBECTL=/path/to/kubectl): the deploy module"
                + " renders every overlay with 'kubectl kustomize' to check it. Install kubectl 1.27 or newer.");
    }

    /** A corporation on the shared platform: its services are given a topic prefix and have no Kafka of their own. */
    boolean onSharedPlatform() {
        return !topicPrefix().isEmpty();
    }

    String topicPrefix() {
        return find("ConfigMap", "meedoen-common")
                .map(c -> c.path("data").path("MEEDOEN_KAFKA_TOPIC_PREFIX").asText(""))
                .orElse("");
    }

    List<JsonNode> all(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
