package nl.meedoen.commons.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import nl.meedoen.commons.csv.CsvDialectFilter;
import nl.meedoen.commons.idempotency.IdempotencyResponsesFilter;
import nl.meedoen.commons.job.JobAcceptedFilter;
import nl.meedoen.commons.problem.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * What every operation of a kind answers, added to each service's OpenAPI document at build time, so an operation's
 * annotations say only what is specific to it. One filter running the steps in a fixed order, because they build on
 * each other: the generic problem responses (401, 403, 400, 422) come before the idempotency step extends the 422.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    private final ProblemResponsesFilter problems = new ProblemResponsesFilter();
    private final List<OASFilter> steps =
            List.of(new JobAcceptedFilter(), new CsvDialectFilter(), problems, new IdempotencyResponsesFilter());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths()
                    .getPathItems()
                    .values()
                    .forEach(item -> item.getOperations()
                            .values()
                            .forEach(operation -> steps.forEach(step -> step.filterOperation(operation))));
        }
        problems.filterOpenAPI(openAPI);
    }
}
