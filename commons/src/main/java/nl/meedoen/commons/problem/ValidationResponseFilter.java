package nl.meedoen.commons.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * Documents what {@link ProblemMappers#validation} answers: every operation taking a JSON body may get a 422
 * whose {@code errors} name the fields, so each resource need not repeat it (their 400 stays for malformed JSON).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ValidationResponseFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::document));
    }

    private void document(Operation operation) {
        boolean jsonBody = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("application/json");
        if (!jsonBody || operation.getResponses() == null || operation.getResponses().hasAPIResponse("422")) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description("Well-formed JSON whose values break a rule; errors[] name the fields")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .example(Map.of("type", Problem.TYPE_BASE + "validation", "title", "Request is not valid", "status", 422,
                                "detail", "address.postcode: must be a Dutch postcode such as 1234 AB",
                                "errors", List.of(Map.of("field", "address.postcode", "message", "must be a Dutch postcode such as 1234 AB"))))));
        operation.getResponses().addAPIResponse("422", response);
    }
}
