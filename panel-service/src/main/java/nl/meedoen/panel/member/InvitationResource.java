package nl.meedoen.panel.member;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.panel.CallerIdempotency;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recruitment: personal invitations, mailed by notification-service. */
@Path("/api/v1/panels/{panelId}/invitations")
@Tag(name = "Panel members") // described on MemberResource
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
public class InvitationResource {

    @Inject
    Invitations invitations;

    @Inject
    CallerIdempotency idempotency;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Invite tenants: each gets a personal join link, mailed by notification-service",
            description =
                    "Either explicit tenantRefs (answered per tenant: one not in the population yet is skipped as UNKNOWN_TENANT, the rest are invited) "
                            + "or a population group and a count "
                            + "(random tenants of that group never on the panel, e.g. from the recruitment advice). Members, tenants already invited and tenants who left are skipped.")
    @APIResponseSchema(
            value = MemberViews.InvitationResult.class,
            responseCode = "202",
            responseDescription = "Invited; the mails follow")
    @APIResponse(responseCode = "422", description = "Unknown attribute, neither or both of tenantRefs and group")
    public Response invite(
            @PathParam("panelId") String panelId,
            @Parameter(description = "Retry key") @HeaderParam(IdempotencyKeys.HEADER) String key,
            @NotNull(message = "an invitation body is required") @Valid MemberRequests.Invitation request) {
        return idempotency.execute(
                "POST /api/v1/panels/" + panelId + "/invitations",
                key,
                request,
                () -> Response.accepted(invitations.invite(panelId, request)).build());
    }
}
