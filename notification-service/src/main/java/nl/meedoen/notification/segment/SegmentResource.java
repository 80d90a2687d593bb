package nl.meedoen.notification.segment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/segments")
@Tag(
        name = "Segments",
        description =
                "Audiences as filters over register attributes: repeat a parameter for OR, combine parameters for AND")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid limit or cursor")
@APIResponse(responseCode = "403", description = "Role may not query segments")
@APIResponse(responseCode = "422", description = "Unknown attribute value")
public class SegmentResource {

    @Inject
    Segments segments;

    @GET
    @Path("count")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "How many tenants a segment holds")
    @APIResponse(responseCode = "200", description = "The count")
    public SegmentViews.Count count(@BeanParam SegmentQuery segment) {
        return new SegmentViews.Count(segments.count(segment.filter()));
    }

    @GET
    @Path("members")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "The tenants of a segment (attributes only), a page at a time by tenantRef")
    @APIResponse(responseCode = "200", description = "A page of members; follow `next` (or the Link header)")
    public Response members(@BeanParam SegmentQuery segment, @BeanParam PageQuery paging) {
        return paging.respond(segments.members(segment.filter(), paging.request()));
    }
}
