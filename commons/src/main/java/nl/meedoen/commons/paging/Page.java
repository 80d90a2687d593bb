package nl.meedoen.commons.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String next) {

    /** 200 with the page as body and, when there is a next page, {@code Link: <...after=next>; rel="next"}. */
    public Response toResponse(UriInfo uri) {
        Response.ResponseBuilder ok = Response.ok(this);
        if (next != null) {
            ok.header(
                    "Link",
                    "<"
                            + uri.getRequestUriBuilder()
                                    .replaceQueryParam("after", next)
                                    .build() + ">; rel=\"next\"");
        }
        return ok.build();
    }
}
