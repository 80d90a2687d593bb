package nl.meedoen.localstack;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The merged OpenAPI document of a running gateway, as a checker of responses: whether a response the
 * platform gave is one the document promises (path and method documented, status documented or covered
 * by a range or {@code default}, content type listed, body valid against the schema — OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, {@code #/components/...} references resolved in the document — and every
 * 4xx/5xx an {@code application/problem+json} with a correlation id in the header and the body).
 */
final class OpenApiContract {

    private static final String BASE = "https://meedoen.nl/contract/openapi.json";
    private static final Map<String, OpenApiContract> BY_GATEWAY = new ConcurrentHashMap<>();

    private record Template(String path, Pattern pattern, int literals) {}

    private final JsonObject document;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRepository schemas;
    private final JsonSchemaOptions options = new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri(BASE)
            .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic);

    OpenApiContract(JsonObject document) {
        this.document = document;
        if (document.containsKey("x-meedoen-unavailable")) {
            throw new IllegalStateException(
                    "the merged OpenAPI misses services: " + document.getValue("x-meedoen-unavailable"));
        }
        for (String path : document.getJsonObject("paths").fieldNames()) {
            String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            int literals = path.replaceAll("\\{[^}/]+}", "").length();
            templates.add(new Template(path, Pattern.compile(regex), literals));
        }
        // The most specific template first: /consultations/respondent/x before /consultations/{id}/x.
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
        schemas = SchemaRepository.create(options);
        // The repository marks every object of the document with its absolute location (__absolute_uri__), which
        // is how a schema taken from the document resolves its "#/components/..." references later.
        schemas.dereference(BASE, JsonSchema.of(document));
    }

    /** The document the gateway at {@code gatewayUrl} serves now (fetched once per gateway). */
    static OpenApiContract of(String gatewayUrl) {
        return BY_GATEWAY.computeIfAbsent(gatewayUrl, OpenApiContract::fetch);
    }

    /**
     * Right after the platform starts, a busy service may miss the gateway's 3 s to answer its /q/openapi: the merged
     * document then lists it in x-meedoen-unavailable. Asked again after the gateway's 5 s cache, for up to a minute.
     */
    private static OpenApiContract fetch(String gatewayUrl) {
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(gatewayUrl + "/openapi"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("GET /openapi answered " + answer.statusCode());
                }
                JsonObject document = new JsonObject(answer.body());
                if (!document.containsKey("x-meedoen-unavailable") || System.nanoTime() > deadline) {
                    return new OpenApiContract(document);
                }
                Thread.sleep(6_000);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonObject document() {
        return document;
    }

    /** The documented path template serving {@code path}, or null. */
    String template(String path) {
        for (Template t : templates) {
            if (t.pattern().matcher(path).matches()) {
                return t.path();
            }
        }
        return null;
    }

    /** The operation's responses for a status: the exact one, else the range (4XX), else default; null when none. */
    private static JsonObject response(JsonObject responses, int status) {
        for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
            if (responses.containsKey(key)) {
                return responses.getJsonObject(key);
            }
        }
        return null;
    }

    /** What is wrong with the response, each as one line; empty when it keeps the contract. */
    List<String> check(
            String method, String path, int status, String contentType, String correlationHeader, String body) {
        List<String> problems = new ArrayList<>();
        String template = template(path);
        String where = method + " " + (template != null ? template : path) + " → " + status + ": ";
        if (template == null) {
            problems.add(where + "the path is not in the merged OpenAPI");
            return problems;
        }
        JsonObject operation =
                document.getJsonObject("paths").getJsonObject(template).getJsonObject(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            problems.add(where + "the method is not documented for this path");
            return problems;
        }
        JsonObject response = response(operation.getJsonObject("responses", new JsonObject()), status);
        if (response == null) {
            problems.add(where + "the status is not documented (documented: "
                    + documented(operation.getJsonObject("responses", new JsonObject())) + ")");
            return problems;
        }
        response = resolve(response);
        String mediaType = contentType == null || contentType.isBlank()
                ? null
                : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean hasBody = body != null && !body.isEmpty();
        if (status >= 400) {
            if (!"application/problem+json".equals(mediaType)) {
                problems.add(where + "an error must be application/problem+json, was " + contentType);
            }
            if (correlationHeader == null || correlationHeader.isBlank()) {
                problems.add(where + "no X-Correlation-Id header");
            }
        }
        JsonObject content = response.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            if (hasBody && !"HEAD".equals(method)) {
                problems.add(where + "a " + contentType + " body where the document promises none");
            }
            return problems;
        }
        if (!hasBody || "HEAD".equals(method)) {
            if (status != 204 && !"HEAD".equals(method)) {
                problems.add(where + "no body where the document promises " + documented(content));
            }
            return problems;
        }
        JsonObject media = mediaType == null ? null : mediaFor(content, mediaType);
        if (media == null) {
            problems.add(where + "content type " + contentType + " is not documented (documented: "
                    + documented(content) + ")");
            return problems;
        }
        if (!(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            return problems; // CSV, PDF, HTML: the media type is the contract
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            problems.add(where + "the body is not JSON: " + e.getMessage());
            return problems;
        }
        if (status >= 400 && json instanceof JsonObject problem && !problem.containsKey("correlationId")) {
            problems.add(where + "the problem has no correlationId");
        }
        JsonObject schema = media.getJsonObject("schema");
        if (schema != null) {
            OutputUnit result =
                    schemas.validator(JsonSchema.of(schema), options).validate(json);
            if (!result.getValid()) {
                problems.add(where + describe(result) + "\n      body: " + abbreviate(body));
            }
        }
        return problems;
    }

    private static List<String> documented(JsonObject object) {
        return object.fieldNames().stream()
                .filter(name -> !name.startsWith("__"))
                .sorted()
                .toList();
    }

    private JsonObject resolve(JsonObject response) {
        String ref = response.getString("$ref");
        if (ref == null || !ref.startsWith("#/")) {
            return response;
        }
        Object target = document;
        for (String part : ref.substring(2).split("/")) {
            target = ((JsonObject) target).getValue(part.replace("~1", "/").replace("~0", "~"));
        }
        return (JsonObject) target;
    }

    private static JsonObject mediaFor(JsonObject content, String mediaType) {
        if (content.containsKey(mediaType)) {
            return content.getJsonObject(mediaType);
        }
        String range = mediaType.substring(0, mediaType.indexOf('/') + 1) + "*";
        if (content.containsKey(range)) {
            return content.getJsonObject(range);
        }
        return content.getJsonObject("*/*");
    }

    /** The innermost errors: where in the body and which keyword, not the whole tree. */
    static String describe(OutputUnit result) {
        List<String> lines = new ArrayList<>();
        collect(result, lines);
        if (lines.isEmpty()) {
            lines.add(result.toJson().encode());
        }
        return "the body does not match the schema: " + String.join("; ", lines.subList(0, Math.min(6, lines.size())))
                + (lines.size() > 6 ? " (and " + (lines.size() - 6) + " more)" : "");
    }

    private static void collect(OutputUnit unit, List<String> lines) {
        if (unit.getErrors() == null || unit.getErrors().isEmpty()) {
            if (unit.getError() != null) {
                String line =
                        unit.getInstanceLocation() + " " + unit.getError() + " (" + unit.getKeywordLocation() + ")";
                if (!lines.contains(line)) {
                    lines.add(line);
                }
            }
            return;
        }
        unit.getErrors().forEach(e -> collect(e, lines));
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
