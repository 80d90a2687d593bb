package nl.meedoen.consultation.results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.meedoen.commons.security.Caller;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/consultations/{id}/results")
@Tag(
        name = "Results",
        description =
                "Kept up to date as responses arrive: per question, per profile attribute (small cells withheld), weighted, representativeness")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Unknown attribute or language")
@APIResponse(
        responseCode = "403",
        description =
                "The role may not read results, or (private-poll) the unpublished results of a tenant organisation's own poll")
@APIResponse(responseCode = "404", description = "No such consultation, or (survey frontends) results not published")
public class ResultsResource {

    private static final String ATTRIBUTES =
            "ageBand, householdType, dwellingType, tenancyBand, neighbourhoodCode, complexId or language";

    @Inject
    ResultsService results;

    @Inject
    SecurityIdentity identity;

    @GET
    @Transactional
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(
            summary = "Results per question",
            description = "Counts and shares per option, mean/median/distribution of scales and numbers, "
                    + "ranks, and for PWE the share choosing each option, budget use, the most chosen portfolios and motivations. "
                    + "With weightBy: post-stratified to the invited population's distribution of that attribute.")
    @APIResponse(responseCode = "200", description = "The results")
    public ResultViews.Results get(
            @PathParam("id") UUID id,
            @QueryParam("lang") String lang,
            @QueryParam("weightBy") @Parameter(description = ATTRIBUTES) String weightBy) {
        return results.results(results.readable(id, Caller.of(identity)), lang, weightBy);
    }

    @GET
    @Path("breakdown")
    @Transactional
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(
            summary = "Results per value of one profile attribute",
            description = "Cells with fewer respondents than the minimum (5) are withheld, "
                    + "and one more when a single withheld cell could be worked out from the others.")
    @APIResponse(responseCode = "200", description = "The breakdown")
    public ResultViews.Breakdown breakdown(
            @PathParam("id") UUID id,
            @QueryParam("attribute") @Parameter(required = true, description = ATTRIBUTES) String attribute,
            @QueryParam("lang") String lang) {
        return results.breakdown(results.readable(id, Caller.of(identity)), attribute, lang);
    }

    @GET
    @Path("representativeness")
    @Transactional
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS, Roles.SURVEY_FRONTEND})
    @Operation(
            summary = "Who answered compared with who was invited (or the whole population)",
            description =
                    "Per attribute value: population share, respondent share and response rate; per attribute the dissimilarity index "
                            + "and R-indicator; one summary index (1 = respondents mirror the population).")
    @APIResponse(responseCode = "200", description = "The report")
    public ResultViews.Representativeness representativeness(
            @PathParam("id") UUID id,
            @QueryParam("against") @Parameter(description = "invited (default) or population") String against) {
        return results.representativeness(results.readable(id, Caller.of(identity)), against);
    }
}
