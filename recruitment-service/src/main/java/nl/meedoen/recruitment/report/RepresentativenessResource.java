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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.population.PopulationAttribute;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/campaigns")
@Tag(name = "Representativeness", description = "Eligible population vs sign-ups vs selected, per profile attribute")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Unknown attribute")
@APIResponse(responseCode = "404", description = "Unknown campaign")
public class RepresentativenessResource {

    public record Row(
            String value,
            long population,
            double populationShare,
            long signups,
            double signupShare,
            long selected,
            double selectedShare) {}

    public record AttributeReport(String attribute, List<Row> rows) {}

    @Inject
    Campaigns campaigns;

    @Inject
    EntityManager em;

    @GET
    @Path("/{id}/representativeness")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(
            summary =
                    "Representativeness per attribute: eligible population, active sign-ups, selected (incl. confirmed)")
    @APIResponse(responseCode = "200", description = "Per attribute")
    public List<AttributeReport> report(@PathParam("id") UUID id, @QueryParam("attribute") String attribute) {
        Campaign c = campaigns.find(id);
        List<PopulationAttribute> attributes;
        if (attribute == null) {
            attributes = Arrays.asList(PopulationAttribute.values());
        } else {
            attributes = List.of(PopulationAttribute.parse(attribute)
                    .orElseThrow(() -> ProblemException.invalidField(
                            "attribute", "one of " + Arrays.toString(PopulationAttribute.values()))));
        }
        Map<PopulationAttribute, Map<String, long[]>> all = counts(c, attributes);
        List<AttributeReport> out = new ArrayList<>();
        for (PopulationAttribute a : attributes) {
            Map<String, long[]> counts = all.get(a);
            long[] totals = new long[3];
            counts.values().forEach(n -> {
                for (int i = 0; i < 3; i++) {
                    totals[i] += n[i];
                }
            });
            List<Row> rows = new ArrayList<>();
            counts.forEach((v, n) -> rows.add(new Row(
                    v, n[0], share(n[0], totals[0]), n[1], share(n[1], totals[1]), n[2], share(n[2], totals[2]))));
            out.add(new AttributeReport(a.name(), rows));
        }
        return out;
    }

    /**
     * Per attribute and value: eligible tenants, active sign-ups, selected (or confirmed) sign-ups. Counted by
     * PostgreSQL in one pass over the population for all attributes (grouping sets), so half a million tenants cost
     * one scan and a few rows of heap, not a scan per attribute or half a million entities.
     */
    private Map<PopulationAttribute, Map<String, long[]>> counts(Campaign c, List<PopulationAttribute> attributes) {
        EligibilityRule.Condition eligible = EligibilityRule.sql(Campaigns.rules(c), "p", 2);
        StringBuilder values = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        for (int i = 0; i < attributes.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            // the column comes from the fixed attribute list, never from the caller's text
            values.append(sep)
                    .append("coalesce(p.")
                    .append(attributes.get(i).column())
                    .append(", 'unknown') AS v")
                    .append(i);
            names.append(sep).append("v").append(i);
            sets.append(sep).append("(v").append(i).append(')');
        }
        var query = em.createNativeQuery("SELECT " + names + ", count(*), 0, 0 FROM (SELECT " + values
                + " FROM population_member p WHERE " + eligible.sql() + ") e GROUP BY GROUPING SETS (" + sets + ")"
                + " UNION ALL SELECT " + names
                + ", 0, count(*), count(*) FILTER (WHERE outcome IN ('SELECTED', 'CONFIRMED'))"
                + " FROM (SELECT " + values
                + ", s.outcome FROM signup s LEFT JOIN population_member p ON p.tenant_ref = s.tenant_ref"
                + " WHERE s.campaign_id = ?1 AND s.status = 'ACTIVE') a GROUP BY GROUPING SETS (" + sets + ")");
        query.setParameter(1, c.id);
        for (int i = 0; i < eligible.parameters().size(); i++) {
            query.setParameter(i + 2, eligible.parameters().get(i));
        }
        Map<PopulationAttribute, Map<String, long[]>> counts = new java.util.EnumMap<>(PopulationAttribute.class);
        attributes.forEach(a -> counts.put(a, new TreeMap<>()));
        int n = attributes.size();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            // each grouping set leaves every value but its own null; real nulls are 'unknown'
            for (int i = 0; i < n; i++) {
                if (r[i] != null) {
                    long[] sums = counts.get(attributes.get(i)).computeIfAbsent((String) r[i], k -> new long[3]);
                    for (int j = 0; j < 3; j++) {
                        sums[j] += ((Number) r[n + j]).longValue();
                    }
                    break;
                }
            }
        }
        return counts;
    }

    private static double share(long n, long total) {
        return total == 0 ? 0 : Math.round(10000.0 * n / total) / 10000.0;
    }
}
