package nl.meedoen.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What holds for every operation of the platform, whichever service serves it, written into the merged
 * document so that clients generated from it expect what they will get:
 *
 * <ul>
 * <li><b>Nullability.</b> The services serialize JSON with Jackson's default inclusion: a property without a
 * value is written as {@code null}, not left out. So every property an object schema does not list in
 * {@code required} is declared nullable (OpenAPI 3.1: {@code "null"} added to its {@code type}, or
 * {@code anyOf} with {@code {"type":"null"}} around a {@code $ref}). A service makes a property non-nullable by
 * declaring it required.</li>
 * <li><b>The gateway's own answers.</b> The gateway refuses requests before any service sees them: 400
 * (malformed request target, dot segments), 401 (no or invalid bearer token, on non-public routes), 406 (an
 * Accept header no representation matches, from the gateway or the service's HTTP layer), 413
 * (body over the route's limit), 414 (request target too long), 415 (a body the service does not take),
 * 429 (rate limit), 431 (header block too large), 502/504 (service unreachable / too slow) and 503 (a service
 * shedding load or without its database). Each is an RFC 9457 problem with a correlation id; an operation that
 * documents the status itself keeps its own description.</li>
 * </ul>
 */
public final class PlatformContract {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** status → component name and description; the order is the order they appear in an operation. */
    private static final Map<String, String[]> GATEWAY = new LinkedHashMap<>();

    static {
        GATEWAY.put("400", new String[] {
            "GatewayBadRequest",
            "Malformed request (for example a request target with dot segments or malformed percent-encoding)"
        });
        GATEWAY.put("401", new String[] {"GatewayUnauthorized", "No or invalid bearer token"});
        GATEWAY.put("406", new String[] {"NotAcceptable", "No representation of the answer matches the Accept header"});
        GATEWAY.put(
                "413", new String[] {"GatewayPayloadTooLarge", "The request body is larger than this route's limit"});
        GATEWAY.put("414", new String[] {"GatewayUriTooLong", "The request target (path and query) is too long"});
        GATEWAY.put("415", new String[] {"GatewayUnsupportedMediaType", "This Content-Type is not accepted here"});
        GATEWAY.put("429", new String[] {
            "GatewayTooManyRequests", "Rate limit exceeded; the Retry-After header says when to retry"
        });
        GATEWAY.put("431", new String[] {"GatewayHeadersTooLarge", "The request headers are too large"});
        GATEWAY.put("502", new String[] {"GatewayBadGateway", "The service behind this operation is not reachable"});
        GATEWAY.put(
                "503",
                new String[] {"GatewayServiceUnavailable", "The service is temporarily unavailable; retry later"});
        GATEWAY.put("504", new String[] {"GatewayTimeout", "The service did not answer in time"});
    }

    private PlatformContract() {}

    /** Applies both rules to a merged document (paths and components), in place. */
    public static void apply(ObjectNode paths, ObjectNode components) {
        declareNullability(paths);
        declareNullability(components);
        documentGatewayResponses(paths, components);
    }

    /** Every property an object schema does not require may be null. */
    static void declareNullability(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // SmallRye writes @Schema(nullable = true, enumeration = ...) as type [string, null] with an enum
            // that lacks null, which no null satisfies: the enum gets its null too.
            if (object.get("enum") instanceof ArrayNode values
                    && containsText(object.path("type"), "null")
                    && !containsNull(values)) {
                values.addNull();
            }
            JsonNode properties = object.get("properties");
            if (properties instanceof ObjectNode props && !properties.has("$ref")) {
                Set<String> required = new HashSet<>();
                object.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    if (!required.contains(property.getKey()) && property.getValue() instanceof ObjectNode schema) {
                        property.setValue(nullable(schema));
                    }
                }
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            declareNullability(it.next());
        }
    }

    /** The schema, or one that also admits null. */
    static ObjectNode nullable(ObjectNode schema) {
        if (admitsNull(schema)) {
            return schema;
        }
        JsonNode type = schema.get("type");
        if (type != null && !schema.has("$ref")) {
            ArrayNode types = JSON.arrayNode();
            if (type.isArray()) {
                types.addAll((ArrayNode) type);
            } else {
                types.add(type);
            }
            types.add("null");
            schema.set("type", types);
            if (schema.get("enum") instanceof ArrayNode values) {
                values.addNull();
            }
            return schema;
        }
        if (type == null
                && !schema.has("$ref")
                && !schema.has("anyOf")
                && !schema.has("oneOf")
                && !schema.has("allOf")
                && !schema.has("enum")
                && !schema.has("const")) {
            return schema; // no constraint on the type: null is already allowed
        }
        // A $ref, a composition or an untyped enum: either it, or null. Annotations stay on the outside.
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode inner = schema.deepCopy();
        for (String annotation : List.of(
                "description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly", "default")) {
            if (inner.has(annotation)) {
                wrapper.set(annotation, inner.remove(annotation));
            }
        }
        if (inner.get("enum") instanceof ArrayNode values) {
            values.addNull();
            inner.set("enum", values);
            wrapper.setAll(inner);
            return wrapper;
        }
        wrapper.putArray("anyOf").add(inner).addObject().put("type", "null");
        return wrapper;
    }

    private static boolean admitsNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && (type.isArray() ? containsText(type, "null") : "null".equals(type.asText()))) {
            return true;
        }
        for (String composition : List.of("anyOf", "oneOf")) {
            for (JsonNode alternative : schema.path(composition)) {
                if ("null".equals(alternative.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsNull(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (text.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Adds the gateway's problem responses to every operation that does not document the status itself. */
    static void documentGatewayResponses(ObjectNode paths, ObjectNode components) {
        ObjectNode responses = components.has("responses")
                ? (ObjectNode) components.get("responses")
                : components.putObject("responses");
        GATEWAY.forEach((status, kind) -> responses.set(kind[0], problemResponse(kind[1])));
        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey()) || !(op.getValue() instanceof ObjectNode operation)) {
                        return;
                    }
                    ObjectNode documented = operation.has("responses")
                            ? (ObjectNode) operation.get("responses")
                            : operation.putObject("responses");
                    boolean takesBody = operation.has("requestBody");
                    boolean publicRoute = operation.has("x-meedoen-public")
                            || operation.path("security").isArray()
                                    && operation.path("security").isEmpty();
                    GATEWAY.forEach((status, kind) -> {
                        if (documented.has(status)
                                || status.equals("415") && !takesBody
                                || status.equals("401") && publicRoute) {
                            return;
                        }
                        documented.putObject(status).put("$ref", "#/components/responses/" + kind[0]);
                    });
                }));
    }

    private static ObjectNode problemResponse(String description) {
        ObjectNode response = JSON.objectNode().put("description", description);
        ObjectNode schema = response.putObject("headers")
                .putObject("X-Correlation-Id")
                .put("description", "Identifies the request in every log line of the platform")
                .putObject("schema");
        schema.put("type", "string");
        ObjectNode problem = response.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema");
        problem.put("type", "object").put("description", "RFC 9457 problem details");
        problem.putArray("required").add("type").add("title").add("status").add("correlationId");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer").put("format", "int32");
        properties.putObject("detail").putArray("type").add("string").add("null");
        properties.putObject("instance").putArray("type").add("string").add("null");
        properties.putObject("correlationId").put("type", "string");
        return response;
    }
}
