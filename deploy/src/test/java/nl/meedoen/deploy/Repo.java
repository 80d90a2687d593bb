package nl.meedoen.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' own sources say they need: their configuration, topics and API paths. The
 * manifests are checked against this, so a new topic, path or required setting in a service fails
 * the build until the manifests follow.
 */
final class Repo {

    static final Path ROOT = findRoot();
    /** The services: every module of the root pom named *-service. */
    static final List<String> SERVICES = services();

    private static final Pattern TOPIC_CONSTANT = Pattern.compile("String\\s+TOPIC\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern API_PATH = Pattern.compile("@Path\\(\"/api/v1/([^\"]+)");
    private static final Pattern REQUIRED_ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private Repo() {}

    private static List<String> services() {
        Matcher m = Pattern.compile("<module>([a-z-]+-service)</module>").matcher(read(ROOT.resolve("pom.xml")));
        List<String> services = new ArrayList<>();
        while (m.find()) {
            services.add(m.group(1));
        }
        return List.copyOf(services);
    }

    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/k8s/base/kustomization.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from the Meedoen repository: deploy/k8s not found");
        }
        return dir;
    }

    /** The main (non-test) configuration of a module, profile-specific lines (%test., %dev.) left out. */
    static Map<String, String> config(String module) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String file : List.of(
                "src/main/resources/META-INF/microprofile-config.properties",
                "src/main/resources/application.properties")) {
            Path path = ROOT.resolve(module).resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.stringPropertyNames().stream()
                    .filter(k -> !k.startsWith("%"))
                    .sorted()
                    .forEach(k -> all.put(k, p.getProperty(k)));
        }
        return all;
    }

    /** Every module holding a Quarkus configuration file: the services, population, commons, gateway. */
    static List<String> configuredModules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties"))
                            || Files.isRegularFile(
                                    d.resolve("src/main/resources/META-INF/microprofile-config.properties")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every Kafka topic in use: each channel's topic and dead-letter topic in any module's
     * configuration, and each event contract's TOPIC constant (the outbox writes to those).
     */
    static Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String module : configuredModules()) {
            config(module).forEach((key, value) -> {
                if (key.startsWith("mp.messaging.") && (key.endsWith(".topic"))) {
                    topics.putIfAbsent(value, module + ": " + key);
                }
            });
        }
        for (Path source : javaSources("commons")) {
            Matcher m = TOPIC_CONSTANT.matcher(read(source));
            while (m.find()) {
                topics.putIfAbsent(m.group(1), ROOT.relativize(source).toString());
            }
        }
        return topics;
    }

    /** The paths after /api/v1/ that a service's resource classes serve. */
    static TreeSet<String> apiPaths(String module) {
        TreeSet<String> segments = new TreeSet<>();
        for (Path source : javaSources(module)) {
            Matcher m = API_PATH.matcher(read(source));
            while (m.find()) {
                segments.add(m.group(1));
            }
        }
        return segments;
    }

    /** Environment variables a module's configuration requires: ${NAME} without a default. */
    static TreeSet<String> requiredEnv(String module) {
        TreeSet<String> names = new TreeSet<>();
        config(module).values().forEach(v -> {
            Matcher m = REQUIRED_ENV.matcher(v);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** The environment variable a configuration value reads, e.g. DB_URL for ${DB_URL:jdbc:...}; null if none. */
    static String envOf(String value) {
        Matcher m = value == null ? null : ENV_REF.matcher(value);
        return m != null && m.find() ? m.group(1) : null;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaSources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
