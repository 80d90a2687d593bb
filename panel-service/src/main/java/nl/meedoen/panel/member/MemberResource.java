package nl.meedoen.panel.member;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Members as the panel's parties manage them: record paper consent, list, look up, and act on a tenant's behalf. */
@Path("/api/v1/panels/{panelId}/members")
@Tag(
        name = "Panel members",
        description =
                "Recruitment by personal invitation, versioned consent texts, members with their consents, changes and participation history")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "404", description = "No such panel (or not the caller's), or no such member")
public class MemberResource {

    @Inject
    MemberActions actions;

    @Inject
    Memberships memberships;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Members (tenantRef, status, consent, coarse profile), a page at a time, by tenantRef")
    @APIResponse(responseCode = "200", description = "A page of members")
    public Response list(
            @PathParam("panelId") String panelId,
            @Parameter(description = "INVITED, ACTIVE, PAUSED or LEFT") @QueryParam("status") String status,
            @BeanParam PageQuery paging) {
        return paging.respond(actions.list(panelId, status, paging.request()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary =
                    "Record a member who consented outside the platform (paper form, phone, in person, predecessor panel)")
    @APIResponseSchema(
            value = MemberViews.Member.class,
            responseCode = "201",
            responseDescription = "Recorded as an active member")
    @APIResponse(responseCode = "409", description = "Already a member")
    @APIResponse(
            responseCode = "422",
            description = "Not in the population, old consent version, ONLINE channel, dates in the future")
    public Response record(
            @PathParam("panelId") String panelId,
            @NotNull(message = "a member body is required") @Valid MemberRequests.Recorded request) {
        MemberViews.Member member = actions.record(panelId, request);
        return Response.status(Response.Status.CREATED)
                .header(
                        "Location",
                        "/api/v1/panels/" + panelId + "/members/" + member.who().tenantRef())
                .entity(member)
                .build();
    }

    @GET
    @Path("{tenantRef}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "A member with interests, consents given, membership changes and participation history")
    @APIResponse(responseCode = "200", description = "The member")
    public MemberViews.Member get(@PathParam("panelId") String panelId, @PathParam("tenantRef") String tenantRef) {
        return actions.get(panelId, tenantRef);
    }

    @POST
    @Path("{tenantRef}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Pause a member on their behalf (e.g. they called)")
    @APIResponse(responseCode = "200", description = "Paused")
    @APIResponse(responseCode = "409", description = "Not an active member")
    @APIResponse(responseCode = "422", description = "until not between now and a year ahead")
    public MemberViews.Member pause(
            @PathParam("panelId") String panelId,
            @PathParam("tenantRef") String tenantRef,
            MemberRequests.Pause request) {
        return actions.byStaff(
                panelId,
                tenantRef,
                (panel, m) -> memberships.pause(
                        panel, m, request == null ? null : request.until(), PanelMember.PauseReason.STAFF));
    }

    @POST
    @Path("{tenantRef}/resume")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Resume a paused member on their behalf")
    @APIResponse(responseCode = "200", description = "Active again")
    @APIResponse(responseCode = "409", description = "Not paused, or paused until consent to the new text is given")
    public MemberViews.Member resume(@PathParam("panelId") String panelId, @PathParam("tenantRef") String tenantRef) {
        return actions.byStaff(panelId, tenantRef, memberships::resume);
    }

    @POST
    @Path("{tenantRef}/leave")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "End a membership on the member's behalf (opt-out); open wave invitations are cancelled")
    @APIResponse(responseCode = "200", description = "Left")
    @APIResponse(responseCode = "409", description = "Already left")
    public MemberViews.Member leave(@PathParam("panelId") String panelId, @PathParam("tenantRef") String tenantRef) {
        return actions.byStaff(
                panelId, tenantRef, (panel, m) -> memberships.leave(panel, m, PanelMember.LeaveReason.STAFF));
    }
}
