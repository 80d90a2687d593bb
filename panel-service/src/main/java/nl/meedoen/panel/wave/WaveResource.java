package nl.meedoen.panel.wave;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.panel.CallerIdempotency;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/panels/{panelId}/waves")
@Tag(
        name = "Panel waves",
        description =
                "A consultation sent to a stratified sample of members, honouring the fatigue cap, cooldown and interests; responses per member")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "404", description = "No such panel (or not the caller's), or no such wave in it")
public class WaveResource {

    @Inject
    Waves waves;

    @Inject
    CallerIdempotency idempotency;

    @POST
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Launch a wave: sample members and hand the sample to consultation-service (panel.events.v1)",
            description =
                    "Stratified random sampling to the panel's target composition among active members under the fatigue cap and not invited within the cooldown, "
                            + "members interested in the theme first. A co-signed theme is aligned; otherwise only its proposing party may launch it, and the questions are attributed to that party.")
    @APIResponseSchema(value = WaveViews.View.class, responseCode = "201", responseDescription = "Launched")
    @APIResponse(
            responseCode = "409",
            description =
                    "Consultation closed, already has a wave, theme not co-signed (and not the caller's), or Idempotency-Key in flight")
    @APIResponse(responseCode = "422", description = "Unknown theme, or more members requested than eligible")
    public Response launch(
            @PathParam("panelId") String panelId,
            @Parameter(description = "Retry key") @HeaderParam(IdempotencyKeys.HEADER) String key,
            @NotNull(message = "a wave body is required") @Valid WaveRequests.Launch request) {
        return idempotency.execute("POST /api/v1/panels/" + panelId + "/waves", key, request, () -> {
            WaveViews.View view = waves.launch(panelId, request);
            return Response.status(Response.Status.CREATED)
                    .header("Location", "/api/v1/panels/" + panelId + "/waves/" + view.id())
                    .entity(view)
                    .build();
        });
    }

    @POST
    @Path("preview")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Preview a wave's sample (eligible members, quotas and composition) without launching anything")
    @APIResponse(responseCode = "200", description = "What a launch would sample now")
    @APIResponse(
            responseCode = "409",
            description = "Consultation closed, or theme not co-signed (and not the caller's)")
    @APIResponse(responseCode = "422", description = "Unknown theme, or more members requested than eligible")
    public WaveViews.SampleView preview(
            @PathParam("panelId") String panelId,
            @NotNull(message = "a wave body is required") @Valid WaveRequests.Launch request) {
        return waves.preview(panelId, request);
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The panel's waves with their response counts, oldest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of waves")
    public Response list(@PathParam("panelId") String panelId, @BeanParam PageQuery paging) {
        return paging.respond(waves.list(panelId, paging.request()));
    }

    @GET
    @Path("{waveId}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "A wave with its response rate, overall and per profile group (groups under 5 withheld)")
    @APIResponse(responseCode = "200", description = "The wave")
    public WaveViews.View get(@PathParam("panelId") String panelId, @PathParam("waveId") String waveId) {
        return waves.get(panelId, waveId);
    }

    @GET
    @Path("{waveId}/members")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The wave's sampled members and whether they responded (participation only), by tenantRef")
    @APIResponse(responseCode = "200", description = "A page of sampled members")
    public Response members(
            @PathParam("panelId") String panelId, @PathParam("waveId") String waveId, @BeanParam PageQuery paging) {
        return paging.respond(waves.members(panelId, waveId, paging.request()));
    }
}
