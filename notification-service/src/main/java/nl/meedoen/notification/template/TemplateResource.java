package nl.meedoen.notification.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/templates")
@Tag(
        name = "Templates",
        description = "Qute message templates per kind and language (subject, HTML and text), versioned")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "403", description = "Role may not use templates this way")
public class TemplateResource {

    /** Data for a preview: values that override the template's sample data. */
    @Schema(name = "PreviewRequest")
    public record PreviewRequest(
            @Schema(example = "{\"consultationTitle\":\"Groen in de wijk\"}")
            Map<String, Object> data) {}

    @Inject
    TemplateService templates;

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "List the latest version of every template and language")
    @APIResponse(responseCode = "200", description = "Templates")
    public List<TemplateView> list() {
        return templates.list();
    }

    @GET
    @Path("{key}/{language}")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "The latest version of one template in one language (no fallback)")
    @APIResponse(responseCode = "200", description = "The template")
    @APIResponse(responseCode = "404", description = "No such template in this language")
    public TemplateView latest(
            @PathParam("key") @Pattern(regexp = TemplateService.KEY_PATTERN) String key,
            @PathParam("language") @Pattern(regexp = TemplateService.LANGUAGE_PATTERN) String language) {
        return templates
                .latest(key, language)
                .orElseThrow(() -> ProblemException.notFound("template " + key + " in " + language));
    }

    @GET
    @Path("{key}/{language}/versions")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Every version of one template in one language, oldest first")
    @APIResponse(responseCode = "200", description = "Versions")
    @APIResponse(responseCode = "404", description = "No such template in this language")
    public List<TemplateView> versions(
            @PathParam("key") @Pattern(regexp = TemplateService.KEY_PATTERN) String key,
            @PathParam("language") @Pattern(regexp = TemplateService.LANGUAGE_PATTERN) String language) {
        List<TemplateView> versions = templates.versions(key, language);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("template " + key + " in " + language);
        }
        return versions;
    }

    @PUT
    @Path("{key}/{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    @Operation(
            summary = "Save a new version of a template",
            description =
                    "The parts are Qute templates. They may use tenantName, unsubscribeUrl and the keys declared in sampleData; "
                            + "any other placeholder is refused here (422 naming it), never at send time. Saving the latest version again changes nothing (200).")
    @APIResponse(
            responseCode = "201",
            description = "New version stored",
            content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Identical to the latest version: nothing changed",
            content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown placeholder or invalid Qute",
            content = @Content(examples = @ExampleObject(name = "unknown placeholder", value = """
            {"type":"https://meedoen.nl/problems/template-invalid","title":"Template is not valid","status":422,
             "detail":"html: unknown placeholder 'consultationTitel' in {consultationTitel}; declare it in sampleData or use one of [...]",
             "errors":[{"field":"html","message":"unknown placeholder 'consultationTitel' in {consultationTitel}; ..."}]}""")))
    public Response save(
            @PathParam("key") @Pattern(regexp = TemplateService.KEY_PATTERN) String key,
            @PathParam("language") @Pattern(regexp = TemplateService.LANGUAGE_PATTERN) String language,
            @NotNull(message = "a template body is required") @Valid TemplateRequest request) {
        TemplateService.Saved saved = templates.save(key, language, request);
        Response.ResponseBuilder response = saved.created()
                ? Response.status(Response.Status.CREATED)
                        .header("Location", "/api/v1/templates/" + key + "/" + language)
                : Response.ok();
        return response.entity(saved.template()).build();
    }

    @POST
    @Path("{key}/{language}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Render the latest version with its sample data (optionally overridden)")
    @APIResponse(responseCode = "200", description = "Rendered subject, HTML and text")
    @APIResponse(responseCode = "404", description = "No such template in this language")
    @APIResponse(responseCode = "422", description = "Data names a placeholder the template does not have")
    public TemplateViews.Rendered preview(
            @PathParam("key") @Pattern(regexp = TemplateService.KEY_PATTERN) String key,
            @PathParam("language") @Pattern(regexp = TemplateService.LANGUAGE_PATTERN) String language,
            PreviewRequest request) {
        TemplateView template = templates
                .latest(key, language)
                .orElseThrow(() -> ProblemException.notFound("template " + key + " in " + language));
        return templates.preview(template, request == null ? null : request.data());
    }
}
