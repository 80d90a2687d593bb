package nl.meedoen.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}); its OpenAPI schema is {@link ProblemResponsesFilter}'s. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://meedoen.nl/problems/";

    /** One rejected field: a JSON path into the request ({@code address.postcode}) or a parameter name. */
    public record FieldError(String field, String message) {}
}
