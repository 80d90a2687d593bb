package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API fuzzing from the merged OpenAPI document (issue 9): for every operation, seeded invalid requests
 * — wrong types, missing and extra fields, huge strings and arrays, bad UUIDs, unicode edge cases,
 * negative and overflowing numbers, wrong content types, truncated and non-JSON bodies, bad path,
 * query and header values. Every answer must be below 500, documented for its operation in the merged
 * document (clients are generated from it), every 4xx a problem+json, and an operation
 * whose requests were all rejected must leave the services' request-driven tables as they were.
 *
 * <p>{@code -Dfuzz.seed=N} replays a run (the seed is printed; default a fixed one), {@code -Dfuzz.seed=random}
 * explores; {@code -Dfuzz.cases=300} for a full run (default 24 per operation).
 */
@ExtendWith(PlatformExtension.class)
class ApiFuzzIT {

    /** Fixed by default, so CI runs the same requests every time; {@code -Dfuzz.seed=random} explores. */
    static final long SEED = "random".equals(System.getProperty("fuzz.seed"))
            ? System.nanoTime()
            : Long.parseLong(System.getProperty("fuzz.seed", "20261126"));

    static final int CASES = Integer.getInteger("fuzz.cases", 24);
    static final List<String> ROLES = List.of("corporation", "tenant-organisation", "ops", "survey-frontend");
    /** Tables that background work writes (consumers, relays, schedulers, workers): not evidence of a request's effect. */
    static final Set<String> BACKGROUND = Set.of(
            "outbox_event",
            "processed_event",
            "population_member",
            "delivery",
            "mailing_recipient",
            "known_consultation",
            "known_organisation",
            "audience_member",
            "invitation",
            "result_cell",
            "result_increment",
            "idempotency_record",
            "flyway_schema_history",
            "tenant_import_error",
            // jobs and what they write run after the request that queued them
            "job",
            "tenant_import_upload",
            "print_batch",
            "response_export",
            "response_export_chunk");

    static final List<String> UNICODE = List.of(
            "\u0000",
            "\ud800",
            "\udfff",
            "\u202e\u0644\u0627",
            "\ufeffBOM",
            "a\u0301\u0301\u0301",
            "\ud83d\ude00\ud83d\udca9",
            "\uffff",
            "%00%2e%2e%2f",
            "'; DROP TABLE tenant;--",
            "../../../etc/passwd",
            "${jndi:ldap://x/a}",
            "\u0085\u2028\u2029",
            "𝕳𝖊𝖑𝖑𝖔",
            " ",
            "",
            "null");
    static final List<Object> NUMBERS = List.of(
            -1,
            0,
            -2147483649L,
            new java.math.BigInteger("9223372036854775808"),
            new java.math.BigDecimal("1e309"),
            new java.math.BigDecimal("-1e309"),
            1.5,
            new java.math.BigInteger("99999999999999999999999999"),
            -0.0,
            Integer.MAX_VALUE,
            Long.MIN_VALUE);
    static final List<String> BAD_UUIDS = List.of(
            "",
            "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g",
            "{uuid}",
            UUID.randomUUID() + "0",
            " " + UUID.randomUUID(),
            "00000000000000000000000000000000",
            "-1",
            "\u0000");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<String, Connection> databases = new LinkedHashMap<>();
    private Map<String, Object> components;
    private final Map<String, String> fixtures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int overLimits;
    private int stateChecked;
    private Platform platform;

    record Operation(String method, String path, Map<String, Object> spec) {}

    /** {@code path}: the path as sent, query cut off (a bad path value may make it another resource's). */
    record Sent(String description, int status, String contentType, String body, String path) {}

    @Test
    void noInputGetsA5xxAndRejectedInputChangesNothing(Platform platform) throws Exception {
        this.platform = platform;
        System.out.println(
                "[fuzz] seed " + SEED + " (replay: -Dfuzz.seed=" + SEED + "), " + CASES + " cases per operation");
        Map<String, Object> openapi = JsonPath.from(given().baseUri(platform.gatewayUrl())
                        .get("/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get();
        components = map(map(openapi.get("components")).get("schemas"));
        createFixtures();

        List<Operation> operations = new ArrayList<>();
        map(openapi.get("paths"))
                .forEach((path, item) -> map(item).forEach((method, spec) -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        operations.add(new Operation(method.toUpperCase(), path, map(spec)));
                    }
                }));
        // deletions last, as they may remove the fixtures the other operations use; the tenant's erasure very last,
        // as it goes on in the background (read models, panel membership) after its request was answered
        operations.sort(java.util.Comparator.comparing(
                        (Operation o) -> o.method().equals("DELETE"))
                .thenComparing(o -> o.method().equals("DELETE") && o.path().equals("/api/v1/tenants/{tenantRef}")));

        long t0 = System.nanoTime();
        int requests = 0;
        Random random = new Random(SEED);
        try {
            for (String database : Stack.DATABASES) {
                databases.put(database, platform.database(database));
            }
            for (Operation op : operations) {
                requests += fuzz(op, new Random(random.nextLong()));
            }
        } finally {
            for (Connection c : databases.values()) {
                c.close();
            }
        }
        System.out.printf(
                "[fuzz] %d operations, %d requests in %.1f s (%d answered 414/431 for a request target or headers over the limits);"
                        + " row counts compared for the %d operations that rejected every request%n",
                operations.size(), requests, (System.nanoTime() - t0) / 1e9, overLimits, stateChecked);
        java.nio.file.Path report = java.nio.file.Path.of("target", "fuzz-findings.txt");
        java.nio.file.Files.deleteIfExists(report);
        if (!failures.isEmpty()) {
            // getBytes replaces what UTF-8 cannot encode (the lone surrogates some cases send) instead of failing
            java.nio.file.Files.write(report, String.join("\n", failures).getBytes(StandardCharsets.UTF_8));
            System.out.println("[fuzz] all " + failures.size() + " findings in " + report.toAbsolutePath());
            fail(failures.size() + " findings (seed " + SEED + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        }
    }

    private int fuzz(Operation op, Random random) throws Exception {
        Sent probe = chooseRole(op);
        String role = probe.description().substring("probe as ".length());
        Map<String, Long> before = snapshot();
        // An accepted probe may still be taking effect in the background (an erasure reaching the read models):
        // only operations that rejected every request, the probe included, have their row counts compared.
        int accepted = probe.status() < 400 ? 1 : 0;
        for (int i = 0; i < CASES; i++) {
            Sent sent = send(op, role, random, i);
            if (sent == null) {
                continue;
            }
            check(op, sent, i);
            if (sent.status() < 400) {
                accepted++;
            }
        }
        if (accepted == 0) {
            stateChecked++;
            Map<String, Long> after = snapshot();
            if (!after.equals(before)) {
                Map<String, String> diff = new TreeMap<>();
                after.forEach((table, n) -> {
                    if (!n.equals(before.get(table))) {
                        diff.put(table, before.get(table) + " -> " + n);
                    }
                });
                failures.add(op.method() + " " + op.path() + ": every request was rejected, yet rows changed: " + diff);
            }
        }
        return CASES;
    }

    private void check(Operation op, Sent sent, int i) {
        String where = op.method() + " " + op.path() + " case " + i + " [" + sent.description() + "]";
        if (sent.status() == 414 || sent.status() == 431) {
            overLimits++; // the gateway's limits (or the HTTP decoder's, above them): problems like every other 4xx
        }
        if (sent.status() >= 500) {
            failures.add(where + ": " + sent.status() + " " + abbreviate(sent.body()));
        } else if (!documented(op, sent.status())
                && !(otherResource(op, sent.path()) && (sent.status() == 404 || sent.status() == 405))) {
            // clients are generated from the merged document: a status it does not list for the operation breaks them
            failures.add(where + ": " + sent.status() + " is not documented for this operation (documented: "
                    + new java.util.TreeSet<>(responses(op).keySet()) + ") " + abbreviate(sent.body()));
        } else if (sent.status() >= 400
                && (sent.contentType() == null || !sent.contentType().startsWith("application/problem+json"))) {
            failures.add(where + ": " + sent.status() + " with content type " + sent.contentType() + " "
                    + abbreviate(sent.body()));
        }
    }

    /** Whether the merged document lists the status for the operation: exactly, by its range (4XX) or as default. */
    private boolean documented(Operation op, int status) {
        Map<String, Object> responses = responses(op);
        return responses.containsKey(Integer.toString(status))
                || responses.containsKey(status / 100 + "XX")
                || responses.containsKey("default");
    }

    /**
     * Whether the path sent is no longer one of the operation's: an empty path value makes {@code /tenant-imports/{id}}
     * the collection {@code /tenant-imports/}, whose answer (404 for a path, 405 for a method it does not serve, both
     * problems) is not the operation's to document.
     */
    private static boolean otherResource(Operation op, String sentPath) {
        String template = java.util.regex.Pattern.quote(op.path()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        return sentPath == null || !sentPath.matches(template);
    }

    private Map<String, Object> responses(Operation op) {
        Map<String, Object> responses = map(op.spec().get("responses"));
        return responses == null ? Map.of() : responses;
    }

    /** A request with the plausible body as the first role the operation lets past authorisation, so the fuzzed input reaches validation. */
    private Sent chooseRole(Operation op) throws Exception {
        Sent probe = null;
        for (String role : ROLES) {
            probe = request(
                    op,
                    role,
                    pathWith(op, null, null),
                    Map.of(),
                    contentTypeOf(op),
                    body(op) == null ? null : json(validBody(op, new Random(1))).getBytes(StandardCharsets.UTF_8),
                    "probe as " + role);
            check(op, probe, -1);
            if (probe.status() != 401 && probe.status() != 403) {
                return probe;
            }
        }
        return new Sent("probe as " + ROLES.get(0), probe.status(), probe.contentType(), probe.body(), probe.path());
    }

    // ---- one fuzzed request ----

    private Sent send(Operation op, String role, Random random, int i) throws Exception {
        Map<String, Object> bodySchema = body(op);
        String contentType = contentTypeOf(op);
        boolean jsonBody = bodySchema != null && contentType.contains("json");
        int kinds = 14;
        int kind = (i + random.nextInt(kinds)) % kinds;
        if (bodySchema == null && kind <= 10) {
            kind = 11 + random.nextInt(3); // no body: fuzz parameters and headers
        }
        Object valid = bodySchema == null ? null : validBody(op, random);
        byte[] body = valid == null ? null : (jsonBody ? json(valid) : "x").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        String description;
        String path = pathWith(op, null, null);
        switch (kind) {
            case 0 -> {
                Object mutated = mutate(valid, random, v -> wrongType(v, random));
                body = bytes(mutated);
                description = "wrong type " + abbreviate(json(mutated));
            }
            case 1 -> {
                Object mutated = removeField(valid, random);
                body = bytes(mutated);
                description = "missing field " + abbreviate(json(mutated));
            }
            case 2 -> {
                Object mutated = addField(valid, random);
                body = bytes(mutated);
                description = "extra field " + abbreviate(json(mutated));
            }
            case 3 -> {
                int n = 50_000 + random.nextInt(150_000);
                String huge = (random.nextBoolean() ? "a" : "é😀").repeat(n / 2);
                body = bytes(mutate(valid, random, v -> huge));
                description = "huge string of " + huge.length() + " chars";
            }
            case 4 -> {
                int n = 5_000 + random.nextInt(20_000);
                List<Object> huge = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    huge.add(random.nextBoolean() ? "v" + k : k);
                }
                body = bytes(mutate(valid, random, v -> huge));
                description = "huge array of " + n;
            }
            case 5 -> {
                String s = UNICODE.get(random.nextInt(UNICODE.size()));
                Object mutated = mutate(valid, random, v -> s);
                body = bytes(mutated);
                description = "unicode " + abbreviate(json(mutated));
            }
            case 6 -> {
                Object n = NUMBERS.get(random.nextInt(NUMBERS.size()));
                Object mutated = mutate(valid, random, v -> n);
                body = bytes(mutated);
                description = "number " + abbreviate(json(mutated));
            }
            case 7 -> {
                String bad = BAD_UUIDS.get(random.nextInt(BAD_UUIDS.size()));
                Object mutated = mutate(valid, random, v -> bad);
                body = bytes(mutated);
                path = pathWith(op, null, bad);
                description = "bad uuid " + abbreviate(bad) + " in " + path + " " + abbreviate(json(mutated));
            }
            case 8 -> {
                contentType = List.of(
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data",
                                "application/json; charset=ebcdic",
                                "???",
                                "")
                        .get(random.nextInt(7));
                description = "content type '" + contentType + "'";
            }
            case 9 -> {
                byte[] whole = body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body;
                int cut = whole.length <= 1 ? 0 : 1 + random.nextInt(whole.length - 1);
                body = java.util.Arrays.copyOf(whole, cut);
                description = "truncated at " + cut + ": " + abbreviate(new String(body, StandardCharsets.UTF_8));
            }
            case 10 -> {
                int depth = 2_000 + random.nextInt(8_000);
                List<byte[]> junk = List.of(
                        new byte[0],
                        "null".getBytes(),
                        "[]".getBytes(),
                        "\"s\"".getBytes(),
                        "}{".getBytes(),
                        ("[".repeat(depth) + "]".repeat(depth)).getBytes(),
                        ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(),
                        new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xfe},
                        "{\"a\":1,\"a\":2}".getBytes(),
                        "1e999999999".getBytes());
                body = junk.get(random.nextInt(junk.size()));
                description = "not JSON: " + abbreviate(new String(body, StandardCharsets.ISO_8859_1));
            }
            case 11 -> {
                String query = badQuery(op, random);
                path = path + query;
                description = "query " + abbreviate(query);
            }
            case 12 -> {
                String bad = badValue(random);
                path = pathWith(op, random, bad);
                description = "path " + abbreviate(path);
            }
            default -> {
                String value = badValue(random);
                String header = List.of(
                                "Idempotency-Key",
                                "If-Match",
                                "Invitation-Token",
                                "Accept",
                                "Accept-Language",
                                "X-Correlation-Id")
                        .get(random.nextInt(6));
                headers.put(header, value);
                description = "header " + header + ": " + abbreviate(value);
            }
        }
        return request(op, role, path, headers, contentType, body, description);
    }

    private Sent request(
            Operation op,
            String role,
            String path,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            String description)
            throws IOException, InterruptedException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            return null; // not even a URI: no client can send it
        }
        b.header("Authorization", "Bearer " + platform.token(role));
        headers.forEach((k, v) -> {
            try {
                b.header(k, v);
            } catch (IllegalArgumentException e) {
                // a value the HTTP client refuses (control characters) cannot reach the server either
            }
        });
        if (!headers.containsKey("Accept")) {
            b.header("Accept", "application/json");
        }
        if (body != null || Set.of("POST", "PUT", "PATCH").contains(op.method())) {
            if (contentType != null && !contentType.isEmpty()) {
                b.header("Content-Type", contentType);
            }
            b.method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        } else {
            b.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = b.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
                return new Sent(
                        description,
                        r.statusCode(),
                        r.headers().firstValue("Content-Type").orElse(null),
                        r.body(),
                        built.uri().getRawPath());
            } catch (IOException e) {
                // The server closes the connection after a 414/431 and the client may have pooled it: try once more.
                // Hanging up twice without an answer is a finding like a 5xx.
                if (attempt == 2) {
                    return new Sent(
                            description,
                            599,
                            null,
                            "no answer: " + e,
                            built.uri().getRawPath());
                }
            }
        }
    }

    // ---- paths, parameters, bodies ----

    /** The path with real fixture ids (so requests get past "not found"), or one parameter replaced by a bad value. */
    private String pathWith(Operation op, Random random, String bad) {
        List<Map<String, Object>> params = parameters(op, "path");
        int target = bad == null || params.isEmpty()
                ? -1
                : random == null ? uuidParam(params) : random.nextInt(params.size());
        String path = op.path();
        for (int i = 0; i < params.size(); i++) {
            String name = (String) params.get(i).get("name");
            String value = i == target ? bad : fixture(op.path(), name);
            path = path.replace(
                    "{" + name + "}",
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path;
    }

    private int uuidParam(List<Map<String, Object>> params) {
        for (int i = 0; i < params.size(); i++) {
            Map<String, Object> schema = map(params.get(i).get("schema"));
            if (schema != null && "uuid".equals(schema.get("format"))) {
                return i;
            }
        }
        return -1;
    }

    private String badQuery(Operation op, Random random) {
        StringBuilder q = new StringBuilder("?");
        for (Map<String, Object> p : parameters(op, "query")) {
            String value = random.nextInt(3) == 0
                    ? String.valueOf(NUMBERS.get(random.nextInt(NUMBERS.size())))
                    : badValue(random);
            q.append(p.get("name"))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                    .append('&');
            if (random.nextBoolean()) { // the same parameter twice
                q.append(p.get("name")).append("=abc&");
            }
        }
        q.append("unknownParam")
                .append(random.nextInt(9))
                .append("=")
                .append(URLEncoder.encode(badValue(random), StandardCharsets.UTF_8));
        return q.toString();
    }

    private String badValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> UNICODE.get(random.nextInt(UNICODE.size()));
            case 1 -> BAD_UUIDS.get(random.nextInt(BAD_UUIDS.size()));
            case 2 -> "x".repeat(4_000 + random.nextInt(4_000));
            case 3 -> String.valueOf(NUMBERS.get(random.nextInt(NUMBERS.size())));
            default -> "true";
        };
    }

    /**
     * The body the mutations start from: the schema's example or one built from it. Inviting to the fixture
     * panel names the fixture tenant, so a request that passes never mails other tests' tenants.
     */
    private Object validBody(Operation op, Random random) {
        if (op.method().equals("POST") && op.path().equals("/api/v1/panels/{panelId}/invitations")) {
            return new LinkedHashMap<>(Map.of("tenantRefs", List.of(fixtures.get("tenantRef"))));
        }
        return sample(body(op), 0, random);
    }

    private String fixture(String path, String name) {
        String resource = path.split("/").length > 3 ? path.split("/")[3] : "";
        return switch (name) {
            case "tenantRef" -> fixtures.get("tenantRef");
            case "panelId" -> fixtures.get("panels");
            case "themeId" -> fixtures.get("themeId");
            case "sessionId" -> fixtures.get("sessionId");
            case "key" -> fixtures.get("templateKey"); // its own template: the platform's templates stay as they are
            case "language" -> "nl";
            case "purpose" -> "consultation";
            case "id" -> fixtures.getOrDefault(resource, UUID.randomUUID().toString());
            default -> UUID.randomUUID().toString();
        };
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parameters(Operation op, String in) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object params = op.spec().get("parameters");
        if (params instanceof List<?> list) {
            for (Object p : list) {
                Map<String, Object> param = resolve((Map<String, Object>) p);
                if (in.equals(param.get("in"))) {
                    out.add(param);
                }
            }
        }
        return out;
    }

    private Map<String, Object> body(Operation op) {
        Map<String, Object> content = content(op);
        if (content == null || content.isEmpty()) {
            return null;
        }
        Map<String, Object> media = map(content.get(contentTypeOf(op)));
        Map<String, Object> schema = media == null ? null : map(media.get("schema"));
        return schema == null ? Map.of() : schema;
    }

    private String contentTypeOf(Operation op) {
        Map<String, Object> content = content(op);
        if (content == null || content.isEmpty()) {
            return "application/json";
        }
        return content.containsKey("application/json")
                ? "application/json"
                : content.keySet().iterator().next();
    }

    private Map<String, Object> content(Operation op) {
        Map<String, Object> requestBody = map(op.spec().get("requestBody"));
        return requestBody == null ? null : map(resolve(requestBody).get("content"));
    }

    /** A plausible value for the schema: its example when it has one, else built from types, formats and enums. */
    private Object sample(Map<String, Object> schema, int depth, Random random) {
        schema = resolve(schema);
        if (depth > 6) {
            return null;
        }
        Object example = schema.get("example");
        if (example != null) {
            if (example instanceof String s && (s.startsWith("{") || s.startsWith("["))) {
                try {
                    return JsonPath.from(s).get();
                } catch (RuntimeException e) {
                    // not JSON after all: generate below
                }
            } else {
                return example;
            }
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.get(combinator) instanceof List<?> parts && !parts.isEmpty()) {
                return sample(map(parts.get(0)), depth + 1, random);
            }
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            type = types.stream()
                    .filter(t -> !"null".equals(t))
                    .map(String::valueOf)
                    .findFirst()
                    .orElse("string");
        }
        String format = (String) schema.get("format");
        if (type == null && schema.get("properties") != null) {
            type = "object";
        }
        switch (String.valueOf(type)) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                Map<String, Object> properties = map(schema.get("properties"));
                if (properties != null) {
                    properties.forEach((name, property) -> object.put(name, sample(map(property), depth + 1, random)));
                }
                return object;
            }
            case "array" -> {
                Map<String, Object> items = map(schema.get("items"));
                List<Object> list = new ArrayList<>();
                list.add(items == null ? "x" : sample(items, depth + 1, random));
                return list;
            }
            case "integer" -> {
                return schema.get("minimum") instanceof Number min ? min : 1;
            }
            case "number" -> {
                return schema.get("minimum") instanceof Number min ? min : 1.0;
            }
            case "boolean" -> {
                return true;
            }
            default -> {
                if ("uuid".equals(format)) {
                    return UUID.randomUUID().toString();
                } else if ("date".equals(format)) {
                    return "2027-01-01";
                } else if ("date-time".equals(format)) {
                    return "2027-01-01T10:00:00Z";
                }
                return "x";
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        for (int i = 0; schema != null && schema.get("$ref") instanceof String ref && i < 10; i++) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            Map<String, Object> target = ref.contains("/schemas/") ? map(components.get(name)) : null;
            if (target == null) {
                return Map.of();
            }
            schema = target;
        }
        return schema == null ? Map.of() : schema;
    }

    // ---- mutations of a JSON value ----

    /** Replaces one randomly chosen node (the root when it has no children) by what the function gives for it. */
    @SuppressWarnings("unchecked")
    private static Object mutate(Object value, Random random, java.util.function.UnaryOperator<Object> replace) {
        if (value instanceof Map<?, ?> m && !m.isEmpty() && random.nextInt(4) != 0) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            String key = new ArrayList<>(copy.keySet()).get(random.nextInt(copy.size()));
            copy.put(key, mutate(copy.get(key), random, replace));
            return copy;
        }
        if (value instanceof List<?> l && !l.isEmpty() && random.nextInt(4) != 0) {
            List<Object> copy = new ArrayList<>(l);
            int i = random.nextInt(copy.size());
            copy.set(i, mutate(copy.get(i), random, replace));
            return copy;
        }
        return replace.apply(value);
    }

    private static Object wrongType(Object v, Random random) {
        if (v instanceof String) {
            return random.nextBoolean() ? 42 : List.of("x");
        } else if (v instanceof Number) {
            return random.nextBoolean() ? "forty-two" : Map.of("n", 1);
        } else if (v instanceof Boolean) {
            return "yes";
        } else if (v instanceof Map) {
            return List.of(v);
        } else if (v instanceof List) {
            return Map.of("0", "x");
        }
        return random.nextBoolean() ? Map.of() : 1;
    }

    @SuppressWarnings("unchecked")
    private static Object removeField(Object value, Random random) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            String key = new ArrayList<>(copy.keySet()).get(random.nextInt(copy.size()));
            if (random.nextBoolean() && copy.get(key) instanceof Map<?, ?> inner && !inner.isEmpty()) {
                copy.put(key, removeField(inner, random));
            } else {
                copy.remove(key);
            }
            return copy;
        }
        return value instanceof List<?> l && !l.isEmpty() ? new ArrayList<>(l.subList(1, l.size())) : null;
    }

    @SuppressWarnings("unchecked")
    private static Object addField(Object value, Random random) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            copy.put("unexpected" + random.nextInt(100), random.nextBoolean() ? "x" : Map.of("nested", List.of(1, 2)));
            return copy;
        }
        return Map.of("value", value == null ? "x" : value, "unexpected", true);
    }

    private static byte[] bytes(Object value) {
        return json(value).getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text of maps, lists, strings, numbers, booleans and null; strings escaped as JSON requires, nothing more. */
    static String json(Object v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "" : ",");
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(l.get(i), out);
            }
            out.append(']');
        } else if (v instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20 || Character.isSurrogate(c) && s.length() == 1) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else {
            out.append(v);
        }
    }

    // ---- fixtures and state ----

    /** Real resources, so requests naming them reach the services' validation instead of stopping at "not found". */
    private void createFixtures() {
        String tag = Journeys.tag();
        String ref = Journeys.register(platform, "FZ-" + tag, "C-" + tag, Journeys.neighbourhood(), 1980, 1);
        fixtures.put("tenantRef", ref);
        fixtures.put("templateKey", "fuzz.t" + tag);
        fixtures.put("tenants", ref);
        fixtures.put(
                "consultations",
                platform.api()
                        .body("""
                        {"kind":"SURVEY","title":{"nl":"Fuzz"},"anonymity":"ANONYMOUS","audience":{"type":"LIST","tenantRefs":["%s"]}}""".formatted(ref))
                        .post("/api/v1/consultations")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        String panel = platform.api()
                .body("""
                        {"name":"Fuzz %s","purpose":"Fuzz","coOwnerParty":"tenant-organisation","tenantOrganisation":"tenant-organisation-client",
                         "targetSize":10,"strata":["ageBand"],"consentText":"Ik doe mee."}""".formatted(tag))
                .post("/api/v1/panels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        fixtures.put("panels", panel);
        fixtures.put(
                "themeId",
                platform.api()
                        .body("{\"title\":\"Fuzz\"}")
                        .post("/api/v1/panels/" + panel + "/themes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        JsonPath campaign = platform.api()
                .body(Journeys.campaign("Fuzz " + tag, 2, "C-" + tag))
                .post("/api/v1/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        fixtures.put("campaigns", campaign.getString("id"));
        fixtures.put("sessionId", campaign.getString("sessions[0].id"));
    }

    /** Row counts of every request-driven table of every service database. */
    private Map<String, Long> snapshot() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Connection> db : databases.entrySet()) {
            String database = db.getKey();
            try (Statement s = db.getValue().createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs =
                        s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                + " AND table_type = 'BASE TABLE' ORDER BY 1")) {
                    while (rs.next()) {
                        if (!BACKGROUND.contains(rs.getString(1))) {
                            tables.add(rs.getString(1));
                        }
                    }
                }
                if (tables.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder();
                for (String table : tables) {
                    sql.append(sql.length() == 0 ? "" : " UNION ALL ")
                            .append("SELECT '")
                            .append(table)
                            .append("', count(*) FROM \"")
                            .append(table)
                            .append('"');
                }
                try (ResultSet rs = s.executeQuery(sql.toString())) {
                    while (rs.next()) {
                        counts.put(database + "." + rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace("\n", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…(" + one.length() + ")" : one;
    }
}
