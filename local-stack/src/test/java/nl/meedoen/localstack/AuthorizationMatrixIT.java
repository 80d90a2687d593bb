package nl.meedoen.localstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The role × operation matrix, generated from the merged OpenAPI document: every operation declares
 * either the roles that may call it ({@code security: [{bearer: [roles]}]}, from {@code @RolesAllowed})
 * or that it is public and authorised by a tenant's token ({@code x-meedoen-public}). Each operation
 * is then called through the gateway without a token and with a token of every role:
 * <ul>
 * <li>no token → 401 (public operations, whose made-up tenant token may earn a 401: anything but 403 and 5xx, with any role too);</li>
 * <li>a role not declared → 403;</li>
 * <li>a declared role → neither 401 nor 403, never 5xx (400/404/409/422 are fine: the calls carry
 * made-up ids and bodies with an unknown field, so an allowed call is refused before it changes anything).</li>
 * </ul>
 * Plus the rules that must hold whatever an engineer declares: tenant organisations and survey
 * frontends never reach personal contact data, and a survey frontend only reads.
 */
@ExtendWith(PlatformExtension.class)
class AuthorizationMatrixIT {

    static final List<String> ROLES = List.of("corporation", "tenant-organisation", "survey-frontend", "ops");
    static final String PUBLIC = "x-meedoen-public";
    /** Property names that mean personal contact data in a response body (a bare "name" is too common to tell). */
    static final Pattern PII = Pattern.compile("(?i)firstName|lastName|fullName|email|emailAddress|phone|phoneNumber"
            + "|address|street|postcode|postalCode|houseNumber|houseNumberSuffix|city|birthDate|dateOfBirth");

    static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    static final String SOME_UUID = "00000000-0000-4000-8000-00000000abcd";

    record Operation(String method, String path, Map<String, Object> spec) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    @Test
    void everyOperationBehavesAsItsDeclaredPolicy(Platform platform) {
        Map<String, Object> doc = given().baseUri(platform.gatewayUrl())
                .get("/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        assertFalse(
                doc.containsKey("x-meedoen-unavailable"),
                "every service must contribute: " + doc.get("x-meedoen-unavailable"));
        Map<String, Object> schemas = schemas(doc);
        List<Operation> operations = operations(doc);
        assertTrue(operations.size() > 100, "found only " + operations.size() + " operations");

        Map<String, String> tokens = new LinkedHashMap<>();
        ROLES.forEach(role -> tokens.put(role, platform.token(role)));

        List<String> failures = new ArrayList<>();
        StringBuilder matrix =
                new StringBuilder("\n| operation | corp | t-org | s-fe | ops |\n|---|---|---|---|---|\n");
        for (Operation op : operations) {
            boolean isPublic = op.spec().containsKey(PUBLIC);
            Set<String> allowed = declaredRoles(op);
            if (!isPublic && allowed.isEmpty()) {
                failures.add(op + ": no declared policy (neither @RolesAllowed roles nor " + PUBLIC + ")");
                continue;
            }
            if (!ROLES.containsAll(allowed)) {
                failures.add(op + ": unknown roles " + allowed);
            }
            matrix.append("| ").append(op).append(" |");
            ROLES.forEach(r -> matrix.append(isPublic ? " token " : allowed.contains(r) ? " ✓ " : " – ")
                    .append('|'));
            matrix.append('\n');

            int anonymous = call(platform, op, null);
            if (isPublic ? anonymous == 403 || anonymous >= 500 : anonymous != 401) {
                failures.add(op + " without a token: " + anonymous);
            }
            for (String role : ROLES) {
                int status = call(platform, op, tokens.get(role));
                // Public operations answer 401 to the made-up tenant token, whoever calls.
                boolean refused = isPublic ? status == 403 : status == 401 || status == 403;
                boolean mayCall = isPublic || allowed.contains(role);
                if (mayCall ? refused || status >= 500 : status != 403) {
                    failures.add(op + " as " + role + " (" + (mayCall ? "allowed" : "not allowed") + "): " + status);
                }
            }

            // Rules that hold whatever is declared.
            if (!isPublic
                    && op.path().startsWith("/api/")
                    && allowed.contains("survey-frontend")
                    && !op.method().equals("get")) {
                failures.add(op + ": a survey frontend may only read (and submit with an invitation token)");
            }
            Set<String> pii = piiProperties(op, schemas);
            if (!pii.isEmpty()) {
                for (String role : List.of("tenant-organisation", "survey-frontend")) {
                    if (isPublic || allowed.contains(role)) {
                        failures.add(op + ": returns personal contact data " + pii + " yet "
                                + (isPublic ? "is public" : role + " may call it"));
                    }
                }
            }
        }
        System.out.println("[authorization matrix] " + operations.size() + " operations" + matrix);
        assertEquals(List.of(), failures, failures.size() + " violations of the authorization matrix");
    }

    /** Made-up ids, an invitation token that does not exist, and a JSON body with an unknown field. */
    private static int call(Platform platform, Operation op, String token) {
        RequestSpecification request = given().baseUri(platform.gatewayUrl())
                .urlEncodingEnabled(false)
                .header("Invitation-Token", "matrix-not-a-token");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.spec().get("requestBody") instanceof Map<?, ?> body
                && body.get("content") instanceof Map<?, ?> content
                && !content.isEmpty()) {
            String type = content.keySet().iterator().next().toString();
            request.contentType(type)
                    .body(
                            type.contains("json")
                                    ? "{\"matrix-unknown-field\":true}"
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                                    : "matrix".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (!op.method().equals("get") && !op.method().equals("delete")) {
            // As JSON clients do: a resource consuming JSON would answer a bare POST 415 before any role check.
            request.contentType("application/json");
        }
        Response response = request.request(op.method().toUpperCase(), fill(op));
        return response.statusCode();
    }

    private static String fill(Operation op) {
        Map<String, String> formats = new LinkedHashMap<>();
        if (op.spec().get("parameters") instanceof List<?> parameters) {
            for (Object p : parameters) {
                if (p instanceof Map<?, ?> param
                        && "path".equals(param.get("in"))
                        && param.get("schema") instanceof Map<?, ?> schema) {
                    formats.put(String.valueOf(param.get("name")), String.valueOf(schema.get("format")));
                }
            }
        }
        Matcher m = PATH_PARAM.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, "uuid".equals(formats.get(m.group(1))) ? SOME_UUID : "matrix-" + m.group(1));
        }
        m.appendTail(path);
        return path.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Map<String, Object> doc) {
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Object>) doc.get("paths"))
                .forEach((path, item) -> ((Map<String, Object>) item).forEach((method, spec) -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        operations.add(new Operation(method, path, (Map<String, Object>) spec));
                    }
                }));
        return operations;
    }

    /** The union of the roles of every security requirement of the operation. */
    private static Set<String> declaredRoles(Operation op) {
        Set<String> roles = new TreeSet<>();
        if (op.spec().get("security") instanceof List<?> requirements) {
            for (Object requirement : requirements) {
                if (requirement instanceof Map<?, ?> schemes) {
                    schemes.values().forEach(scopes -> ((Collection<?>) scopes).forEach(s -> roles.add(s.toString())));
                }
            }
        }
        return roles;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas(Map<String, Object> doc) {
        if (doc.get("components") instanceof Map<?, ?> components
                && components.get("schemas") instanceof Map<?, ?> schemas) {
            return (Map<String, Object>) schemas;
        }
        return Map.of();
    }

    /** Names of personal-data properties anywhere in the operation's 2xx response schemas. */
    private static Set<String> piiProperties(Operation op, Map<String, Object> schemas) {
        Set<String> found = new TreeSet<>();
        if (op.spec().get("responses") instanceof Map<?, ?> responses) {
            responses.forEach((code, response) -> {
                if (code.toString().startsWith("2")
                        && response instanceof Map<?, ?> r
                        && r.get("content") instanceof Map<?, ?> content) {
                    content.values().forEach(media -> {
                        if (media instanceof Map<?, ?> m) {
                            collect(m.get("schema"), schemas, found, new HashSet<>());
                        }
                    });
                }
            });
        }
        return found;
    }

    private static void collect(Object schema, Map<String, Object> schemas, Set<String> found, Set<String> seen) {
        if (schema instanceof Map<?, ?> s) {
            if (s.get("$ref") instanceof String ref) {
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                if (seen.add(name)) {
                    collect(schemas.get(name), schemas, found, seen);
                }
            }
            if (s.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((name, property) -> {
                    if (PII.matcher(name.toString()).matches()) {
                        found.add(name.toString());
                    }
                    collect(property, schemas, found, seen);
                });
            }
            for (String key : List.of("items", "additionalProperties")) {
                collect(s.get(key), schemas, found, seen);
            }
            for (String key : List.of("allOf", "oneOf", "anyOf")) {
                if (s.get(key) instanceof List<?> parts) {
                    parts.forEach(part -> collect(part, schemas, found, seen));
                }
            }
        }
    }
}
