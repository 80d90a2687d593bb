package nl.meedoen.panel.panel;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.panel.CallerIdempotency;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/panels")
@Tag(
        name = "Panels",
        description =
                "Standing panels: purpose, owner and co-owner party, target size and composition, fatigue cap, term; audit trail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
public class PanelResource {

    @Inject
    PanelService panels;

    @Inject
    PanelAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    CallerIdempotency idempotency;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Create a panel",
            description =
                    "The caller's party owns it; the other party may co-own it. Consent text version 1 comes with it.")
    @APIResponseSchema(value = PanelView.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(
            responseCode = "422",
            description =
                    "Unknown stratum, shares not adding up to 1, wrong co-owner; or Idempotency-Key reused for another body")
    public Response create(
            @Parameter(description = "Retry key") @HeaderParam(IdempotencyKeys.HEADER) String key,
            @NotNull(message = "a panel body is required") @Valid PanelRequest request) {
        return idempotency.execute("POST /api/v1/panels", key, request, () -> {
            PanelView created = panels.create(request);
            return Response.status(Response.Status.CREATED)
                    .header("Location", "/api/v1/panels/" + created.id())
                    .tag(Preconditions.etag(created.version()))
                    .entity(created)
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The panels the caller owns or co-owns, a page at a time (ops: all)")
    @APIResponse(responseCode = "200", description = "A page of panels")
    public Response list(@BeanParam PageQuery paging) {
        return paging.respond(panels.list(paging.request()));
    }

    @GET
    @Path("{panelId}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "A panel with its effective target composition and member counts (ETag)")
    @APIResponseSchema(value = PanelView.class, responseCode = "200", responseDescription = "The panel")
    @APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
    public Response get(@PathParam("panelId") String panelId) {
        PanelView view = panels.get(panelId);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @PUT
    @Path("{panelId}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Change a panel's settings (If-Match required)",
            description = "Name, purpose, target size and composition, fatigue cap, cooldown, term. Audited.")
    @APIResponseSchema(value = PanelView.class, responseCode = "200", responseDescription = "Changed")
    @APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "Unknown stratum or shares not adding up to 1")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(
            @PathParam("panelId") String panelId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a settings body is required") @Valid PanelSettings request) {
        PanelView view = panels.update(panelId, ifMatch, request);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }

    @GET
    @Path("{panelId}/audit")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "The panel's audit trail: who proposed, changed, commented, signed, declined and launched what")
    @APIResponse(responseCode = "200", description = "A page of audit entries, oldest first")
    @APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
    public Response audit(
            @PathParam("panelId") String panelId,
            @Parameter(description = "Only one subject, e.g. theme:<id>, wave:<id>, consent-text:<version> or panel")
                    @QueryParam("subject")
                    String subject,
            @BeanParam PageQuery paging) {
        PageRequest page = paging.request();
        return paging.respond(audit.list(access.read(panelId).id, subject, page));
    }
}
