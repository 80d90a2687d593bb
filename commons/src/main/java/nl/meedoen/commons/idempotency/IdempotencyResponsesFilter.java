package nl.meedoen.commons.idempotency;

import nl.meedoen.commons.problem.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What {@link IdempotencyKeys#execute} may answer, documented once on every operation that takes an {@code
 * Idempotency-Key} header: 409 while the first request with the key still runs, 422 when the key comes back with
 * another body. An operation that documents its own 409 or 422 gets the idempotency case added to the description.
 */
public class IdempotencyResponsesFilter implements OASFilter {

    static final String IN_FLIGHT = "the same Idempotency-Key still in flight";
    static final String REUSED = "the Idempotency-Key reused with another body";

    @Override
    public Operation filterOperation(Operation operation) {
        boolean takesKey = operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> "header".equalsIgnoreCase(String.valueOf(p.getIn()))
                                && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName()));
        if (takesKey) {
            if (operation.getResponses() == null) {
                operation.responses(OASFactory.createAPIResponses());
            }
            document(operation.getResponses(), "409", IN_FLIGHT);
            document(operation.getResponses(), "422", REUSED);
        }
        return operation;
    }

    private static void document(APIResponses responses, String code, String what) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            responses.addAPIResponse(code, ProblemResponsesFilter.problemResponse(upperFirst(what)));
        } else if (response.getDescription() == null
                || response.getDescription().isBlank()) {
            response.description(upperFirst(what));
        } else if (!response.getDescription().contains(IdempotencyKeys.HEADER)) {
            response.description(response.getDescription() + "; or " + what);
        }
    }

    private static String upperFirst(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
