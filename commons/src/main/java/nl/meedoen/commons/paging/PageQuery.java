package nl.meedoen.commons.paging;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code ?limit=&after=} of every paged list, read and documented in one place: a resource method takes
 * {@code @BeanParam PageQuery paging} and calls {@link #request()}.
 */
public class PageQuery {

    @QueryParam("limit")
    @Parameter(description = "1-500, default 50")
    String limit;

    @QueryParam("after")
    @Parameter(description = "the `next` cursor of the previous page")
    String after;

    /** The page asked for; a 400 naming the parameter for a limit out of range or a cursor this API did not give. */
    public PageRequest request() {
        return PageRequest.of(limit, after);
    }
}
