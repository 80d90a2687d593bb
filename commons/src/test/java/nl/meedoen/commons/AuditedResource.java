package nl.meedoen.commons;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import nl.meedoen.commons.audit.AuditLog;
import nl.meedoen.commons.audit.AuditResource;
import nl.meedoen.commons.security.Roles;

/** Commons' test application: a privileged action that is audited, and the audit log itself. */
public class AuditedResource {

    @Path("/test/audit")
    public static class Log extends AuditResource {}

    @Path("/test/exports")
    public static class Exports {

        @Inject
        AuditLog audit;

        @POST
        @Path("{id}")
        @RolesAllowed({Roles.CORPORATION, Roles.TENANT_ORGANISATION})
        @Transactional
        public Map<String, String> export(@PathParam("id") String id) {
            audit.record("note.exported", "note", id, Map.of("format", "csv"));
            if (id.startsWith("fail")) {
                throw new IllegalStateException("simulated failure after the audit entry");
            }
            return Map.of("exported", id);
        }
    }
}
