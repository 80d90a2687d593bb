package nl.meedoen.notification.segment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @Context
    UriInfo uri;

    @GET
    @Path("count")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "How many tenants a segment holds")
    @APIResponse(responseCode = "200", description = "The count")
    public Segments.Count count(
            @Parameter(example = "BU03440101") @QueryParam("neighbourhoodCode") List<String> neighbourhoodCode,
            @QueryParam("complexId") List<String> complexId,
            @Parameter(example = "65-79") @QueryParam("ageBand") List<String> ageBand,
            @QueryParam("householdType") List<String> householdType,
            @QueryParam("dwellingType") List<String> dwellingType,
            @QueryParam("tenancyBand") List<String> tenancyBand,
            @QueryParam("language") List<String> language,
            @QueryParam("preferredChannel") List<String> preferredChannel) {
        SegmentFilter filter = filter(
                neighbourhoodCode,
                complexId,
                ageBand,
                householdType,
                dwellingType,
                tenancyBand,
                language,
                preferredChannel);
        return new Segments.Count(segments.count(filter));
    }

    @GET
    @Path("members")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "The tenants of a segment (attributes only), a page at a time by tenantRef")
    @APIResponse(responseCode = "200", description = "A page of members; follow `next` (or the Link header)")
    public Response members(
            @QueryParam("neighbourhoodCode") List<String> neighbourhoodCode,
            @QueryParam("complexId") List<String> complexId,
            @QueryParam("ageBand") List<String> ageBand,
            @QueryParam("householdType") List<String> householdType,
            @QueryParam("dwellingType") List<String> dwellingType,
            @QueryParam("tenancyBand") List<String> tenancyBand,
            @QueryParam("language") List<String> language,
            @QueryParam("preferredChannel") List<String> preferredChannel,
            @Parameter(description = "1-500, default 50") @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        SegmentFilter filter = filter(
                neighbourhoodCode,
                complexId,
                ageBand,
                householdType,
                dwellingType,
                tenancyBand,
                language,
                preferredChannel);
        return segments.members(filter, PageRequest.of(limit, after)).toResponse(uri);
    }

    private static SegmentFilter filter(
            List<String> neighbourhoodCode,
            List<String> complexId,
            List<String> ageBand,
            List<String> householdType,
            List<String> dwellingType,
            List<String> tenancyBand,
            List<String> language,
            List<String> preferredChannel) {
        Map<String, List<String>> values = new HashMap<>();
        put(values, "neighbourhoodCode", neighbourhoodCode);
        put(values, "complexId", complexId);
        put(values, "ageBand", ageBand);
        put(values, "householdType", householdType);
        put(values, "dwellingType", dwellingType);
        put(values, "tenancyBand", tenancyBand);
        put(values, "language", language);
        put(values, "preferredChannel", preferredChannel);
        SegmentFilter filter = SegmentFilter.of(values);
        Segments.requireValid(filter, "");
        return filter;
    }

    private static void put(Map<String, List<String>> values, String name, List<String> list) {
        if (list != null && !list.isEmpty()) {
            values.put(name, list);
        }
    }
}
