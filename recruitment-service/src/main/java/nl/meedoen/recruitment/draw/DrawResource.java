package nl.meedoen.recruitment.draw;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.draw.Verification;
import nl.meedoen.recruitment.draw.DrawRequests.CommitIn;
import nl.meedoen.recruitment.draw.DrawRequests.SeedCommitmentIn;
import nl.meedoen.recruitment.draw.DrawRequests.SeedIn;
import nl.meedoen.recruitment.draw.DrawRequests.SeedRevealIn;
import nl.meedoen.recruitment.draw.DrawViews.DrawOut;
import nl.meedoen.recruitment.draw.DrawViews.ReplacementOut;
import nl.meedoen.recruitment.draw.DrawViews.VerifyOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(
        name = "Draws",
        description =
                "Verifiable stratified draws (uniform or LEXIMIN): seed ceremony, commit, seed, record, verify, decline and replacement")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid request")
@APIResponse(responseCode = "404", description = "Unknown campaign, draw or participant")
@APIResponse(responseCode = "409", description = "Wrong campaign state")
public class DrawResource {

    @Inject
    Draws draws;

    @Inject
    SeedCeremonies ceremonies;

    @POST
    @Path("/{id}/draw/commit")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Phase (a): fix pool, quotas, seats and algorithm and publish the SHA-256 commitment — as a job",
            description =
                    "State, algorithm, quotas and pool size are checked at once; the distribution (LEXIMIN can take minutes "
                            + "on a large pool) is computed by a job. Follow the job at Location: when it SUCCEEDED the draw is at its "
                            + "resultLocation; infeasible quotas fail the job with a 422 problem naming the smallest relaxation. "
                            + "One commitment job per campaign at a time; sign-ups cannot be withdrawn while it runs.")
    @APIResponse(
            responseCode = "202",
            description = "Commitment queued: follow the job at Location",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Campaign not CLOSED, not a lottery campaign (selectionMode), no more active sign-ups "
                    + "than seats (no lottery needed: seat everyone with POST .../seating, or reopen), draw already committed, a commitment job "
                    + "already queued or running; seed-ceremony-required: nobody committed to the seed ceremony; "
                    + "seed-ceremony-incomplete: only one party did (a ceremony needs two)")
    @APIResponse(responseCode = "422", description = "More seats than households under the household rule")
    public Response commit(@PathParam("id") UUID id, CommitIn in) {
        return Jobs.accepted(draws.requestCommit(id, in));
    }

    @POST
    @Path("/{id}/draw/seed")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Phase (b): draw the panel deterministically with the seed; outcomes are mailed",
            description =
                    "Send no seed: the seed follows from the campaign's seed ceremony — the draw commitment and the "
                            + "parties' reveals — once every party revealed or the reveal deadline passed (then without the "
                            + "missing, named in the record), and never before a declared public number is revealed. Nobody "
                            + "types a seed: a campaign whose parties did not commit to a ceremony is not drawn.")
    @APIResponse(responseCode = "200", description = "The panel drawn")
    @APIResponse(
            responseCode = "409",
            description = "Draw already drawn; seed-ceremony-required: nobody committed to a seed ceremony (invite the "
                    + "parties, commit before the draw commitment, reveal after it); seed-from-ceremony: a seed was "
                    + "sent; seed-ceremony-waiting: reveals or the public number still awaited; seed-ceremony-failed: "
                    + "nobody revealed a secret")
    public DrawOut seed(@PathParam("id") UUID id, SeedIn in) {
        return draws.seed(id, in == null ? null : in.seed());
    }

    @POST
    @Path("/{id}/draw/ceremony/commitments")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Seed ceremony: a party commits to its secret (SHA-256 hex) before the draw commitment",
            description =
                    "party left out: the caller's own — corporation, or tenant-organisation (the organising or partner "
                            + "tenant organisation, an equal party); witness:<name> for a witness at a public session; public-number "
                            + "with a source (where and when it will be published, after the reveal deadline) and no commitment. Once "
                            + "per party; taken until the draw commitment is asked for; a ceremony needs two parties by then.")
    @APIResponseSchema(
            value = DrawViews.CeremonyOut.class,
            responseCode = "201",
            responseDescription = "Committed: the ceremony")
    @APIResponse(
            responseCode = "409",
            description =
                    "seed-commitments-closed: the draw is committed or being committed; seed-already-committed; not "
                            + "a lottery campaign, or no longer DRAFT, OPEN or CLOSED")
    public Response commitSeed(@PathParam("id") UUID id, SeedCommitmentIn in) {
        return Response.status(201).entity(ceremonies.commit(id, in)).build();
    }

    @POST
    @Path("/{id}/draw/ceremony/reveals")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Seed ceremony: a party reveals its secret after the draw commitment, before the reveal deadline",
            description =
                    "party as for the commitment (left out: the caller's own). The reveal must hash (SHA-256 of its "
                            + "UTF-8 bytes) to the commitment. Reveals are sealed — nobody reads another's — until every party "
                            + "revealed or the deadline passed. The public number is revealed once published, until the draw. A "
                            + "refused reveal changes nothing.")
    @APIResponse(responseCode = "200", description = "Revealed: the ceremony")
    @APIResponse(
            responseCode = "409",
            description = "reveal-before-draw-commitment, no-seed-commitment (the party did not commit), "
                    + "seed-already-revealed, reveal-too-late (past the deadline), or already drawn")
    @APIResponse(responseCode = "422", description = "reveal-mismatch: the reveal does not hash to the commitment")
    public DrawViews.CeremonyOut revealSeed(@PathParam("id") UUID id, SeedRevealIn in) {
        return ceremonies.reveal(id, in);
    }

    @GET
    @Path("/{id}/draw/ceremony")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary =
                    "The seed ceremony: parties, commitments, who revealed (the reveals once unsealed), the deadline and "
                            + "the seed once fixed")
    @APIResponse(
            responseCode = "200",
            description = "The ceremony (no parties yet: the draw cannot be committed until at least two commit)")
    public DrawViews.CeremonyOut ceremony(@PathParam("id") UUID id) {
        return ceremonies.get(id);
    }

    @GET
    @Path("/{id}/draw")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The draw: commitment, selection probabilities and outcomes")
    @APIResponse(responseCode = "200", description = "The draw")
    public DrawOut get(@PathParam("id") UUID id) {
        return draws.get(id);
    }

    @GET
    @Path("/{id}/draw/record")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The draw record (JSON, pseudonymous) to publish and re-run with the draw-engine CLI")
    @APIResponse(
            responseCode = "200",
            description = "The draw record",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .OBJECT)))
    public Response record(@PathParam("id") UUID id) {
        return Response.ok(draws.record(id), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"draw-" + id + ".json\"")
                .build();
    }

    @POST
    @Path("/draws/verify")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary =
                    "Verify a draw record: commitment, inputs, distribution and that the seed gives the published panel")
    @APIResponse(responseCode = "200", description = "match true or false with the differences")
    public VerifyOut verify(@QueryParam("commitment") String commitment, String record) {
        Verification v = draws.verify(record, commitment);
        return new VerifyOut(v.match(), v.commitment(), v.checked(), v.differences());
    }

    @POST
    @Path("/{id}/participants/{tenantRef}/confirm")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "A selected tenant confirms the seat (after a draw or a seating without one)")
    @APIResponse(
            responseCode = "200",
            description = "Confirmed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                                            additionalProperties = String.class)))
    public Map<String, String> confirm(@PathParam("id") UUID id, @PathParam("tenantRef") String tenantRef) {
        var s = draws.confirm(id, tenantRef);
        return Map.of("tenantRef", s.tenantRef, "outcome", s.outcome);
    }

    @POST
    @Path("/{id}/participants/{tenantRef}/decline")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "A selected tenant declines; the first waitlisted tenant who keeps the quotas takes the seat",
            description =
                    "After a draw the engine picks the replacement (quotas, household rule); in a campaign seated without a lottery "
                            + "the first on its waitlist (reserves in the order appointed, first come in an open campaign).")
    @APIResponse(responseCode = "200", description = "Declined, with who took the seat")
    public ReplacementOut decline(@PathParam("id") UUID id, @PathParam("tenantRef") String tenantRef) {
        return draws.decline(id, tenantRef);
    }
}
