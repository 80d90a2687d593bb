package nl.meedoen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object of every rendered overlay (and of the shared platform) against the schema of its apiVersion and
 * kind ({@link Schemas}): a misspelt field, a string where an integer goes, or a kind nobody has a schema for fails
 * the build with the overlay, the object and the JSON path.
 */
class ManifestSchemaTest {

    private static final Map<String, Rendered> RENDERED = new TreeMap<>();

    @BeforeAll
    static void render() {
        for (String overlay : Rendered.overlays()) {
            RENDERED.put(overlay, Rendered.render(overlay));
        }
        RENDERED.put("shared-platform", Rendered.render("shared-platform", Rendered.SHARED_PLATFORM));
    }

    @Test
    void everyObjectOfEveryOverlayFitsTheSchemaOfItsKind() {
        List<Schemas.Problem> problems = new ArrayList<>();
        RENDERED.values().forEach(r -> problems.addAll(Schemas.check(r.overlay(), r.objects())));
        assertTrue(
                problems.isEmpty(),
                problems.size() + " schema violations:\n"
                        + problems.stream().map(Schemas.Problem::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void everyKindTheOverlaysUseHasASchema() {
        TreeSet<String> used = new TreeSet<>();
        RENDERED.values()
                .forEach(r -> r.objects()
                        .forEach(o -> used.add(o.path("apiVersion").asText() + " "
                                + o.path("kind").asText())));
        TreeSet<String> missing = new TreeSet<>(used);
        missing.removeAll(Schemas.kinds());
        assertTrue(missing.isEmpty(), "kinds without a schema: " + missing);
        assertFalse(used.isEmpty());
    }

    // The check must bite: each mistake, injected in memory into a rendered object, is reported at its path.

    @Test
    void aMisspeltDeploymentFieldIsReported() {
        assertReported(
                "prod",
                "Deployment",
                o -> spec(o).set("replica", spec(o).get("replicas")),
                ".spec.replica",
                "unknown field");
    }

    @Test
    void aStringForAnIntegerIsReported() {
        assertReported(
                "prod", "Deployment", o -> spec(o).put("replicas", "three"), ".spec.replicas", "expected an integer");
        assertReported(
                "prod", "Deployment", o -> spec(o).put("replicas", "3"), ".spec.replicas", "expected an integer");
    }

    @Test
    void mistakesDeepInAPodTemplateAreReported() {
        assertReported(
                "prod",
                "Deployment",
                o -> container(o).with("securityContext").put("runAsNonRot", true),
                ".spec.template.spec.containers[0].securityContext.runAsNonRot",
                "unknown field");
        assertReported(
                "prod",
                "Deployment",
                o -> ((ObjectNode) container(o).get("ports").get(0)).put("containerPort", "8080"),
                ".spec.template.spec.containers[0].ports[0].containerPort",
                "expected an integer");
        assertReported(
                "prod",
                "Deployment",
                o -> container(o).with("startupProbe").with("httpGet").put("port", true),
                ".spec.template.spec.containers[0].startupProbe.httpGet.port",
                "expected an integer or a string");
        assertReported(
                "prod",
                "Deployment",
                o -> ((ObjectNode) o.get("metadata")).with("labels").put("tier", 3),
                ".metadata.labels.tier",
                "expected a string");
    }

    @Test
    void mistakesInOperatorResourcesAreReported() {
        assertReported(
                "prod",
                "Cluster",
                o -> spec(o).set("instance", spec(o).get("instances")),
                ".spec.instance",
                "unknown field");
        assertReported("prod", "Cluster", o -> spec(o).put("instances", "3"), ".spec.instances", "expected an integer");
        assertReported(
                "prod",
                "Cluster",
                o -> spec(o).with("storage").put("sise", "5Gi"),
                ".spec.storage.sise",
                "unknown field");
        assertReported(
                "prod",
                "Kafka",
                o -> spec(o).with("kafka").set("listners", spec(o).with("kafka").get("listeners")),
                ".spec.kafka.listners",
                "unknown field");
        assertReported(
                "prod",
                "Kafka",
                o -> ((ObjectNode) spec(o).with("kafka").get("listeners").get(0)).put("port", "9093"),
                ".spec.kafka.listeners[0].port",
                "expected an integer");
        // a field Strimzi keeps only in v1beta2 (replicas are set on the KafkaNodePool in v1)
        assertReported(
                "prod",
                "Kafka",
                o -> spec(o).with("kafka").put("replicas", 3),
                ".spec.kafka.replicas",
                "unknown field");
        assertReported(
                "prod", "KafkaTopic", o -> spec(o).put("partitions", "six"), ".spec.partitions", "expected an integer");
        assertReported(
                "prod",
                "HTTPRoute",
                o -> spec(o).set("parentRef", spec(o).get("parentRefs")),
                ".spec.parentRef",
                "unknown field");
        assertReported(
                "prod",
                "ServiceMonitor",
                o -> spec(o).set("endpoint", spec(o).get("endpoints")),
                ".spec.endpoint",
                "unknown field");
        assertReported("prod", "ObjectStore", o -> spec(o).put("retention", "30d"), ".spec.retention", "unknown field");
        assertReported(
                "prod", "ScheduledBackup", o -> spec(o).put("method", "barman"), ".spec.method", "is not one of");
    }

    /** No kind's schema is open: a stray field at the top, in metadata and in spec is reported for every kind used. */
    @Test
    void everyKindRejectsAnUnknownField() {
        TreeSet<String> checked = new TreeSet<>();
        for (Rendered r : RENDERED.values()) {
            for (JsonNode o : r.objects()) {
                String kind =
                        o.path("apiVersion").asText() + " " + o.path("kind").asText();
                if (!checked.add(kind)) {
                    continue;
                }
                ObjectNode copy = o.deepCopy();
                copy.put("specc", 1);
                ((ObjectNode) copy.get("metadata")).put("lables", "x");
                List<String> expected = new ArrayList<>(List.of(".specc", ".metadata.lables"));
                if (copy.get("spec") instanceof ObjectNode spec) {
                    spec.put("zzUnknown", 1);
                    expected.add(".spec.zzUnknown");
                }
                TreeSet<String> paths = Schemas.check(r.overlay(), List.of(copy)).stream()
                        .filter(p -> p.message().startsWith("unknown field"))
                        .map(Schemas.Problem::path)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(new TreeSet<>(expected), paths, kind + " in " + r.overlay());
            }
        }
        assertEquals(new TreeSet<>(Schemas.kinds()), checked, "every kind with a schema is used and checked here");
    }

    @Test
    void missingRequiredFieldsAndValuesOutsideAnEnumAreReported() {
        assertReported(
                "prod",
                "Deployment",
                o -> container(o).remove("name"),
                ".spec.template.spec.containers[0].name",
                "required field missing");
        assertReported(
                "prod",
                "Kafka",
                o -> ((ObjectNode) spec(o).with("kafka").get("listeners").get(0)).put("type", "internl"),
                ".spec.kafka.listeners[0].type",
                "is not one of");
        assertReported(
                "prod",
                "Cluster",
                o -> spec(o).put("primaryUpdateStrategy", "auto"),
                ".spec.primaryUpdateStrategy",
                "is not one of");
        assertReported(
                "prod",
                "Kafka",
                o -> spec(o).with("kafka").remove("listeners"),
                ".spec.kafka.listeners",
                "required field missing");
    }

    @Test
    void anUnknownKindIsReported() {
        ObjectNode ingress = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        ingress.put("apiVersion", "networking.k8s.io/v1")
                .put("kind", "Ingress")
                .with("metadata")
                .put("name", "x");
        List<Schemas.Problem> problems = Schemas.check("test", List.of(ingress));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("no schema for"), problems.toString());
    }

    private static void assertReported(
            String overlay, String kind, Consumer<ObjectNode> mistake, String path, String message) {
        Rendered rendered = RENDERED.get(overlay);
        List<JsonNode> objects = new ArrayList<>();
        String name = null;
        for (JsonNode o : rendered.objects()) {
            if (name == null && kind.equals(o.path("kind").asText())) {
                ObjectNode copy = o.deepCopy();
                mistake.accept(copy);
                name = kind + "/" + Rendered.name(o);
                objects.add(copy);
            } else {
                objects.add(o);
            }
        }
        assertTrue(name != null, overlay + " has no " + kind);
        List<Schemas.Problem> problems = Schemas.check(overlay, objects);
        String object = name;
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.overlay().equals(overlay)
                                && p.object().equals(object)
                                && p.path().equals(path)
                                && p.message().contains(message)),
                "expected \"" + message + "\" at " + object + " " + path + ", got " + problems);
        assertEquals(1, problems.size(), "only the injected mistake: " + problems);
    }

    private static ObjectNode spec(ObjectNode object) {
        return (ObjectNode) object.get("spec");
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode)
                spec(deployment).get("template").get("spec").get("containers").get(0);
    }
}
