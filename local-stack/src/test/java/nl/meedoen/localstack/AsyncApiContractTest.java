package nl.meedoen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code asyncapi.yaml} against the code, without starting anything (the end-to-end journeys check the
 * records really published: {@link ContractExtension}). The event types are read from the services' and
 * commons' sources: every {@code "nl.meedoen.<service>.<event>.vN"} constant, and every outbox call
 * ({@code outbox.publish/publishAll/tombstone(TOPIC, TYPE, ...)}) with its topic and type resolved through
 * the constants it names.
 */
class AsyncApiContractTest {

    static final List<String> PRODUCERS =
            List.of("commons", "notification-service", "consultation-service", "panel-service", "recruitment-service");
    static final Pattern CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|(\\w+)\\.(\\w+))\\s*;");
    static final Pattern OUTBOX_CALL = Pattern.compile("outbox\\.(publish|publishAll|tombstone)\\(");
    static final Pattern LITERAL_TYPE = Pattern.compile("\"(" + AsyncApiContract.EVENT_TYPE.pattern() + ")\"");

    final Path root = LocalStack.findRepoRoot();
    final AsyncApiContract asyncApi = new AsyncApiContract(root);

    record Call(String file, String method, String topic, Set<String> types) {}

    @Test
    void everyEventTypeInTheCodeIsAMessageAndEveryMessageIsPublished() {
        Set<String> inCode = new TreeSet<>();
        sources().forEach((file, text) -> {
            Matcher m = LITERAL_TYPE.matcher(text);
            while (m.find()) {
                inCode.add(m.group(1));
            }
        });
        Set<String> documented = new TreeSet<>(asyncApi.messages().keySet());
        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(documented);
        Set<String> unpublished = new TreeSet<>(documented);
        unpublished.removeAll(inCode);
        assertTrue(
                undocumented.isEmpty() && unpublished.isEmpty(),
                "event types in the code without a message in asyncapi.yaml (a message's name is its ce_type): "
                        + undocumented + "; messages in asyncapi.yaml no code publishes: " + unpublished);
    }

    @Test
    void everyOutboxCallPublishesADocumentedTypeOnItsDocumentedTopic() {
        List<Call> calls = outboxCalls();
        assertTrue(calls.size() >= 15, "the outbox calls were found: " + calls);
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            if (call.topic() == null) {
                problems.add(call.file() + ": an outbox call whose topic is not a constant");
                continue;
            }
            if (!asyncApi.topics().contains(call.topic())) {
                problems.add(call.file() + ": topic " + call.topic() + " is not a channel of asyncapi.yaml");
            }
            for (String type : call.types()) {
                AsyncApiContract.Message message = asyncApi.messages().get(type);
                if (message == null) {
                    problems.add(call.file() + ": " + type + " has no message in asyncapi.yaml");
                } else if (!message.topics().contains(call.topic())) {
                    problems.add(call.file() + ": " + type + " is published on " + call.topic()
                            + ", asyncapi.yaml lists it on " + message.topics());
                } else if (call.method().equals("tombstone") != (message.payload() == null)) {
                    problems.add(call.file() + ": " + type
                            + (message.payload() == null
                                    ? " carries a payload, asyncapi.yaml describes a tombstone"
                                    : " is a tombstone, asyncapi.yaml names a payload"));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPayloadIsTheProducersJsonSchemaAndEverySchemaIsUsed() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> referenced = new TreeSet<>();
        for (AsyncApiContract.Message message : asyncApi.messages().values()) {
            if (message.topics().isEmpty()) {
                problems.add(message.type() + ": no channel lists the message");
            }
            if (message.payload() == null) {
                continue;
            }
            referenced.add(message.payload());
            Path file = root.resolve(message.payload());
            if (!Files.isRegularFile(file)
                    || !message.payload()
                            .matches("[a-z-]+/src/main/resources/events/[a-z-]+\\.v[0-9]+\\.schema\\.json")) {
                problems.add(
                        message.type() + ": the payload is not a service's events/*.schema.json: " + message.payload());
                continue;
            }
            JsonObject schema = new JsonObject(Files.readString(file));
            if (!"https://json-schema.org/draft/2020-12/schema".equals(schema.getString("$schema"))) {
                problems.add(message.payload() + ": not a JSON Schema 2020-12 ($schema)");
            }
            try {
                asyncApi.validator(message).validate(new JsonObject()); // compiles
            } catch (RuntimeException e) {
                problems.add(message.payload() + ": does not compile: " + e.getMessage());
            }
            String version = message.type().substring(message.type().lastIndexOf('.') + 1);
            if (!message.payload().endsWith("." + version + ".schema.json")) {
                problems.add(message.type() + ": its payload schema is not of the same version: " + message.payload());
            }
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path module : files.filter(Files::isDirectory).toList()) {
                Path events = module.resolve("src/main/resources/events");
                if (Files.isDirectory(events)) {
                    try (Stream<Path> schemas = Files.list(events)) {
                        schemas.filter(p -> p.toString().endsWith(".schema.json"))
                                .map(p -> root.relativize(p).toString())
                                .filter(p -> !referenced.contains(p))
                                .forEach(p -> problems.add(p + ": no message of asyncapi.yaml uses this schema"));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Source files of the producing modules: path → text. */
    Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        for (String module : PRODUCERS) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    sources.put(root.relativize(file).toString(), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (sources.isEmpty()) {
            fail("no sources under " + root);
        }
        return sources;
    }

    List<Call> outboxCalls() {
        Map<String, String> sources = sources();
        // Class.NAME → value, for every String constant; references to other constants resolved afterwards.
        Map<String, String> constants = new HashMap<>();
        Map<String, String> references = new HashMap<>();
        sources.forEach((file, text) -> {
            String owner = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
            Matcher m = CONSTANT.matcher(text);
            while (m.find()) {
                if (m.group(2) != null) {
                    constants.put(owner + "." + m.group(1), m.group(2));
                } else {
                    references.put(owner + "." + m.group(1), m.group(3) + "." + m.group(4));
                }
            }
        });
        for (int round = 0; round < 5; round++) {
            references.forEach((name, target) -> {
                if (constants.containsKey(target)) {
                    constants.put(name, constants.get(target));
                }
            });
        }
        List<Call> calls = new ArrayList<>();
        sources.forEach((file, text) -> {
            String owner = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
            Matcher m = OUTBOX_CALL.matcher(text);
            while (m.find()) {
                List<String> args = arguments(text, m.end());
                if (args.size() < 2) {
                    continue;
                }
                String topic = resolve(args.get(0), owner, constants);
                Set<String> types = new TreeSet<>();
                Matcher names = Pattern.compile("\\b([A-Z]\\w*\\.)?([A-Z][A-Z0-9_]+)\\b")
                        .matcher(args.get(1));
                while (names.find()) {
                    String value = resolve(names.group(0), owner, constants);
                    if (value != null
                            && AsyncApiContract.EVENT_TYPE.matcher(value).matches()) {
                        types.add(value);
                    }
                }
                calls.add(new Call(
                        file + ":" + (text.substring(0, m.start()).split("\n", -1).length), m.group(1), topic, types));
            }
        });
        return calls;
    }

    private static String resolve(String expression, String owner, Map<String, String> constants) {
        String name = expression.trim();
        return constants.getOrDefault(name, constants.get(owner + "." + name));
    }

    /** The top-level arguments of a call whose '(' ends just before {@code from}. */
    private static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                if (depth == 0) {
                    args.add(current.toString().trim());
                    return args;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return args;
    }
}
