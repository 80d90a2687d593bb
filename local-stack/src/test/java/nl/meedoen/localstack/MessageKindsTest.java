package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A message kind is a constant of commons {@code MessageKind} that notification-service has default templates for
 * (its {@code MessageKindTemplatesTest} checks the texts) and a service sends: every kind is referenced by the code of
 * the producer its constant names — or is marked as requested by third parties through the API — and no service writes
 * a kind as a string literal instead of {@code MessageKind.X.key()}. Read from the sources: this module does not depend
 * on commons.
 */
class MessageKindsTest {

    static final Path ROOT = LocalStack.findRepoRoot();
    static final Path KINDS = ROOT.resolve("commons/src/main/java/nl/meedoen/commons/contracts/MessageKind.java");
    /** notification-service's default templates: a directory per kind (see its DefaultTemplates). */
    static final Path TEMPLATES = ROOT.resolve("notification-service/src/main/resources/default-templates");
    /** A constant of MessageKind: its name, its wire key and its producer. */
    static final Pattern CONSTANT =
            Pattern.compile("\\b([A-Z][A-Z_]*)\\(\\s*\"([a-z-]+\\.[a-z-]+)\",\\s*Producer\\.([A-Z_]+)");
    /** Where code names a kind. */
    static final Pattern REFERENCE = Pattern.compile("\\bMessageKind\\.([A-Z][A-Z_]*)\\b");
    /**
     * A literal that looks like a kind, unless it names configuration ({@code prefix = "..."}, {@code name = "..."}) or
     * is an API example ({@code example = "..."}).
     */
    static final Pattern KIND = Pattern.compile(
            "(?<!(?:prefix|name|example) = )\"((?:consultation|panel|recruitment|service|tenant-organisation)\\.[a-z]+(?:-[a-z]+)*)\"");

    static final String[] SENDERS = {
        "consultation-service", "panel-service", "recruitment-service", "notification-service"
    };
    /** The producer of kinds that third parties name in their requests to the API, not code. */
    static final String API = "API";

    @Test
    void everyTemplateHasASenderAndEverySentKindATemplate() {
        Map<String, String[]> kinds = new LinkedHashMap<>(); // constant name -> {key, producer}
        Matcher c = CONSTANT.matcher(read(KINDS));
        while (c.find()) {
            kinds.put(c.group(1), new String[] {c.group(2), c.group(3)});
        }
        assertTrue(kinds.size() > 10, "kinds found: " + kinds.keySet());
        TreeSet<String> templates = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(TEMPLATES)) {
            dirs.filter(Files::isDirectory)
                    .forEach(d -> templates.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TreeSet<String> keys = new TreeSet<>();
        kinds.values().forEach(k -> keys.add(k[0]));
        assertEquals(keys, templates, "MessageKind and the default templates");

        Map<String, String> sent = new TreeMap<>(); // key -> where its producer names it
        Map<String, String> literals = new TreeMap<>(); // a kind written as a string -> where
        for (String module : SENDERS) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    String source = read(p);
                    Matcher r = REFERENCE.matcher(source);
                    while (r.find()) {
                        String[] kind = kinds.get(r.group(1));
                        if (kind != null && module.equals(module(kind[1]))) {
                            sent.putIfAbsent(kind[0], ROOT.relativize(p).toString());
                        }
                    }
                    Matcher k = KIND.matcher(source);
                    while (k.find()) {
                        literals.putIfAbsent(k.group(1), ROOT.relativize(p).toString());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TreeSet<String> withoutSender = new TreeSet<>(templates);
        withoutSender.removeAll(sent.keySet());
        kinds.values().stream().filter(k -> API.equals(k[1])).forEach(k -> withoutSender.remove(k[0]));
        assertEquals(new TreeSet<>(), withoutSender, "default templates nobody sends");
        TreeMap<String, String> withoutTemplate = new TreeMap<>(literals);
        withoutTemplate.keySet().removeAll(templates);
        assertEquals(Map.of(), withoutTemplate, "kinds sent without a default template");
        assertEquals(Map.of(), literals, "kinds written as a string literal: use MessageKind.X.key()");
    }

    /** The module of a producer: {@code RECRUITMENT_SERVICE} is recruitment-service. */
    private static String module(String producer) {
        return producer.toLowerCase().replace('_', '-');
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
