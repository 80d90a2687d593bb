package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A message kind is a string the sending service and notification-service's default templates share:
 * every kind with a template has a sender, and every kind a service sends has a template. Kinds are
 * {@code <sender>.<name>} string literals; topic names and event types have more dots.
 */
class MessageKindsTest {

    static final Path ROOT = LocalStack.findRepoRoot();
    /** notification-service's default templates: a directory per kind (see its DefaultTemplates). */
    static final Path TEMPLATES = ROOT.resolve("notification-service/src/main/resources/default-templates");
    /** A literal that looks like a kind, unless it names configuration ({@code prefix = "..."}, {@code name = "..."}). */
    static final Pattern KIND = Pattern.compile(
            "(?<!(?:prefix|name) = )\"((?:consultation|panel|recruitment|service|tenant-organisation)\\.[a-z]+(?:-[a-z]+)*)\"");

    /** Kinds a caller names in a mailing of its own (a tenant organisation mailing its constituency), not code. */
    static final java.util.Set<String> NAMED_BY_CALLERS = java.util.Set.of("tenant-organisation.message");

    @Test
    void everyTemplateHasASenderAndEverySentKindATemplate() {
        TreeSet<String> templates = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(TEMPLATES)) {
            dirs.filter(Files::isDirectory)
                    .forEach(d -> templates.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(templates.size() > 10, "templates found: " + templates);

        Map<String, String> sent = new TreeMap<>();
        for (String module :
                new String[] {"consultation-service", "panel-service", "recruitment-service", "notification-service"}) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java") && !p.equals(TEMPLATES))
                        .forEach(p -> {
                            Matcher k = KIND.matcher(read(p));
                            while (k.find()) {
                                sent.putIfAbsent(k.group(1), ROOT.relativize(p).toString());
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TreeSet<String> withoutSender = new TreeSet<>(templates);
        withoutSender.removeAll(sent.keySet());
        withoutSender.removeAll(NAMED_BY_CALLERS);
        assertEquals(new TreeSet<>(), withoutSender, "default templates nobody sends");
        TreeMap<String, String> withoutTemplate = new TreeMap<>(sent);
        withoutTemplate.keySet().removeAll(templates);
        assertEquals(Map.of(), withoutTemplate, "kinds sent without a default template");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
