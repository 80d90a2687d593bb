package nl.meedoen.deploy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.google.gson.annotations.SerializedName;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema of every (apiVersion, kind) the manifests use, and the check of a rendered object against it.
 *
 * <p>Three sources, all read offline:
 *
 * <ul>
 *   <li>Kubernetes' own kinds: the model classes of the official Java client ({@code io.kubernetes:client-java-api}),
 *       generated from the Kubernetes OpenAPI document: their {@code @SerializedName} fields are the fields the API
 *       knows, their field types the value types, and {@code openapiRequiredFields} the required ones.
 *   <li>Strimzi, Gateway API and the Prometheus operator: the Jackson-annotated model classes their CRDs are made from
 *       or generated from ({@code io.strimzi:api}, fabric8's {@code kubernetes-model-gatewayapi} and
 *       {@code openshift-model-monitoring}); a Strimzi property marked present only in {@code v1beta2} is not part of
 *       {@code kafka.strimzi.io/v1}.
 *   <li>CloudNativePG and the Barman Cloud plugin, which publish no Java model: JSON schemas kept in
 *       {@code src/test/resources/schemas/} (see the README there).
 * </ul>
 *
 * <p>Every object is closed, as the API server's strict field validation ({@code kubectl apply} since 1.27) is: a
 * field the schema does not name is an error, unless the schema says {@code x-kubernetes-preserve-unknown-fields} or
 * the model's type is free-form ({@code Object}, {@code JsonNode}, {@code Map<String, Object>}). Scalars are not
 * coerced: {@code "3"} is not an integer and {@code 3} is not a string.
 */
final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeFactory TYPES = JSON.getTypeFactory();
    private static final String CRD_VERSION = "v1";

    /** One finding: where (overlay, kind/name), the JSON path in the object, and what is wrong. */
    record Problem(String overlay, String object, String path, String message) {
        @Override
        public String toString() {
            return overlay + ": " + object + ": " + (path.isEmpty() ? "(object)" : path) + ": " + message;
        }
    }

    private interface Check {
        void check(JsonNode node, String path, Sink sink);
    }

    private interface Sink {
        void problem(String path, String message);
    }

    /** (apiVersion, kind) to its schema. A kind missing here is itself a problem: nothing passes unchecked. */
    private static final Map<String, Check> KINDS = new LinkedHashMap<>();

    static {
        model("v1", "ConfigMap", io.kubernetes.client.openapi.models.V1ConfigMap.class);
        model("v1", "Namespace", io.kubernetes.client.openapi.models.V1Namespace.class);
        model("v1", "Secret", io.kubernetes.client.openapi.models.V1Secret.class);
        model("v1", "Service", io.kubernetes.client.openapi.models.V1Service.class);
        model("apps/v1", "Deployment", io.kubernetes.client.openapi.models.V1Deployment.class);
        model(
                "autoscaling/v2",
                "HorizontalPodAutoscaler",
                io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler.class);
        model("policy/v1", "PodDisruptionBudget", io.kubernetes.client.openapi.models.V1PodDisruptionBudget.class);
        model("networking.k8s.io/v1", "NetworkPolicy", io.kubernetes.client.openapi.models.V1NetworkPolicy.class);
        model("kafka.strimzi.io/v1", "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class);
        model("kafka.strimzi.io/v1", "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        model("kafka.strimzi.io/v1", "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class);
        model("kafka.strimzi.io/v1", "KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);
        model("gateway.networking.k8s.io/v1", "Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class);
        model(
                "gateway.networking.k8s.io/v1",
                "HTTPRoute",
                io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class);
        model(
                "monitoring.coreos.com/v1",
                "ServiceMonitor",
                io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class);
        model("monitoring.coreos.com/v1", "PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class);
        model(
                "monitoring.coreos.com/v1",
                "PrometheusRule",
                io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class);
        file("postgresql.cnpg.io/v1", "Cluster", "postgresql.cnpg.io_v1_cluster.json");
        file("postgresql.cnpg.io/v1", "Database", "postgresql.cnpg.io_v1_database.json");
        file("postgresql.cnpg.io/v1", "ScheduledBackup", "postgresql.cnpg.io_v1_scheduledbackup.json");
        file("barmancloud.cnpg.io/v1", "ObjectStore", "barmancloud.cnpg.io_v1_objectstore.json");
    }

    private Schemas() {}

    /** The (apiVersion, kind)s that have a schema, for the README and the test's report. */
    static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** Checks every object of a rendered overlay; an empty list means all of them fit their schema. */
    static List<Problem> check(String overlay, List<JsonNode> objects) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String apiVersion = object.path("apiVersion").asText();
            String kind = object.path("kind").asText();
            String name = kind + "/" + object.path("metadata").path("name").asText();
            Check schema = KINDS.get(key(apiVersion, kind));
            if (schema == null) {
                problems.add(new Problem(
                        overlay,
                        name,
                        "",
                        "no schema for apiVersion " + apiVersion + " kind " + kind
                                + " (add one to Schemas and the README's list)"));
                continue;
            }
            schema.check(object, "", (path, message) -> problems.add(new Problem(overlay, name, path, message)));
        }
        return problems;
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    private static void model(String apiVersion, String kind, Class<?> model) {
        KINDS.put(key(apiVersion, kind), (node, path, sink) -> checkType(TYPES.constructType(model), node, path, sink));
    }

    private static void file(String apiVersion, String kind, String resource) {
        JsonNode schema;
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource schemas/" + resource);
            }
            schema = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KINDS.put(key(apiVersion, kind), (node, path, sink) -> checkSchema(schema, schema, node, path, sink));
    }

    // ---------------------------------------------------------------------------------------------
    // Java models

    private static void checkType(JavaType type, JsonNode node, String path, Sink sink) {
        checkType(type, node, path, sink, true);
    }

    private static void checkType(JavaType type, JsonNode node, String path, Sink sink, boolean resolveSubtype) {
        if (node == null || node.isNull()) {
            return; // an explicit null is the same as leaving the field out
        }
        Class<?> raw = type.getRawClass();
        String simple = raw.getSimpleName();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || simple.equals("AnyType")) {
            return; // free-form
        }
        if (raw == String.class || raw == OffsetDateTime.class || raw == byte[].class) {
            expect(node.isTextual(), "a string", node, path, sink);
        } else if (raw == Integer.class
                || raw == int.class
                || raw == Long.class
                || raw == long.class
                || raw == Short.class
                || raw == short.class
                || raw == BigInteger.class) {
            expect(node.isIntegralNumber(), "an integer", node, path, sink);
        } else if (raw == Double.class
                || raw == double.class
                || raw == Float.class
                || raw == float.class
                || raw == BigDecimal.class
                || raw == Number.class) {
            expect(node.isNumber(), "a number", node, path, sink);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(node.isBoolean(), "a boolean", node, path, sink);
        } else if (simple.equals("IntOrString")) {
            expect(node.isIntegralNumber() || node.isTextual(), "an integer or a string", node, path, sink);
        } else if (simple.equals("Quantity")) {
            expect(node.isTextual() || node.isNumber(), "a quantity (string or number)", node, path, sink);
        } else if (raw.isEnum()) {
            checkEnum(raw, node, path, sink);
        } else if (type.isMapLikeType()) {
            if (expect(node.isObject(), "an object (a map)", node, path, sink)) {
                node.fields()
                        .forEachRemaining(
                                e -> checkType(type.getContentType(), e.getValue(), path + "." + e.getKey(), sink));
            }
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            if (expect(node.isArray(), "a list", node, path, sink)) {
                for (int i = 0; i < node.size(); i++) {
                    checkType(type.getContentType(), node.get(i), path + "[" + i + "]", sink);
                }
            }
        } else {
            checkObject(raw, node, path, sink, resolveSubtype);
        }
    }

    private static void checkObject(Class<?> raw, JsonNode node, String path, Sink sink, boolean resolveSubtype) {
        if (!expect(node.isObject(), "an object (" + raw.getSimpleName() + ")", node, path, sink)) {
            return;
        }
        Model model = model(raw);
        if (resolveSubtype && model.subtypes != null) {
            JsonNode id = node.get(model.typeProperty);
            Class<?> subtype = id == null ? null : model.subtypes.get(id.asText());
            if (subtype == null) {
                sink.problem(
                        path + "." + model.typeProperty,
                        (id == null ? "missing" : "unknown " + model.typeProperty + " " + id) + ", expected one of "
                                + model.subtypes.keySet());
                return;
            }
            checkType(TYPES.constructType(subtype), node, path, sink, false);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JavaType type = model.properties.get(field.getKey());
            String at = path + "." + field.getKey();
            if (type != null) {
                checkType(type, field.getValue(), at, sink);
            } else if (!field.getKey().equals(model.typeProperty)) {
                sink.problem(at, unknown(field.getKey(), model.properties.keySet()));
            }
        }
        for (String required : model.required) {
            if (!node.has(required)) {
                sink.problem(path + "." + required, "required field missing");
            }
        }
    }

    /** What a model class allows: its fields, the required ones, and for a polymorphic base its subtypes by id. */
    private record Model(
            Map<String, JavaType> properties,
            Set<String> required,
            String typeProperty,
            Map<String, Class<?>> subtypes) {}

    private static final Map<Class<?>, Model> MODELS = new ConcurrentHashMap<>();

    private static Model model(Class<?> raw) {
        Model known = MODELS.get(raw);
        if (known == null) {
            known = raw.getName().startsWith("io.kubernetes.client.") ? gsonModel(raw) : jacksonModel(raw);
            MODELS.put(raw, known);
        }
        return known;
    }

    /** The official client's models: Gson fields named by {@code @SerializedName}, required ones listed by the generator. */
    private static Model gsonModel(Class<?> raw) {
        Map<String, JavaType> properties = new LinkedHashMap<>();
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                SerializedName name = f.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(f.getModifiers())) {
                    properties.put(name.value(), TYPES.constructType(f.getGenericType()));
                }
            }
        }
        Set<String> required = new TreeSet<>();
        try {
            Field f = raw.getDeclaredField("openapiRequiredFields");
            f.setAccessible(true);
            for (Object r : (Collection<?>) f.get(null)) {
                required.add((String) r);
            }
        } catch (NoSuchFieldException e) {
            // no required fields
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return new Model(properties, required, null, null);
    }

    /** Jackson-annotated models (Strimzi, fabric8): the properties Jackson would bind, without any any-setter. */
    private static Model jacksonModel(Class<?> raw) {
        DeserializationConfig config = JSON.getDeserializationConfig();
        JavaType type = TYPES.constructType(raw);
        AnnotatedClass annotated = config.introspectClassAnnotations(type).getClassInfo();
        JsonTypeInfo typeInfo = annotated.getAnnotation(JsonTypeInfo.class);
        if (typeInfo != null && typeInfo.use() == JsonTypeInfo.Id.NAME) {
            Map<String, Class<?>> subtypes = new LinkedHashMap<>();
            for (NamedType t : JSON.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated)) {
                if (t.hasName() && presentInCrdVersion(t.getType().getAnnotation(PresentInVersions.class))) {
                    subtypes.put(t.getName(), t.getType());
                }
            }
            if (!subtypes.isEmpty() && !subtypes.containsValue(raw)) {
                return new Model(Map.of(), Set.of(), typeInfo.property(), subtypes);
            }
        }
        BeanDescription bean = config.introspect(type);
        Map<String, JavaType> properties = new LinkedHashMap<>();
        Set<String> required = new TreeSet<>();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!presentInCrdVersion(annotation(p))) {
                continue;
            }
            properties.put(p.getName(), p.getPrimaryType());
            if (p.isRequired()) {
                required.add(p.getName());
            }
        }
        return new Model(properties, required, typeInfo == null ? null : typeInfo.property(), null);
    }

    private static PresentInVersions annotation(BeanPropertyDefinition p) {
        for (AnnotatedMember m : new AnnotatedMember[] {p.getGetter(), p.getSetter(), p.getField()}) {
            if (m != null && m.getAnnotation(PresentInVersions.class) != null) {
                return m.getAnnotation(PresentInVersions.class);
            }
        }
        return null;
    }

    /** Strimzi's version ranges: {@code v1beta2}, {@code v1beta2+}, {@code v1beta1-v1beta2}; no annotation: all versions. */
    private static boolean presentInCrdVersion(PresentInVersions present) {
        if (present == null) {
            return true;
        }
        for (String range : present.value().split(",")) {
            String r = range.trim();
            if (r.endsWith("+") || r.equals(CRD_VERSION) || r.endsWith("-" + CRD_VERSION)) {
                return true;
            }
        }
        return false;
    }

    private static void checkEnum(Class<?> raw, JsonNode node, String path, Sink sink) {
        if (!expect(node.isTextual(), "a string", node, path, sink)) {
            return;
        }
        Set<String> allowed = new TreeSet<>();
        for (Object constant : raw.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                SerializedName serialized = raw.getField(name).getAnnotation(SerializedName.class);
                allowed.add(serialized != null ? serialized.value() : JSON.convertValue(constant, String.class));
            } catch (NoSuchFieldException | IllegalArgumentException e) {
                allowed.add(name);
            }
        }
        if (!allowed.contains(node.asText())) {
            sink.problem(path, "\"" + node.asText() + "\" is not one of " + allowed);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // JSON schemas (the OpenAPI v3 subset of CRDs)

    private static void checkSchema(JsonNode root, JsonNode schema, JsonNode node, String path, Sink sink) {
        if (node == null || node.isNull()) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("schema $ref " + ref + " not found");
            }
            checkSchema(root, target, node, path, sink);
            return;
        }
        if (schema.has("x-java-type")) {
            try {
                checkType(TYPES.constructFromCanonical(schema.get("x-java-type").asText()), node, path, sink);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("schema x-java-type " + schema.get("x-java-type"), e);
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            expect(node.isIntegralNumber() || node.isTextual(), "an integer or a string", node, path, sink);
            return;
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "string" -> expect(node.isTextual(), "a string", node, path, sink);
            case "integer" -> expect(node.isIntegralNumber(), "an integer", node, path, sink);
            case "number" -> expect(node.isNumber(), "a number", node, path, sink);
            case "boolean" -> expect(node.isBoolean(), "a boolean", node, path, sink);
            case "array" -> expect(node.isArray(), "a list", node, path, sink);
            case "object" -> expect(node.isObject(), "an object", node, path, sink);
            default -> true; // no type: any value
        };
        if (!ok) {
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(node);
            }
            if (!listed) {
                sink.problem(path, node + " is not one of " + schema.get("enum"));
            }
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                checkSchema(root, schema.get("items"), node.get(i), path + "[" + i + "]", sink);
            }
        }
        if (node.isObject() && type.equals("object")) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            boolean preserve =
                    schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    checkSchema(root, properties.get(field.getKey()), field.getValue(), at, sink);
                } else if (additional != null && additional.isObject()) {
                    checkSchema(root, additional, field.getValue(), at, sink);
                } else if (!preserve && !(additional != null && additional.asBoolean())) {
                    List<String> known = new ArrayList<>();
                    properties.fieldNames().forEachRemaining(known::add);
                    sink.problem(at, unknown(field.getKey(), known));
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    sink.problem(path + "." + required.asText(), "required field missing");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean expect(boolean ok, String what, JsonNode node, String path, Sink sink) {
        if (!ok) {
            sink.problem(path, "expected " + what + ", found " + describe(node));
        }
        return ok;
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String kind = node.isTextual() ? "string" : node.getNodeType().name().toLowerCase();
        return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }

    private static String unknown(String field, Collection<String> known) {
        Optional<String> close = known.stream()
                .filter(k -> distance(k.toLowerCase(), field.toLowerCase()) <= 2)
                .min((a, b) -> distance(a, field) - distance(b, field));
        return "unknown field \"" + field + "\""
                + close.map(k -> " (did you mean \"" + k + "\"?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
