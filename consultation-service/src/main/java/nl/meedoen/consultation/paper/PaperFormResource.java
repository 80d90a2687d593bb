package nl.meedoen.consultation.paper;

import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.job.JobView;
import nl.meedoen.commons.job.Jobs;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.consultation.export.ExportStore;
import nl.meedoen.consultation.lifecycle.Consultation;
import nl.meedoen.consultation.lifecycle.ConsultationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The questionnaire on paper for tenants who are not online: a blank form at once, and the forms of a consultation's
 * unanswered invitations, each with its short code, printed by a job into one PDF to download.
 */
@Path("/api/v1/consultations/{id}/paper-forms")
@Tag(name = "Paper forms", description = "The questionnaire as a PDF to print, with the tenant's short code")
@APIResponse(responseCode = "404", description = "No such consultation")
public class PaperFormResource {

    static final String PDF = "application/pdf";

    @Inject
    PaperForms forms;

    @Inject
    ConsultationService consultations;

    @Inject
    ExportStore store;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @GET
    @Path("blank")
    @Produces(PDF)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary = "A blank paper form (no code)",
            description =
                    "The questionnaire as it prints, with a box for the code from the tenant's letter instead of"
                            + " the code itself: to check the layout (also of a draft) or to hand out to a tenant who has her letter.")
    @APIResponse(responseCode = "200", description = "The PDF", content = @Content(mediaType = PDF))
    @APIResponse(responseCode = "400", description = "A language the consultation does not have")
    public Response blank(@PathParam("id") UUID id, @QueryParam("lang") @Parameter(example = "en") String lang) {
        PaperForm.Sheet sheet = forms.blank(id, lang, Caller.of(identity));
        StreamingOutput body = out -> PaperForm.write(List.of(new PaperForm.Form(sheet, null)), out, null);
        return Response.ok(body, PDF)
                .header("Content-Disposition", "inline; filename=\"paper-form-" + id + ".pdf\"")
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Print the paper forms of the unanswered invitations, as a job",
            description =
                    "One PDF with a form per unanswered invitation (or per tenant named in tenantRefs), ordered by"
                            + " short code, each page with the invitation's short code: staff enter the returned forms with"
                            + " POST /consultations/{id}/paper-responses. 202 with the job's Location; once SUCCEEDED its"
                            + " resultLocation is GET /consultations/{id}/paper-forms/{formsId}, kept as long as exports."
                            + " In ?lang= (default the consultation's first language). At most 5,000 forms per job.")
    @APIResponse(
            responseCode = "202",
            description = "Printing started: follow the job at Location",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "A language the consultation does not have; nothing is started")
    @APIResponse(responseCode = "403", description = "Not the caller's consultation to print forms for")
    @APIResponse(
            responseCode = "409",
            description = "wrong-status: the consultation is not OPEN (names the status); no-open-invitations;"
                    + " too-many-forms (over 5,000 unanswered: name the tenants); job-in-progress")
    @APIResponse(responseCode = "422", description = "tenantRefs empty, over 5,000, or naming a tenant not invited")
    public Response start(
            @PathParam("id") UUID id,
            @QueryParam("lang") @Parameter(example = "en") String lang,
            PaperForms.Request request) {
        return Jobs.accepted(forms.start(id, lang, request, Caller.of(identity)));
    }

    @GET
    @Path("{formsId}")
    @Produces(PDF)
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
    @Operation(
            summary = "Download the paper forms a job printed",
            description = "The job's resultLocation. Whoever may enter the consultation's paper responses may download"
                    + " them (the codes answer for the tenants), until they expire.")
    @APIResponse(
            responseCode = "200",
            description = "The PDF",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=…"),
            content = @Content(mediaType = PDF))
    @APIResponse(responseCode = "403", description = "Not the caller's consultation to enter responses for")
    @APIResponse(
            responseCode = "404",
            description = "No such consultation, or no such forms (never printed, still printing, or expired)")
    public Response download(@PathParam("id") UUID id, @PathParam("formsId") UUID formsId) {
        ExportStore.Stored printed = printed(id, formsId, Caller.of(identity));
        audit.record(
                "consultation.paper-forms.downloaded",
                "consultation",
                id.toString(),
                Map.of("forms", formsId.toString(), "count", printed.written().rows()));
        return store.attachment(printed, PDF);
    }

    private ExportStore.Stored printed(UUID id, UUID formsId, Caller caller) {
        Consultation c = consultations.find(id, caller);
        consultations.requireChange(c, caller);
        return store.downloadable(id, formsId, PaperForms.FORMAT::equals, "paper forms");
    }
}
