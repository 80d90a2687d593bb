package nl.meedoen.recruitment.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

@Path("/api/v1/campaigns")
@Tag(name = "Representativeness", description = "Eligible population vs sign-ups vs selected, per profile attribute")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Unknown attribute", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or invalid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown campaign", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RepresentativenessResource {

    public record Row(String value, long population, double populationShare, long signups, double signupShare,
                      long selected, double selectedShare) {
    }

    public record AttributeReport(String attribute, List<Row> rows) {
    }

    @Inject
    Campaigns campaigns;

    @Inject
    EntityManager em;

    @GET
    @Path("/{id}/representativeness")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Representativeness per attribute: eligible population, active sign-ups, selected (incl. confirmed)")
    @APIResponse(responseCode = "200", description = "Per attribute", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = AttributeReport.class)))
    public List<AttributeReport> report(@PathParam("id") UUID id, @QueryParam("attribute") String attribute) {
        Campaign c = campaigns.find(id);
        List<PopulationAttribute> attributes;
        if (attribute == null) {
            attributes = Arrays.asList(PopulationAttribute.values());
        } else {
            attributes = List.of(PopulationAttribute.parse(attribute).orElseThrow(() -> ProblemException.invalidField("attribute",
                    "one of " + Arrays.toString(PopulationAttribute.values()))));
        }
        List<AttributeReport> out = new ArrayList<>();
        for (PopulationAttribute a : attributes) {
            Map<String, long[]> counts = counts(c, a);
            long[] totals = new long[3];
            counts.values().forEach(n -> {
                for (int i = 0; i < 3; i++) {
                    totals[i] += n[i];
                }
            });
            List<Row> rows = new ArrayList<>();
            counts.forEach((v, n) -> rows.add(new Row(v, n[0], share(n[0], totals[0]), n[1], share(n[1], totals[1]),
                    n[2], share(n[2], totals[2]))));
            out.add(new AttributeReport(a.name(), rows));
        }
        return out;
    }

    /**
     * Per value of {@code a}: eligible tenants, active sign-ups, selected (or confirmed) sign-ups. Counted by
     * PostgreSQL, so a population of half a million costs a few rows of heap, not half a million entities.
     */
    private Map<String, long[]> counts(Campaign c, PopulationAttribute a) {
        EligibilityRule.Condition eligible = EligibilityRule.sql(Campaigns.rules(c), "p", 2);
        String value = "coalesce(p." + a.column() + ", 'unknown')";
        var query = em.createNativeQuery("SELECT " + value + ", count(*), 0, 0 FROM population_member p WHERE " + eligible.sql()
                + " GROUP BY 1 UNION ALL SELECT " + value + ", 0, count(*), count(*) FILTER (WHERE s.outcome IN ('SELECTED', 'CONFIRMED'))"
                + " FROM signup s LEFT JOIN population_member p ON p.tenant_ref = s.tenant_ref"
                + " WHERE s.campaign_id = ?1 AND s.status = 'ACTIVE' GROUP BY 1");
        query.setParameter(1, c.id);
        for (int i = 0; i < eligible.parameters().size(); i++) {
            query.setParameter(i + 2, eligible.parameters().get(i));
        }
        Map<String, long[]> counts = new TreeMap<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            long[] n = counts.computeIfAbsent((String) r[0], k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                n[i] += ((Number) r[i + 1]).longValue();
            }
        }
        return counts;
    }

    private static double share(long n, long total) {
        return total == 0 ? 0 : Math.round(10000.0 * n / total) / 10000.0;
    }
}
