package nl.meedoen.panel.member;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The panel's consent texts. */
@Path("/api/v1/panels/{panelId}/consent-texts")
@Tag(name = "Panel members") // described on MemberResource
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "404", description = "No such panel, or not the caller's")
public class ConsentTextResource {

    @Inject
    ConsentTexts consentTexts;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Every version of the panel's consent text")
    @APIResponse(responseCode = "200", description = "Oldest first")
    public List<MemberViews.ConsentTextView> consentTexts(@PathParam("panelId") String panelId) {
        return consentTexts.list(panelId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Publish a new consent text version: every member is asked to consent again",
            description =
                    "Each active or paused member gets a personal consent link (panel.consent-renewal). Who has not consented within reconsentWithinDays is paused until they do.")
    @APIResponseSchema(
            value = MemberViews.ConsentTextView.class,
            responseCode = "201",
            responseDescription = "Published")
    public Response publishConsentText(
            @PathParam("panelId") String panelId,
            @NotNull(message = "a consent text body is required") @Valid MemberRequests.ConsentText request) {
        MemberViews.ConsentTextView view = consentTexts.publish(panelId, request);
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/panels/" + panelId + "/consent-texts")
                .entity(view)
                .build();
    }
}
