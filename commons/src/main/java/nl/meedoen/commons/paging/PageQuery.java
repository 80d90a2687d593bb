package nl.meedoen.commons.paging;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code ?limit=&after=} of every paged list, read and documented in one place: a resource method takes
 * {@code @BeanParam PageQuery paging}, asks for {@link #request()} and answers {@link #respond(Page)}.
 */
public class PageQuery {

    @QueryParam("limit")
    @Parameter(description = "1-500, default 50")
    String limit;

    @QueryParam("after")
    @Parameter(description = "the `next` cursor of the previous page")
    String after;

    @Context
    UriInfo uri;

    /** The page asked for; a 400 naming the parameter for a limit out of range or a cursor this API did not give. */
    public PageRequest request() {
        return PageRequest.of(limit, after);
    }

    /** The page with its {@code Link: rel="next"} to the request's own URI. */
    public Response respond(Page<?> page) {
        return page.toResponse(uri);
    }
}
