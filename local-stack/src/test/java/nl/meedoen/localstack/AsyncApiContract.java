package nl.meedoen.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code asyncapi.yaml} at the repository root, read as a checker of events: which CloudEvents types exist
 * (a message's {@code name} is its {@code ce_type}), on which topics (the addresses of the channels listing
 * the message), and the JSON Schema of each payload (the service's own schema file the message references;
 * no payload means a tombstone).
 */
final class AsyncApiContract {

    static final Pattern EVENT_TYPE = Pattern.compile("nl\\.meedoen\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+");

    /** One message of the document: its ce_type, the schema file (relative to the repository root; null for a tombstone). */
    record Message(String key, String type, String payload, Set<String> topics) {}

    private final Path root;
    private final JsonNode document;
    private final Map<String, Message> byType = new LinkedHashMap<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private final Map<String, Validator> validators = new HashMap<>();

    AsyncApiContract(Path repoRoot) {
        this.root = repoRoot;
        try {
            document =
                    new YAMLMapper().readTree(repoRoot.resolve("asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> topicsOfMessage = new HashMap<>();
        document.path("channels").fields().forEachRemaining(channel -> {
            String address = channel.getValue().path("address").asText();
            topics.add(address);
            channel.getValue()
                    .path("messages")
                    .forEach(m -> topicsOfMessage
                            .computeIfAbsent(
                                    m.path("$ref").asText().replaceFirst("^#/components/messages/", ""),
                                    k -> new LinkedHashSet<>())
                            .add(address));
        });
        document.path("components").path("messages").fields().forEachRemaining(m -> {
            String type = m.getValue().path("name").asText();
            if (!EVENT_TYPE.matcher(type).matches()) {
                return; // dead-letter: not an event type of its own
            }
            JsonNode payload = m.getValue().path("payload").path("$ref");
            Message message = new Message(
                    m.getKey(),
                    type,
                    payload.isMissingNode() ? null : payload.asText().replaceFirst("^\\./", ""),
                    topicsOfMessage.getOrDefault(m.getKey(), Set.of()));
            if (byType.put(type, message) != null) {
                throw new IllegalStateException("asyncapi.yaml names " + type + " in two messages");
            }
        });
    }

    static AsyncApiContract load() {
        return new AsyncApiContract(LocalStack.findRepoRoot());
    }

    Map<String, Message> messages() {
        return byType;
    }

    Set<String> topics() {
        return topics;
    }

    /** The payload schema file of a message, compiled (null for a tombstone). */
    synchronized Validator validator(Message message) {
        if (message.payload() == null) {
            return null;
        }
        return validators.computeIfAbsent(message.payload(), file -> {
            try {
                JsonObject schema = new JsonObject(Files.readString(root.resolve(file)));
                return Validator.create(
                        JsonSchema.of(schema),
                        new JsonSchemaOptions()
                                .setDraft(Draft.DRAFT202012)
                                .setBaseUri("https://meedoen.nl/")
                                .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * What is wrong with one record a service published, each as one line; empty when asyncapi.yaml
     * describes it: its topic is a channel's, its ce_type a message of that channel, its value valid.
     */
    List<String> check(String topic, Map<String, String> headers, String value) {
        List<String> problems = new ArrayList<>();
        String type = headers.get("ce_type");
        String where = topic + " " + type + " (ce_id " + headers.get("ce_id") + "): ";
        for (String required : List.of("ce_specversion", "ce_id", "ce_type", "ce_source")) {
            if (headers.get(required) == null) {
                problems.add(where + "no " + required + " header");
            }
        }
        if (!topics.contains(topic)) {
            problems.add(where + "the topic is not a channel of asyncapi.yaml");
            return problems;
        }
        Message message = type == null ? null : byType.get(type);
        if (message == null) {
            problems.add(where + "asyncapi.yaml has no message named " + type);
            return problems;
        }
        if (!message.topics().contains(topic)) {
            problems.add(where + "asyncapi.yaml lists " + type + " on " + message.topics() + ", not on " + topic);
        }
        Validator validator = validator(message);
        if (validator == null) {
            if (value != null) {
                problems.add(where + "asyncapi.yaml describes a tombstone (no payload), the record has a value");
            }
            return problems;
        }
        if (value == null) {
            problems.add(where + "a tombstone where asyncapi.yaml promises " + message.payload());
            return problems;
        }
        Object json;
        try {
            json = Json.decodeValue(value);
        } catch (DecodeException e) {
            problems.add(where + "the value is not JSON: " + e.getMessage());
            return problems;
        }
        OutputUnit result = validator.validate(json);
        if (!result.getValid()) {
            problems.add(where + OpenApiContract.describe(result).replace("the body", "the payload") + " against "
                    + message.payload() + "\n      value: "
                    + (value.length() > 600 ? value.substring(0, 600) + "…" : value));
        }
        return problems;
    }
}
