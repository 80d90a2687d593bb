package nl.meedoen.commons.problem;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation may answer as a problem, documented once instead of on each operation: every 4xx/5xx
 * response is {@code application/problem+json} ({@link Problem}); a secured operation may answer 401 and 403; an
 * operation taking a JSON body may answer 400 when it cannot be read ({@link ProblemMappers}) and 422 with the fields
 * named ({@link ProblemMappers#validation}). An
 * operation's own annotations say only what is specific to it (a 403's reason, a 409's state, an example written as
 * {@code content = @Content(examples = …)}); this filter adds the problem body to those and the generic responses
 * they leave out.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String UNAUTHENTICATED = "No or invalid bearer token";
    private static final String FORBIDDEN = "The role may not do this";

    /** The Problem and FieldError schemas the responses refer to. */
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema()).addSchema("FieldError", fieldErrorSchema());
    }

    @Override
    public Operation filterOperation(Operation operation) {
        document(operation);
        return operation;
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.responses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfAbsent(responses, "401", UNAUTHENTICATED);
            addIfAbsent(responses, "403", FORBIDDEN);
        }
        // Quarkus's own words for the 401 and 403 it adds to a secured operation, in ours
        renameIfQuarkus(responses, "401", "Not Authorized", UNAUTHENTICATED);
        renameIfQuarkus(responses, "403", "Not Allowed", FORBIDDEN);
        boolean jsonBody = operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("application/json");
        APIResponse badRequest = responses.getAPIResponse("400");
        if (jsonBody && (badRequest == null || "Bad Request".equals(badRequest.getDescription()))) {
            responses.addAPIResponse( // in place of Quarkus's own words for the 400 it adds to an operation with a body
                    "400",
                    OASFactory.createAPIResponse()
                            .description("Malformed JSON, a value of the wrong type or an unknown property")
                            .content(problemContent(null)));
        }
        if (jsonBody && !responses.hasAPIResponse("422")) {
            responses.addAPIResponse(
                    "422",
                    OASFactory.createAPIResponse()
                            .description("Well-formed JSON whose values break a rule; errors[] name the fields")
                            .content(problemContent(VALIDATION_EXAMPLE)));
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                boolean error = code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
                if (!error || response.getRef() != null) {
                    return;
                }
                if (response.getContent() == null
                        || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty()) {
                    response.content(problemContent(null));
                } else if (!response.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
                    // an operation's own example of its problem, written as @Content(examples = …): the body is
                    // a Problem whatever the operation @Produces
                    MediaType own = response.getContent().getMediaTypes().values().stream()
                            .filter(type -> type.getExamples() != null || type.getExample() != null)
                            .findFirst()
                            .orElse(OASFactory.createMediaType());
                    response.content(OASFactory.createContent()
                            .addMediaType(
                                    Problem.MEDIA_TYPE,
                                    own.schema(OASFactory.createSchema().ref("Problem"))));
                }
            });
        }
    }

    /** In a fixed key order, so the document is the same byte for byte in every run. */
    private static final Map<String, Object> VALIDATION_EXAMPLE = ordered(
            "type",
            Problem.TYPE_BASE + "validation",
            "title",
            "Request is not valid",
            "status",
            422,
            "detail",
            "address.postcode: must be a Dutch postcode such as 1234 AB",
            "errors",
            List.of(ordered("field", "address.postcode", "message", "must be a Dutch postcode such as 1234 AB")));

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void renameIfQuarkus(APIResponses responses, String code, String quarkus, String ours) {
        APIResponse response = responses.getAPIResponse(code);
        if (response != null && quarkus.equals(response.getDescription())) {
            response.description(ours);
        }
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, problemResponse(description));
        }
    }

    /** A response with a {@link Problem} body, for the other filters that document an error of their own. */
    public static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent(null));
    }

    private static Content problemContent(Object example) {
        var mediaType =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
        if (example != null) {
            mediaType.example(example);
        }
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, mediaType);
    }

    /** {@link Problem} as a schema: its record is the body the services write (ProblemMappers). */
    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", string().examples(List.of(Problem.TYPE_BASE + "validation")))
                .addProperty("title", string().examples(List.of("Request is not valid")))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(SchemaType.INTEGER)
                                .format("int32")
                                .examples(List.of(400)))
                .addProperty("detail", string())
                .addProperty("instance", string())
                .addProperty("correlationId", string())
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("FieldError")));
    }

    /** {@link Problem.FieldError}: one rejected field, a JSON path into the request or a parameter name. */
    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .addProperty("field", string())
                .addProperty("message", string());
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }
}
