package nl.meedoen.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges the services' OpenAPI documents into one. Plain Jackson, no I/O, so it is unit-testable.
 *
 * <p>Paths are taken as they are (the routing table keeps them disjoint). Components with the same
 * name and the same content are kept once; a name used by two services for different content is
 * renamed {@code <service>_<Name>} in the later service's document, and that document's
 * {@code $ref}s are rewritten to match. The result then gets what holds for every operation of the
 * platform ({@link PlatformContract}: nullability, the gateway's own problem responses).
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode paths = JSON.objectNode();
    private final ObjectNode components = JSON.objectNode();
    private final List<JsonNode> tags = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();
    private String openapiVersion;

    /** Adds one service's document; call in a stable order, the first document sets the version. */
    public OpenApiMerger add(String service, JsonNode document) {
        ObjectNode doc = document.deepCopy();
        if (openapiVersion == null && doc.hasNonNull("openapi")) {
            openapiVersion = doc.get("openapi").asText();
        }
        Map<String, String> renamedRefs = new HashMap<>();
        doc.path("components")
                .fields()
                .forEachRemaining(type -> type.getValue().fieldNames().forEachRemaining(name -> {
                    JsonNode existing = components.path(type.getKey()).get(name);
                    if (existing != null && !existing.equals(type.getValue().get(name))) {
                        String prefix = "#/components/" + type.getKey() + "/";
                        renamedRefs.put(prefix + name, prefix + service + "_" + name);
                    }
                }));
        rewriteRefs(doc, renamedRefs);

        doc.path("paths").fields().forEachRemaining(p -> {
            if (!paths.has(p.getKey())) {
                paths.set(p.getKey(), p.getValue());
            }
        });
        doc.path("components").fields().forEachRemaining(type -> {
            ObjectNode merged = components.has(type.getKey())
                    ? (ObjectNode) components.get(type.getKey())
                    : components.putObject(type.getKey());
            type.getValue().fields().forEachRemaining(c -> {
                String ref = "#/components/" + type.getKey() + "/" + c.getKey();
                String name = renamedRefs.containsKey(ref) ? service + "_" + c.getKey() : c.getKey();
                if (!merged.has(name)) {
                    merged.set(name, c.getValue());
                }
            });
        });
        doc.path("tags").forEach(tag -> {
            boolean known = tags.stream().anyMatch(t -> t.path("name").equals(tag.path("name")));
            if (!known) {
                tags.add(tag);
            }
        });
        return this;
    }

    /** Records a service whose document could not be fetched. */
    public OpenApiMerger unavailable(String service) {
        unavailable.add(service);
        return this;
    }

    public ObjectNode result() {
        ObjectNode root = JSON.objectNode();
        root.put("openapi", openapiVersion != null ? openapiVersion : "3.1.0");
        root.putObject("info")
                .put("title", "Meedoen API")
                .put("version", "v1")
                .put("description", "All Meedoen services behind one gateway.");
        root.putArray("servers").addObject().put("url", "/");
        if (!tags.isEmpty()) {
            root.putArray("tags").addAll(tags);
        }
        ObjectNode finalPaths = paths.deepCopy();
        ObjectNode finalComponents = components.deepCopy();
        PlatformContract.apply(finalPaths, finalComponents);
        root.set("paths", finalPaths);
        if (!finalComponents.isEmpty()) {
            root.set("components", finalComponents);
        }
        if (!unavailable.isEmpty()) {
            var list = root.putArray("x-meedoen-unavailable");
            unavailable.forEach(list::add);
        }
        return root;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            rewriteRefs(it.next(), renamed);
        }
    }
}
