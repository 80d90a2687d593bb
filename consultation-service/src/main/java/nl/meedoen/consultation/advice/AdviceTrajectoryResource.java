package nl.meedoen.consultation.advice;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Thin HTTP layer over {@link AdviceService}. Every state change answers the trajectory as it is now. */
@Path("/api/v1/advice-trajectories")
@Tag(
        name = "Advice trajectories",
        description = "(On)gevraagd advies: REQUESTED → IN_PREPARATION → ADVICE_GIVEN → RESPONSE_GIVEN → CLOSED; "
                + "consultations and campaigns linked as its basis; the corporation's answer is mailed as feedback")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The role (or party) may not do this")
public class AdviceTrajectoryResource {

    static final String EXAMPLE = """
            {"organisation":"huurdersvereniging-vogelbuurt","subject":"Huurbeleid 2027: inkomensafhankelijke huurverhoging",
             "description":"De corporatie vraagt advies over het huurbeleid voor 2027.",
             "documents":[{"title":"Concept huurbeleid 2027","url":"https://woningcorporatie.example/huurbeleid-2027.pdf"}],
             "deadline":"2027-03-31","consultationIds":["3f1e0c6a-3c9e-4f51-9a57-2b8f4d1c0e11"],
             "campaignIds":["8b2d7e44-1f0a-4c6b-b1f2-6a9e0d3c5b77"]}""";
    static final String VIEW = """
            {"id":"5d6f1b2a-9c3e-4e7f-8a1b-2c3d4e5f6a7b","origin":"REQUESTED","status":"ADVICE_GIVEN",
             "organisation":"huurdersvereniging-vogelbuurt","subject":"Huurbeleid 2027: inkomensafhankelijke huurverhoging",
             "documents":[{"title":"Concept huurbeleid 2027","url":"https://woningcorporatie.example/huurbeleid-2027.pdf"}],
             "deadline":"2027-03-31","overdue":false,"linkedConsultationIds":["3f1e0c6a-3c9e-4f51-9a57-2b8f4d1c0e11"],
             "linkedCampaignIds":["8b2d7e44-1f0a-4c6b-b1f2-6a9e0d3c5b77"],
             "recommendations":[{"number":1,"text":"Geen inkomensafhankelijke verhoging boven 4%","answer":null,"reason":null}],
             "createdAt":"2027-01-10T09:00:00Z","adviceGivenAt":"2027-03-20T15:00:00Z","answeredAt":null,"closedAt":null}""";
    static final String PROBLEM_422 = """
            {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
             "detail":"deadline: a date (yyyy-mm-dd)","errors":[{"field":"deadline","message":"a date (yyyy-mm-dd)"}]}""";
    static final String PROBLEM_409 = """
            {"type":"https://meedoen.nl/problems/wrong-status","title":"Not possible in this status","status":409,
             "detail":"the advice trajectory is RESPONSE_GIVEN; this needs [ADVICE_GIVEN]"}""";

    @Inject
    AdviceService service;

    @Inject
    SecurityIdentity identity;

    private Caller caller() {
        return Caller.of(identity);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Request advice (corporation) or start unsolicited advice (tenant organisation)",
            description =
                    "The corporation names the tenant organisation it asks (status REQUESTED); a tenant organisation starts an "
                            + "unsolicited advice in its own name (status IN_PREPARATION). Linked consultations must be visible to the caller.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            schema = @Schema(implementation = AdviceViews.View.class),
                            examples = @ExampleObject(name = "requested", value = VIEW)))
    @APIResponse(
            responseCode = "422",
            description =
                    "A field rule: organisation, subject, description, documents, deadline, consultationIds or campaignIds",
            content = @Content(examples = @ExampleObject(name = "deadline", value = PROBLEM_422)))
    public Response create(
            @NotNull @RequestBody(content = @Content(examples = @ExampleObject(name = "rent policy", value = EXAMPLE)))
                    AdviceRequests.TrajectoryRequest request) {
        AdviceViews.View view = service.view(service.create(request, caller()));
        return Response.status(Response.Status.CREATED)
                .entity(view)
                .header("Location", "/api/v1/advice-trajectories/" + view.id())
                .build();
    }

    @GET
    @Path("overview")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "Open advice trajectories, earliest deadline first, with what is overdue",
            description =
                    "The corporation and ops see every open trajectory, a tenant organisation its own. Overdue: the deadline has passed "
                            + "and the advice is not given yet (computed now, in the service's time zone).")
    @APIResponse(
            responseCode = "200",
            description = "The overview",
            content =
                    @Content(
                            schema = @Schema(implementation = AdviceViews.Overview.class),
                            examples = @ExampleObject(name = "overview", value = """
                    {"open":1,"overdue":1,"trajectories":[{"id":"5d6f1b2a-9c3e-4e7f-8a1b-2c3d4e5f6a7b","origin":"REQUESTED","status":"IN_PREPARATION",
                     "organisation":"huurdersvereniging-vogelbuurt","subject":"Huurbeleid 2027","deadline":"2027-03-31","overdue":true}]}""")))
    public AdviceViews.Overview overview() {
        return service.overview(caller());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "An advice trajectory, with its recommendations and the corporation's answers")
    @APIResponse(
            responseCode = "200",
            description = "The trajectory",
            content =
                    @Content(
                            schema = @Schema(implementation = AdviceViews.View.class),
                            examples = @ExampleObject(name = "advice given", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such trajectory (or another tenant organisation's)")
    public AdviceViews.View get(@PathParam("id") UUID id) {
        return service.view(service.find(id, caller()));
    }

    @PUT
    @Path("{id}/links")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Set the consultations and campaigns that are the basis (onderlegger) of the advice",
            description = "Replaces both lists; until the advice is given.")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "404", description = "No such trajectory")
    @APIResponse(responseCode = "409", description = "The advice is given already (names the status)")
    @APIResponse(
            responseCode = "422",
            description = "A field rule: consultationIds (unknown or not visible) or campaignIds")
    public AdviceViews.View link(
            @PathParam("id") UUID id,
            @NotNull @RequestBody(content = @Content(examples = @ExampleObject(name = "links", value = """
            {"consultationIds":["3f1e0c6a-3c9e-4f51-9a57-2b8f4d1c0e11"],"campaignIds":["8b2d7e44-1f0a-4c6b-b1f2-6a9e0d3c5b77"]}""")))
                    AdviceRequests.Links links) {
        return service.view(service.link(id, links, caller()));
    }

    @POST
    @Path("{id}/preparation")
    @RolesAllowed(Roles.TENANT_ORGANISATION)
    @Operation(summary = "The tenant organisation takes up a requested advice (REQUESTED → IN_PREPARATION)")
    @APIResponse(responseCode = "200", description = "In preparation")
    @APIResponse(responseCode = "404", description = "No such trajectory")
    @APIResponse(responseCode = "409", description = "Not REQUESTED (names the status)")
    public AdviceViews.View prepare(@PathParam("id") UUID id) {
        return service.view(service.prepare(id, caller()));
    }

    @POST
    @Path("{id}/advice")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ORGANISATION)
    @Operation(
            summary = "Give the advice: a list of recommendations (IN_PREPARATION → ADVICE_GIVEN)",
            description =
                    "Publishes nl.meedoen.consultation.advice-given.v1; recruitment-service then ends the term of linked focus groups.")
    @APIResponse(
            responseCode = "200",
            description = "Advice given",
            content =
                    @Content(
                            schema = @Schema(implementation = AdviceViews.View.class),
                            examples = @ExampleObject(name = "advice given", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such trajectory")
    @APIResponse(
            responseCode = "409",
            description = "Not in preparation, e.g. the advice was given already (names the status)")
    @APIResponse(
            responseCode = "422",
            description = "A field rule: recommendations (1 to 50) or recommendations[i].text")
    public AdviceViews.View advise(
            @PathParam("id") UUID id,
            @NotNull @RequestBody(content = @Content(examples = @ExampleObject(name = "advice", value = """
            {"recommendations":[{"text":"Geen inkomensafhankelijke verhoging boven 4%"},{"text":"Huurbevriezing voor huishoudens met een laag inkomen"},
                                {"text":"Jaarlijks overleg over de uitvoering"}]}""")))
                    AdviceRequests.Advice advice) {
        return service.view(service.giveAdvice(id, advice, caller()));
    }

    @POST
    @Path("{id}/response")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Answer every recommendation (ADVICE_GIVEN → RESPONSE_GIVEN)",
            description =
                    "ADOPTED, ADOPTED_IN_PART or NOT_ADOPTED, each with a reason. Publishes nl.meedoen.consultation.advice-answered.v1, and the answer "
                            + "is mailed (consultation.advice-feedback, purpose feedback) to everyone who took part in a linked consultation.")
    @APIResponse(responseCode = "200", description = "Answered")
    @APIResponse(responseCode = "404", description = "No such trajectory")
    @APIResponse(
            responseCode = "409",
            description = "No advice to answer, or answered already (names the status)",
            content = @Content(examples = @ExampleObject(name = "answered twice", value = PROBLEM_409)))
    @APIResponse(
            responseCode = "422",
            description = "A field rule: answers (one per recommendation), answers[i].number, .answer or .reason")
    public AdviceViews.View respond(
            @PathParam("id") UUID id,
            @NotNull @RequestBody(content = @Content(examples = @ExampleObject(name = "answers", value = """
            {"answers":[{"number":1,"answer":"ADOPTED","reason":"De verhoging blijft onder 4%."},
                        {"number":2,"answer":"ADOPTED_IN_PART","reason":"Bevriezing voor de laagste inkomens, niet voor iedereen met huurtoeslag."},
                        {"number":3,"answer":"NOT_ADOPTED","reason":"Overleg staat al in de samenwerkingsovereenkomst."}]}""")))
                    AdviceRequests.Response response) {
        return service.view(service.respond(id, response, caller()));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(summary = "Close an answered trajectory (RESPONSE_GIVEN → CLOSED)")
    @APIResponse(responseCode = "200", description = "Closed")
    @APIResponse(responseCode = "404", description = "No such trajectory")
    @APIResponse(responseCode = "409", description = "Not answered yet (names the status)")
    public AdviceViews.View close(@PathParam("id") UUID id) {
        return service.view(service.close(id, caller()));
    }
}
