package nl.meedoen.notification.organisation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.meedoen.commons.problem.Preconditions;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organisations")
@Tag(
        name = "Organisations",
        description =
                "Tenant organisations and residents' committees: the parties that co-own consultations and campaigns")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed input")
@APIResponse(responseCode = "403", description = "Role may not do this")
public class OrganisationResource {

    static final String EXAMPLE = """
            {"id":"huurdersvereniging-vogelbuurt","name":"Huurdersvereniging Vogelbuurt","kind":"TENANT_ORGANISATION",
             "complexIds":[],"clients":["huurdersvereniging-vogelbuurt","hv-vogelbuurt-secretaris"],
             "contactEmail":"secretaris@hv-vogelbuurt.nl","active":true,"version":0,
             "createdAt":"2027-01-10T09:00:00Z","updatedAt":"2027-01-10T09:00:00Z"}""";

    @Inject
    OrganisationRegister register;

    @Inject
    SecurityIdentity identity;

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(
            summary = "Register or change a tenant organisation or residents' committee",
            description =
                    "Idempotent by id: 201 when new, 200 when changed or unchanged (the same data again publishes nothing). "
                            + "A residents' committee names its complexes. clients are the JWT subjects that act for it (default: the id); a "
                            + "client acts for one organisation only. Every change is published without contact data on organisations.v1. "
                            + "If-Match (an ETag from a read) is honoured when sent.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = OrganisationRequest.class),
                            examples = {
                                @ExampleObject(name = "tenant organisation", value = """
                    {"name":"Huurdersvereniging Vogelbuurt","kind":"TENANT_ORGANISATION",
                     "clients":["huurdersvereniging-vogelbuurt","hv-vogelbuurt-secretaris"],"contactEmail":"secretaris@hv-vogelbuurt.nl"}"""),
                                @ExampleObject(name = "residents' committee", value = """
                    {"name":"Bewonerscommissie De Merel","kind":"RESIDENTS_COMMITTEE","complexIds":["C-001","C-002"]}""")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "Changed (or unchanged)",
            content =
                    @Content(
                            schema = @Schema(implementation = OrganisationView.class),
                            examples = @ExampleObject(name = "organisation", value = EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Registered",
            content =
                    @Content(
                            schema = @Schema(implementation = OrganisationView.class),
                            examples = @ExampleObject(name = "organisation", value = EXAMPLE)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    @APIResponse(
            responseCode = "422",
            description =
                    "A field rule: id, name, kind, complexIds, clients (also one acting for another organisation), contactEmail",
            content = @Content(examples = @ExampleObject(name = "committee without complex", value = """
                    {"type":"https://meedoen.nl/problems/validation","title":"Request is not valid","status":422,
                     "detail":"complexIds: a residents' committee belongs to at least one complex",
                     "errors":[{"field":"complexIds","message":"a residents' committee belongs to at least one complex"}]}""")))
    public Response upsert(
            @PathParam("id") String id,
            @Parameter(description = "ETag of the version you last read") @HeaderParam("If-Match") String ifMatch,
            OrganisationRequest request) {
        OrganisationRegister.Upserted result = register.upsert(id, request, ifMatch);
        OrganisationView view = OrganisationView.of(result.organisation(), true);
        Response.ResponseBuilder response = result.created()
                ? Response.status(Response.Status.CREATED).header("Location", "/api/v1/organisations/" + id)
                : Response.ok();
        return response.entity(view).tag(Preconditions.etag(view.version())).build();
    }

    @POST
    @Path("{id}/deactivate")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(
            summary = "Deactivate an organisation",
            description =
                    "It stays in the register (earlier consultations and campaigns name it) but can no longer be named as a partner; "
                            + "idempotent. A PUT with active true activates it again.")
    @APIResponse(responseCode = "200", description = "Inactive")
    @APIResponse(responseCode = "404", description = "Unknown organisation")
    public OrganisationView deactivate(@PathParam("id") String id) {
        return OrganisationView.of(register.deactivate(id), true);
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "List the organisations (by id)",
            description =
                    "contactEmail is personal data: the corporation and ops see it; a tenant organisation only its own (null for others).")
    @APIResponse(
            responseCode = "200",
            description = "Every registered organisation, active or not",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = OrganisationView.class,
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
                            examples = @ExampleObject(name = "organisations", value = "[" + EXAMPLE + "]")))
    public List<OrganisationView> list() {
        return register.list(identity);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "One organisation",
            description =
                    "contactEmail is personal data: the corporation and ops see it; a tenant organisation only its own (null for others).")
    @APIResponse(
            responseCode = "200",
            description = "The organisation",
            content =
                    @Content(
                            schema = @Schema(implementation = OrganisationView.class),
                            examples = @ExampleObject(name = "organisation", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Unknown organisation")
    public Response get(@PathParam("id") String id) {
        OrganisationView view = register.get(id, identity);
        return Response.ok(view).tag(Preconditions.etag(view.version())).build();
    }
}
