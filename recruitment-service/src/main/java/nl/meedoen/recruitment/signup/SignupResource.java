package nl.meedoen.recruitment.signup;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import nl.meedoen.commons.csv.CsvException;
import nl.meedoen.commons.csv.CsvReader;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.recruitment.signup.SignupRequests.OutreachIn;
import nl.meedoen.recruitment.signup.SignupRequests.SignupIn;
import nl.meedoen.recruitment.signup.SignupRequests.TokenSignupIn;
import nl.meedoen.recruitment.signup.SignupViews.Conversion;
import nl.meedoen.recruitment.signup.SignupViews.SignupOut;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(
        name = "Sign-ups",
        description = "Outreach with personal sign-up links, sign-ups, withdrawal, conversion per source")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid request")
@APIResponse(responseCode = "404", description = "Unknown campaign, sign-up or link")
public class SignupResource {

    @Inject
    Signups signups;

    @POST
    @Path("/{id}/outreach")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary =
                    "Mail (or letter) every eligible tenant a personal sign-up link through notification-service — as a job",
            description =
                    "Follow the job at Location; when it SUCCEEDED its result holds eligible, messaged and alreadyReached "
                            + "(tenants reached through this source before, or signed up already: nobody is messaged twice). "
                            + "Cancelling stops between batches of a thousand; what was sent stays recorded.")
    @APIResponse(
            responseCode = "202",
            description = "Outreach queued: follow the job at Location",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Campaign not OPEN, or an outreach through this source is already running")
    public Response outreach(@PathParam("id") UUID id, OutreachIn in) {
        return Jobs.accepted(signups.requestOutreach(id, in == null ? null : in.source()));
    }

    @POST
    @Path("/{id}/signups/bulk")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Sign up many tenants at once: sign-ups collected at an event or on paper",
            description =
                    "A JSON list of sign-ups, or a CSV with the columns tenantRef, source and optionally motivation, expertise, "
                            + "availability (UTF-8 with or without BOM, ';' or ',' as a spreadsheet saves it). Each line is checked as a "
                            + "single sign-up would be; the answer reports every line (201, or 400/409/422 with the reason) and a refused "
                            + "line never costs the others. At most 2,000 lines per call (answered in about 2–4 s; more would come near the gateway's 10 s timeout): split a larger list.")
    @APIResponse(responseCode = "200", description = "Every line with what became of it")
    @APIResponse(responseCode = "413", description = "More than 2,000 lines")
    public SignupViews.BulkOut signUpMany(@PathParam("id") UUID id, List<SignupIn> in) {
        List<Signups.BulkLine> lines = new java.util.ArrayList<>();
        for (int i = 0; in != null && i < in.size(); i++) {
            lines.add(new Signups.BulkLine(
                    i + 1,
                    in.get(i),
                    in.get(i) == null ? new Problem.FieldError("[" + i + "]", "a sign-up object") : null));
        }
        return signups.signUpMany(id, lines);
    }

    @POST
    @Path("/{id}/signups/bulk")
    @Consumes("text/csv")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Sign up many tenants at once from a CSV (see the JSON variant)")
    @APIResponse(responseCode = "200", description = "Every data row with what became of it")
    @APIResponse(responseCode = "413", description = "More than 2,000 rows")
    public SignupViews.BulkOut signUpManyCsv(@PathParam("id") UUID id, java.io.InputStream body) {
        List<Signups.BulkLine> lines = new java.util.ArrayList<>();
        try (CsvReader csv = CsvReader.open(body, null)) {
            if (!csv.header().contains("tenantRef") || !csv.header().contains("source")) {
                throw ProblemException.invalidField(
                        "header", "needs the columns tenantRef and source; has " + csv.header());
            }
            for (CsvReader.Row row : csv) {
                if (lines.size() > Signups.BULK_MAX) {
                    break; // enough to refuse the call with 413 without reading on
                }
                lines.add(
                        row.error() != null
                                ? new Signups.BulkLine(
                                        row.number(),
                                        new SignupIn(row.get("tenantRef"), null, null, null, null),
                                        new Problem.FieldError(
                                                row.error().column(),
                                                row.error().message() + " (line " + row.line() + ")"))
                                : new Signups.BulkLine(
                                        row.number(),
                                        new SignupIn(
                                                row.get("tenantRef"),
                                                row.get("motivation"),
                                                row.get("expertise"),
                                                row.get("availability"),
                                                row.get("source")),
                                        null));
            }
        } catch (CsvException e) {
            throw ProblemException.invalidField(e.column() == null ? "body" : e.column(), e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return signups.signUpMany(id, lines);
    }

    @POST
    @Path("/{id}/signups")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary =
                    "Sign a tenant up (the corporation's tenant portal, or a tenant organisation recording a sign-up from its own event)",
            description =
                    "A tenant organisation records sign-ups from an evening it organised (toolkit §3.6), source EVENT only, in the "
                            + "campaigns it organises or co-owns as partnerOrganisation; any other organisation's campaign is a 404.")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "from the theme evening",
                                            value =
                                                    "{\"tenantRef\":\"T-1042\",\"source\":\"EVENT\",\"motivation\":\"Sprak op de themaavond over de galerijen\","
                                                            + "\"expertise\":\"Bouwkundige\",\"availability\":\"Dinsdagavond\"}")))
    @APIResponseSchema(value = SignupOut.class, responseCode = "201", responseDescription = "Signed up")
    @APIResponse(responseCode = "400", description = "tenantRef missing, or an unknown source")
    @APIResponse(
            responseCode = "404",
            description = "Unknown campaign, or (tenant organisation) not one it organises or co-owns")
    @APIResponse(responseCode = "409", description = "Duplicate sign-up or sign-ups not open")
    @APIResponse(
            responseCode = "422",
            description =
                    "Tenant not eligible, or a tenant organisation giving another source than EVENT (naming source)",
            content = @Content(examples = @ExampleObject(name = "not an event", value = """
            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
            "detail":"source: a tenant organisation records sign-ups from its own events: EVENT",
            "errors":[{"field":"source","message":"a tenant organisation records sign-ups from its own events: EVENT"}]}""")))
    public Response signUp(@PathParam("id") UUID id, SignupIn in) {
        return Response.status(201).entity(SignupOut.of(signups.signUp(id, in))).build();
    }

    /** Where the token routes accept a letter's short code instead of the link's token. */
    static final String CREDENTIAL =
            "Wherever these routes take the link's token (body field token, header Signup-Token) they "
                    + "also take the short code its message carries (shortCode, e.g. K7QM-3XTR-9P: case, spaces and dashes do not "
                    + "matter), typed on the sign-up page by a tenant who cannot scan the letter's QR code; the answers are the same. "
                    + "A wrong code is a 404 like a wrong token, under the gateway's per-IP limit of token routes.";

    /**
     * Public on purpose: the tenant follows the personal link from the outreach; the 256-bit token (or the short code of
     * its letter, behind the gateway's strict per-IP limit of token routes) is the credential.
     */
    @POST
    @Path("/token-signups")
    @PermitAll
    @Extension(name = "x-meedoen-public", value = "sign-up token")
    @Operation(
            summary = "Sign up through a personal link from an outreach (the token identifies tenant and channel)",
            description = CREDENTIAL)
    @APIResponse(
            responseCode = "201",
            description = "Signed up",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SignupOut.class)))
    @APIResponse(responseCode = "409", description = "Duplicate sign-up or sign-ups not open")
    @APIResponse(responseCode = "422", description = "Tenant no longer eligible")
    public Response signUpByToken(TokenSignupIn in) {
        return Response.status(201)
                .entity(SignupOut.of(signups.signUpByToken(in)))
                .build();
    }

    /** Public on purpose, like the sign-up itself: what the tenant's sign-up page shows. */
    @GET
    @Path("/token-signups/invitation")
    @PermitAll
    @Extension(name = "x-meedoen-public", value = "sign-up token")
    @Operation(
            summary = "What a personal sign-up link opens: the campaign, the tenant's sign-up and what she can do now",
            description =
                    "For the sign-up page behind the outreach link (examples/tenant-pages): the campaign with its "
                            + "statement, sessions and compensation; her sign-up, if any (also a withdrawn one); whether she can "
                            + "sign up or withdraw now and why not; and which texts the page asks. Changes nothing. "
                            + CREDENTIAL)
    @APIResponse(responseCode = "200", description = "The campaign as the link's tenant sees it")
    @APIResponse(responseCode = "404", description = "No such sign-up link (a mistyped or unknown token or short code)")
    public SignupViews.TokenInvitationOut invitation(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                            description = "The token from the personal link (after '#'), or the letter's short code",
                            required = true)
                    @jakarta.ws.rs.HeaderParam("Signup-Token")
                    String token) {
        return signups.invitationView(token);
    }

    /** Public on purpose: the tenant who signed up through her link withdraws through it. */
    @POST
    @Path("/token-signups/withdrawal")
    @PermitAll
    @Extension(name = "x-meedoen-public", value = "sign-up token")
    @Operation(
            summary = "Withdraw the sign-up of a personal link (before the draw is committed or the seats are given)",
            description =
                    "Whichever channel she signed up through; in a campaign open up to capacity her seat goes to the "
                            + "first on the waitlist. The same rules as the organiser's DELETE .../signups/{tenantRef}. "
                            + CREDENTIAL)
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such sign-up link, or no active sign-up behind it")
    @APIResponse(
            responseCode = "409",
            description = "The draw is committed or being committed, or the seats are given: a seated tenant declines "
                    + "instead")
    public SignupOut withdrawByToken(SignupRequests.TokenIn in) {
        return SignupOut.of(signups.withdrawByToken(in));
    }

    @GET
    @Path("/{id}/signups")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "The campaign's sign-ups with status and draw outcome",
            description =
                    "With motivation, expertise and availability: only for the parties to the campaign. A tenant organisation asking "
                            + "for the sign-ups of a campaign it is no party to (also a formal-participation campaign it may only read) gets a 404, "
                            + "and the attempt is written to the audit log (campaign.signups.refused).")
    @APIResponse(responseCode = "404", description = "Unknown campaign, or not a party to it (audited)")
    @APIResponse(responseCode = "200", description = "The sign-ups")
    public List<SignupOut> list(@PathParam("id") UUID id) {
        return signups.list(id).stream().map(SignupOut::of).toList();
    }

    @DELETE
    @Path("/{id}/signups/{tenantRef}")
    @RolesAllowed(Roles.CORPORATION)
    @Operation(summary = "Withdraw a sign-up (before the draw is committed)")
    @APIResponse(responseCode = "409", description = "Draw already committed")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    public SignupOut withdraw(@PathParam("id") UUID id, @PathParam("tenantRef") String tenantRef) {
        return SignupOut.of(signups.withdraw(id, tenantRef));
    }

    @GET
    @Path("/{id}/conversion")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary =
                    "Conversion per source (requested, reached, signed up, withdrawn) and, with ?attribute=, per group",
            description =
                    "A tenant counts as reached only when notification-service reports the outreach message delivered (an email SENT) or "
                            + "printed (a letter PRINTED or POSTED), on whichever channel the register chose; requested counts what was asked of it.")
    @APIResponse(responseCode = "200", description = "Conversion per source (and group)")
    public Conversion conversion(@PathParam("id") UUID id, @jakarta.ws.rs.QueryParam("attribute") String attribute) {
        return signups.conversion(id, attribute);
    }
}
