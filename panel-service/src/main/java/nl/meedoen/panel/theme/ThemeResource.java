package nl.meedoen.panel.theme;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/panels/{panelId}/themes")
@Tag(
        name = "Panel themes",
        description =
                "Alignment: either party proposes a theme, the other co-signs or declines it; comments and changes are audited")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "404", description = "No such panel (or not the caller's), or no such theme in it")
public class ThemeResource {

    @Inject
    Themes themes;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The panel's themes, oldest first")
    @APIResponse(responseCode = "200", description = "Themes")
    public List<ThemeRequests.View> list(@PathParam("panelId") String panelId) {
        return themes.list(panelId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Propose a theme (the caller's party proposes; the other party co-signs or declines)")
    @APIResponseSchema(value = ThemeRequests.View.class, responseCode = "201", responseDescription = "Proposed")
    public Response propose(
            @PathParam("panelId") String panelId,
            @NotNull(message = "a theme body is required") @Valid ThemeRequests.Proposal request) {
        ThemeRequests.View view = themes.propose(panelId, request);
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/panels/" + panelId + "/themes/" + view.id())
                .tag(Preconditions.etag(view.version()))
                .entity(view)
                .build();
    }

    @GET
    @Path("{themeId}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "A theme with its history: who proposed, changed, commented, signed or declined (ETag)")
    @APIResponseSchema(value = ThemeRequests.View.class, responseCode = "200", responseDescription = "The theme")
    public Response get(@PathParam("panelId") String panelId, @PathParam("themeId") String themeId) {
        ThemeRequests.View view = themes.get(panelId, themeId);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @PUT
    @Path("{themeId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Change a theme (proposing party only, If-Match required); it needs co-signing again")
    @APIResponseSchema(
            value = ThemeRequests.View.class,
            responseCode = "200",
            responseDescription = "Changed, PROPOSED again")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response change(
            @PathParam("panelId") String panelId,
            @PathParam("themeId") String themeId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a theme body is required") @Valid ThemeRequests.Proposal request) {
        ThemeRequests.View view = themes.change(panelId, themeId, ifMatch, request);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @POST
    @Path("{themeId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Comment on a theme (either party; recorded in its history)")
    @APIResponseSchema(value = ThemeRequests.View.class, responseCode = "201", responseDescription = "Commented")
    public Response comment(
            @PathParam("panelId") String panelId,
            @PathParam("themeId") String themeId,
            @NotNull(message = "a comment body is required") @Valid ThemeRequests.Comment request) {
        return Response.status(Response.Status.CREATED)
                .entity(themes.comment(panelId, themeId, request))
                .build();
    }

    @POST
    @Path("{themeId}/signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Co-sign a theme (the other party only; If-Match optional: sign the version you read)")
    @APIResponseSchema(value = ThemeRequests.View.class, responseCode = "200", responseDescription = "SIGNED")
    @APIResponse(responseCode = "403", description = "The proposing party cannot co-sign its own theme")
    @APIResponse(responseCode = "409", description = "Already signed or declined")
    @APIResponse(responseCode = "412", description = "The theme changed since the version in If-Match")
    public Response sign(
            @PathParam("panelId") String panelId,
            @PathParam("themeId") String themeId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ThemeRequests.Signature request) {
        ThemeRequests.View view = themes.sign(panelId, themeId, ifMatch, request);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @POST
    @Path("{themeId}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary =
                    "Decline to co-sign a theme, with the reason (the other party only; recorded; If-Match optional: decline the version you read)")
    @APIResponseSchema(value = ThemeRequests.View.class, responseCode = "200", responseDescription = "DECLINED")
    @APIResponse(responseCode = "403", description = "The proposing party cannot decline its own theme")
    @APIResponse(responseCode = "409", description = "Already signed or declined")
    @APIResponse(responseCode = "412", description = "The theme changed since the version in If-Match")
    public Response decline(
            @PathParam("panelId") String panelId,
            @PathParam("themeId") String themeId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a reason is required") @Valid ThemeRequests.Decline request) {
        ThemeRequests.View view = themes.decline(panelId, themeId, ifMatch, request);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }
}
