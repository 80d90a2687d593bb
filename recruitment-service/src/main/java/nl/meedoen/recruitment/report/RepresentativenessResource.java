package nl.meedoen.recruitment.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import nl.meedoen.population.PopulationMember;
import nl.meedoen.recruitment.campaign.Campaign;
import nl.meedoen.recruitment.campaign.Campaigns;
import nl.meedoen.recruitment.campaign.EligibilityRule;
import nl.meedoen.recruitment.signup.Signup;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    @GET
    @Path("/{id}/representativeness")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Representativeness per attribute: eligible population, active sign-ups, selected (incl. confirmed)")
    public List<AttributeReport> report(@PathParam("id") UUID id, @QueryParam("attribute") String attribute) {
        Campaign c = campaigns.find(id);
        List<PopulationAttribute> attributes;
        if (attribute == null) {
            attributes = Arrays.asList(PopulationAttribute.values());
        } else {
            attributes = List.of(PopulationAttribute.parse(attribute).orElseThrow(() -> ProblemException.invalidField("attribute",
                    "one of " + Arrays.toString(PopulationAttribute.values()))));
        }
        var rules = Campaigns.rules(c);
        List<PopulationMember> population = PopulationMember.<PopulationMember>listAll().stream()
                .filter(m -> EligibilityRule.eligible(rules, m)).toList();
        Map<String, PopulationMember> byRef = new HashMap<>();
        PopulationMember.<PopulationMember>listAll().forEach(m -> byRef.put(m.tenantRef, m));
        List<Signup> signups = Signup.active(c.id);
        List<PopulationMember> signed = signups.stream().map(s -> byRef.get(s.tenantRef)).toList();
        List<PopulationMember> selected = signups.stream()
                .filter(s -> "SELECTED".equals(s.outcome) || "CONFIRMED".equals(s.outcome))
                .map(s -> byRef.get(s.tenantRef)).toList();
        List<AttributeReport> out = new ArrayList<>();
        for (PopulationAttribute a : attributes) {
            Map<String, long[]> counts = new TreeMap<>();
            count(population, a, counts, 0);
            count(signed, a, counts, 1);
            count(selected, a, counts, 2);
            List<Row> rows = new ArrayList<>();
            counts.forEach((v, n) -> rows.add(new Row(v, n[0], share(n[0], population.size()), n[1], share(n[1], signed.size()),
                    n[2], share(n[2], selected.size()))));
            out.add(new AttributeReport(a.name(), rows));
        }
        return out;
    }

    private static void count(List<PopulationMember> members, PopulationAttribute a, Map<String, long[]> counts, int slot) {
        for (PopulationMember m : members) {
            String v = m == null ? null : EligibilityRule.valueOf(m, a);
            counts.computeIfAbsent(v == null ? "unknown" : v, k -> new long[3])[slot]++;
        }
    }

    private static double share(long n, long total) {
        return total == 0 ? 0 : Math.round(10000.0 * n / total) / 10000.0;
    }
}
