package nl.meedoen.commons.job;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every 202 whose body is a {@link JobView} is {@link Jobs#accepted}, which always sends the job's address in
 * {@code Location} and {@code Retry-After}: this filter documents both headers on each such response, so no operation
 * repeats them (and none can forget one).
 */
public class JobAcceptedFilter implements OASFilter {

    private static final String JOB_VIEW = "#/components/schemas/"
            + JobView.class
                    .getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class)
                    .name();

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponse accepted = operation.getResponses() == null
                ? null
                : operation.getResponses().getAPIResponse("202");
        if (accepted != null && isJob(accepted)) {
            if (accepted.getHeaders() == null || !accepted.getHeaders().containsKey("Location")) {
                accepted.addHeader(
                        "Location",
                        header("The job, relative to the API: /api/v1/jobs/{service}/{jobId}", SchemaType.STRING));
            }
            if (!accepted.getHeaders().containsKey("Retry-After")) {
                accepted.addHeader(
                        "Retry-After", header("Seconds before the first look at the job", SchemaType.INTEGER));
            }
        }
        return operation;
    }

    private static boolean isJob(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return false;
        }
        for (MediaType type : response.getContent().getMediaTypes().values()) {
            if (type.getSchema() != null && JOB_VIEW.equals(type.getSchema().getRef())) {
                return true;
            }
        }
        return false;
    }

    private static Header header(String description, SchemaType type) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema().addType(type));
    }
}
