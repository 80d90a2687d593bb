package nl.meedoen.population;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import nl.meedoen.population.PopulationViews.Counts;
import nl.meedoen.population.PopulationViews.Member;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The read API of a service's population model. Each consuming service exposes it under its own
 * resource path by extending this class with a {@code @Path}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class PopulationResource {

    // OpenAPI does not carry class-level annotations of this abstract class over to the subclasses'
    // operations, nor derive the roles from @RolesAllowed of an inherited method: security (with the
    // roles as scopes, as for every other operation) and error responses are declared on each method.

    @Inject
    EntityManager em;

    @GET
    @Path("counts")
    @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @Operation(summary = "Count the population per value of one profile attribute")
    @SecurityRequirement(
            name = "bearer",
            scopes = {Roles.CORPORATION, Roles.TENANT_ORGANISATION, Roles.OPS})
    @APIResponse(responseCode = "403", description = "Role may not read the population")
    @APIResponse(responseCode = "200", description = "Counts; tenants without a value are counted under \"unknown\"")
    @APIResponse(responseCode = "400", description = "Unknown attribute")
    public Counts counts(
            @Parameter(
                            description =
                                    "complexId, neighbourhoodCode, ageBand, householdType, dwellingType, tenancyBand or language",
                            example = "ageBand")
                    @QueryParam("attribute")
                    String attribute) {
        PopulationAttribute a = PopulationAttribute.parse(attribute)
                .orElseThrow(() -> ProblemException.invalidField(
                        "attribute", "one of " + java.util.Arrays.toString(PopulationAttribute.values())));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT coalesce(" + a.column
                        + ", 'unknown'), count(*) FROM population_member GROUP BY 1 ORDER BY 1")
                .getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (Object[] row : rows) {
            long n = ((Number) row[1]).longValue();
            counts.put((String) row[0], n);
            total += n;
        }
        return new Counts(attribute, total, counts);
    }

    @GET
    @Path("members/{tenantRef}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "The profile this service holds for one tenant (no contact data)")
    @SecurityRequirement(
            name = "bearer",
            scopes = {Roles.CORPORATION, Roles.OPS})
    @APIResponse(responseCode = "403", description = "Role may not read the population")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "404", description = "Not in the population (never seen, or erased)")
    public Member member(@PathParam("tenantRef") String tenantRef) {
        PopulationMember m = PopulationMember.findById(tenantRef);
        if (m == null) {
            throw ProblemException.notFound("tenant " + tenantRef);
        }
        return new Member(m.profile());
    }
}
