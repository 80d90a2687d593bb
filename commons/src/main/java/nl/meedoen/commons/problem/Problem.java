package nl.meedoen.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://meedoen.nl/problems/validation") String type,
        @Schema(example = "Request is not valid") String title,
        @Schema(example = "400") int status,
        String detail,
        String instance,
        String correlationId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://meedoen.nl/problems/";

    /** One rejected field: a JSON path into the request ({@code address.postcode}) or a parameter name. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
