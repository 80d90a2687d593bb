package nl.meedoen.commons.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Right of access (AVG art. 15) for one service: every row of every table of the service's schema
 * with a {@code tenant_ref} column that names the tenant, table by table. Generic on purpose, so a
 * new table is included without anyone remembering to. The gateway assembles the services' answers
 * into one document at {@code GET /api/v1/data-subjects/{tenantRef}}. Each service exposes it at
 * {@code /api/v1/data-subjects/<service>} by extending this class with a {@code @Path}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DataSubjectResource {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    AuditLog audit;

    @GET
    @Path("{tenantRef}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @SecurityRequirement(
            name = "bearer",
            scopes = {Roles.CORPORATION, Roles.OPS}) // inherited: not derived from @RolesAllowed
    @Tag(name = "Data subjects", description = "Right of access: what this service holds about one tenant")
    @Operation(
            summary = "Everything this service holds about one tenant, table by table (right of access)",
            description =
                    "Rows of every table with a tenant_ref column; an empty object when the service holds nothing. Audited.")
    @APIResponse(responseCode = "200", description = "{table: [rows]}")
    @APIResponse(responseCode = "403", description = "Only corporation and ops")
    @Transactional
    public Map<String, List<JsonNode>> get(@PathParam("tenantRef") String tenantRef) {
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery(
                        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
                                + " AND column_name = 'tenant_ref' ORDER BY table_name")
                .getResultList();
        Map<String, List<JsonNode>> held = new LinkedHashMap<>();
        for (String table : tables) {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery("SELECT CAST(row_to_json(t) AS TEXT) FROM \""
                            + table.replace("\"", "\"\"") + "\" t WHERE tenant_ref = ?1")
                    .setParameter(1, tenantRef)
                    .getResultList();
            List<JsonNode> parsed = new ArrayList<>();
            for (Object row : rows) {
                parsed.add(parse(row.toString()));
            }
            if (!parsed.isEmpty()) {
                held.put(table, parsed);
            }
        }
        audit.record("data-subject.accessed", "tenant", tenantRef, Map.of("tables", List.copyOf(held.keySet())));
        return held;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL returned invalid JSON", e);
        }
    }
}
