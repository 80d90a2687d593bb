package nl.meedoen.commons.csv;

import nl.meedoen.commons.problem.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Every operation that takes {@link CsvDialectParameter} answers 400 to a dialect it does not know
 * ({@link CsvDialect#fromParameter}), and its 200 is a CSV in the dialect asked for; documented here once instead of on
 * each CSV download.
 */
public class CsvDialectFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        boolean takesDialect = operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> p.getIn() == Parameter.In.QUERY && CsvDialect.PARAMETER.equals(p.getName()));
        if (takesDialect) {
            if (operation.getResponses() == null) {
                operation.responses(OASFactory.createAPIResponses());
            }
            if (!operation.getResponses().hasAPIResponse("200")) {
                operation
                        .getResponses()
                        .addAPIResponse(
                                "200",
                                OASFactory.createAPIResponse()
                                        .description("CSV: RFC 4180, or what Dutch Excel opens with ?dialect=excel-nl")
                                        .content(OASFactory.createContent()
                                                .addMediaType("text/csv", OASFactory.createMediaType())));
            }
            if (!operation.getResponses().hasAPIResponse("400")) {
                operation
                        .getResponses()
                        .addAPIResponse("400", ProblemResponsesFilter.problemResponse("Unknown dialect"));
            }
        }
        return operation;
    }
}
