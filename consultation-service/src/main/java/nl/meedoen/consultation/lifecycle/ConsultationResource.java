package nl.meedoen.consultation.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.lifecycle.ConsultationViews.ConsultationView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Thin HTTP layer over {@link ConsultationService}: drafting, statement, alignment and the lifecycle transitions. */
@Path("/api/v1/consultations")
@Tag(
        name = "Consultations",
        description =
                "Surveys, constituency polls and PWE: lifecycle DRAFT → OPEN → CLOSED → RESULTS_PUBLISHED → FEEDBACK_PUBLISHED")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The role (or party) may not do this")
public class ConsultationResource {

    static final String EXAMPLE = """
            {"kind":"PWE","languages":["nl","en"],
             "title":{"nl":"Nieuwe speeltuin in de Vogelbuurt","en":"A new playground in the Vogelbuurt"},
             "partnerOrganisation":"huurdersvereniging-vogelbuurt","anonymity":"ANONYMOUS",
             "audience":{"type":"SEGMENT","filter":{"neighbourhoodCode":["BU03440101"]}},
             "opensAt":"2027-03-01T09:00:00+01:00","closesAt":"2027-03-15T23:59:00+01:00",
             "reminders":["2027-03-08T09:00:00+01:00"]}""";

    @Inject
    ConsultationService service;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    SecurityIdentity identity;

    private Caller caller() {
        return Caller.of(identity);
    }

    static Response withTag(ConsultationView view, Response.Status status) {
        return Response.status(status)
                .entity(view)
                .tag(Preconditions.etag(view.version()))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Start a consultation (DRAFT)",
            description =
                    "The caller's party is the initiator. A corporation may name the tenant "
                            + "organisation that co-owns it and aligns the questions; a tenant organisation's consultation is aligned with the corporation.")
    @APIResponse(
            responseCode = "201",
            description = "Created, with ETag",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "A field rule (errors[] name the fields: title, languages, audience, partnerOrganisation "
                            + "(also: not an active organisation of the register), opensAt, closesAt, …), or the Idempotency-Key reused with another body",
            content = @Content(examples = @ExampleObject(name = "unknown tenant organisation", value = """
                    {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
                     "detail":"partnerOrganisation: unknown tenant organisation hv-nergens: name an active organisation of the register (GET /api/v1/organisations)",
                     "errors":[{"field":"partnerOrganisation","message":"unknown tenant organisation hv-nergens: name an active organisation of the register (GET /api/v1/organisations)"}]}""")))
    public Response create(
            @Parameter(description = "Retry key: same key and body replay the response")
                    @HeaderParam(IdempotencyKeys.HEADER)
                    String key,
            @NotNull
                    @Valid
                    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject(name = "PWE", value = EXAMPLE)))
                    ConsultationRequests.ConsultationRequest request) {
        Caller caller = caller();
        return idempotency.execute("POST /api/v1/consultations by " + caller.client(), key, request, () -> {
            ConsultationView view = service.view(service.create(request, caller));
            return Response.status(Response.Status.CREATED)
                    .entity(view)
                    .tag(Preconditions.etag(view.version()))
                    .header(
                            "Location",
                            "/api/v1/consultations/" + view.identity().id())
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "List the consultations the caller may see",
            description = "A tenant organisation sees those it initiated or co-owns.")
    @APIResponse(responseCode = "200", description = "A page {items, next} with Link rel=next")
    @APIResponse(responseCode = "400", description = "Bad status, limit or cursor")
    public Response list(
            @QueryParam("status")
                    @Parameter(description = "DRAFT, OPEN, CLOSED, RESULTS_PUBLISHED or FEEDBACK_PUBLISHED")
                    String status,
            @BeanParam PageQuery paging) {
        return paging.respond(service.list(caller(), status, paging.request()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "A consultation, with its readiness to open and an ETag")
    @APIResponse(
            responseCode = "200",
            description = "The consultation",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such consultation (or not visible to this tenant organisation)")
    public Response get(@PathParam("id") UUID id) {
        return withTag(service.view(service.find(id, caller())), Response.Status.OK);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Change a draft's settings (If-Match required)")
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "422", description = "A field rule: errors[] name the fields")
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Not a draft any more")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ConsultationRequests.ConsultationRequest request) {
        return withTag(service.view(service.update(id, request, ifMatch, caller())), Response.Status.OK);
    }

    @PUT
    @Path("{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Set when it opens and closes and when reminders go out (If-Match required)",
            description = "In DRAFT everything; once OPEN only the closing time and reminders.")
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(
            responseCode = "422",
            description = "Times out of order or in the past (errors[] name opensAt, closesAt, reminders)")
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Closed already")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response schedule(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ConsultationRequests.Schedule schedule) {
        return withTag(service.view(service.schedule(id, schedule, ifMatch, caller())), Response.Status.OK);
    }

    @PUT
    @Path("{id}/statement")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Set the participation statement (If-Match required)",
            description =
                    "Goal, what can and cannot be influenced, the level of influence and what will be done with the outcome by when. Required to open.")
    @APIResponse(
            responseCode = "200",
            description = "Set",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "422", description = "Missing parts or texts (errors[] name the fields)")
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Not a draft any more")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response statement(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ConsultationRequests.Statement statement) {
        return withTag(service.view(service.statement(id, statement, ifMatch, caller())), Response.Status.OK);
    }

    @POST
    @Path("{id}/statement/signatures")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Sign the current participation statement for your party",
            description =
                    "The owning parties sign the statement: the corporation for its consultations, the co-owning tenant organisation for a "
                            + "corporation's consultation it co-owns (so a co-owned consultation is signed by both), the initiating tenant organisation for "
                            + "its own poll. statementSignatures and statementUnsignedBy in the consultation say who has; respondents see the signing parties "
                            + "(statement.signedBy). Saving a different statement clears the signatures. Signing does not hold the opening back.")
    @APIResponse(
            responseCode = "200",
            description = "Signed",
            content =
                    @Content(
                            schema = @Schema(implementation = ConsultationView.class),
                            examples =
                                    @ExampleObject(
                                            name = "signed by both",
                                            value =
                                                    "{\"id\":\"7b0f3c52-9a51-4f0e-8a52-7d1e2f3a4b5c\",\"status\":\"DRAFT\","
                                                            + "\"partnerOrganisation\":\"huurdersvereniging-vogelbuurt\",\"statementSignatures\":{\"corporation\":{\"client\":\"woonstichting\","
                                                            + "\"at\":\"2027-02-01T10:00:00Z\"},\"tenant-organisation\":{\"client\":\"huurdersvereniging-vogelbuurt\",\"at\":\"2027-02-02T19:30:00Z\"}},"
                                                            + "\"statementUnsignedBy\":[],\"version\":5}")))
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(
            responseCode = "409",
            description = "Not a draft (wrong-status, naming the status), or no statement yet (no-statement)")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response signStatement(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.signStatement(id, ifMatch, caller())), Response.Status.OK);
    }

    @POST
    @Path("{id}/alignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Record the other party's agreement or disagreement with the current questions",
            description =
                    "By the co-owning tenant organisation (corporation's consultation) or the corporation (tenant organisation's own poll, "
                            + "where it is advice: the poll never waits for it and a disagreement asks nothing of it). "
                            + "A later change of the questions (other than who asks them) asks for a new decision. "
                            + "On DISAGREED every question must say who asks it before opening; respondents see it.")
    @APIResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "422", description = "A decision other than AGREED or DISAGREED (field decision)")
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Not a draft, or no questions yet")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response align(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ConsultationRequests.AlignmentRequest request) {
        return withTag(service.view(service.align(id, request, ifMatch, caller())), Response.Status.OK);
    }

    @POST
    @Path("{id}/open")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Open now: freeze the questionnaire and invite the audience",
            description =
                    "Needs the participation statement and questions. A corporation's consultation with a partnerOrganisation also needs "
                            + "the partner's alignment, but only for meedoen.consultation.alignment-period (default P14D) after it was asked: until then "
                            + "409 not-ready names the PENDING alignment and alignment.openableWithoutFrom; after it, it opens with the alignment NOT_GIVEN, "
                            + "which respondents see (missingAlignment). A tenant organisation's own poll never waits for the corporation. "
                            + "Invitations are created and mailed in the background; see /invitations/counts.")
    @APIResponse(
            responseCode = "200",
            description = "Open",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(
            responseCode = "409",
            description = "Not a draft (wrong-status), or not ready (not-ready: errors[] says what is missing)",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "alignment pending",
                                            value =
                                                    "{\"type\":\"https://meedoen.nl/problems/not-ready\",\"title\":\"Not ready to open\",\"status\":409,"
                                                            + "\"detail\":\"alignment: the alignment is PENDING: huurdersvereniging-vogelbuurt has not recorded agreement or disagreement "
                                                            + "with questionnaire version 2; without it the consultation may open from 2027-02-15T10:00Z\","
                                                            + "\"errors\":[{\"field\":\"alignment\",\"message\":\"the alignment is PENDING: ...\"}]}")))
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response open(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.open(id, ifMatch, caller())), Response.Status.OK);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Close now: no more responses")
    @APIResponse(
            responseCode = "200",
            description = "Closed",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Not open")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.close(id, ifMatch, caller())), Response.Status.OK);
    }

    @POST
    @Path("{id}/results/publish")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Publish the results of a closed consultation",
            description = "Survey frontends may then read them too.")
    @APIResponse(
            responseCode = "200",
            description = "Published",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "404", description = "No such consultation")
    @APIResponse(responseCode = "409", description = "Not closed")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response publishResults(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.publishResults(id, ifMatch, caller())), Response.Status.OK);
    }

    static final String GRANTED = """
            {"id":"7b0f3c52-9a51-4f0e-8a52-7d1e2f3a4b5c","kind":"SURVEY","status":"CLOSED",
             "initiator":{"party":"tenant-organisation","client":"huurdersvereniging-vogelbuurt"},"ownPoll":true,
             "corporationAccess":{"granted":true,"grantedAt":"2027-04-02T09:30:00Z","grantedBy":"huurdersvereniging-vogelbuurt"},
             "alignment":{"status":"NOT_GIVEN","required":false},"version":7}""";

    @PUT
    @Path("{id}/corporation-access")
    @RolesAllowed(Roles.TENANT_ORGANISATION)
    @Operation(
            summary = "Grant the corporation access to the raw responses of your own poll",
            description =
                    "A tenant organisation's own poll (§3.5 achterbanraadpleging) is private to it: the corporation gets 403 private-poll on "
                            + "its exports (direct and as jobs, and their downloads) and on its results until they are published. Granting lets the "
                            + "corporation read the responses and exports and the results at once, until revoked. Audited "
                            + "(consultation.corporation-access.granted). Granting twice changes nothing.")
    @APIResponse(
            responseCode = "200",
            description = "Granted",
            content =
                    @Content(
                            schema = @Schema(implementation = ConsultationView.class),
                            examples = @ExampleObject(name = "granted", value = GRANTED)))
    @APIResponse(responseCode = "404", description = "No such consultation (or not yours)")
    @APIResponse(
            responseCode = "409",
            description = "not-own-poll: a corporation's consultation, whose owners read the responses anyway")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response grantCorporationAccess(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.corporationAccess(id, true, ifMatch, caller())), Response.Status.OK);
    }

    @DELETE
    @Path("{id}/corporation-access")
    @RolesAllowed(Roles.TENANT_ORGANISATION)
    @Operation(
            summary = "Revoke the corporation's access to the raw responses of your own poll",
            description =
                    "From now on the corporation is refused (403 private-poll) on the poll's responses, exports and downloads of exports it "
                            + "made while it had access, and on its unpublished results. Audited (consultation.corporation-access.revoked).")
    @APIResponse(
            responseCode = "200",
            description = "Revoked",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    @APIResponse(responseCode = "404", description = "No such consultation (or not yours)")
    @APIResponse(responseCode = "409", description = "not-own-poll: a corporation's consultation")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    public Response revokeCorporationAccess(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return withTag(service.view(service.corporationAccess(id, false, ifMatch, caller())), Response.Status.OK);
    }
}
