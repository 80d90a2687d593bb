package nl.meedoen.notification.delivery;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.meedoen.commons.paging.PageQuery;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.problem.Problem;
import nl.meedoen.commons.problem.ProblemException;
import nl.meedoen.commons.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Per-recipient status of every message")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid parameter")
@APIResponse(responseCode = "403", description = "Role may not read deliveries")
public class DeliveryResource {

    @Inject
    EntityManager em;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    /** A tenant organisation's own mail is not the corporation's to follow (ops may). */
    private boolean hidden(String purpose) {
        return !identity.hasRole(Roles.OPS) && RecipientPolicy.TENANT_ORGANISATION.equals(purpose);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "One delivery and its status")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "Unknown delivery")
    @Transactional
    public DeliveryView get(@PathParam("id") String id) {
        Delivery d = Delivery.findById(parse("id", id));
        if (d == null || hidden(d.purpose)) {
            throw ProblemException.notFound("delivery " + id);
        }
        return DeliveryView.of(d);
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    @Operation(summary = "List deliveries, filtered, a page at a time (by id)")
    @APIResponse(responseCode = "200", description = "A page of deliveries; follow `next` (or the Link header)")
    @Transactional
    public Response list(
            @QueryParam("tenantRef") String tenantRef,
            @Parameter(description = "deliveries of one mailing") @QueryParam("mailingId") String mailingId,
            @Parameter(
                            description =
                                    "deliveries of one source (<kind>:<id>): a campaign, consultation, panel or mailing",
                            example = "campaign:5f0c2c1e-8a4b-4c8e-9a51-2f1f6f1d2b3c")
                    @QueryParam("source")
                    String source,
            @QueryParam("requestId") String requestId,
            @Parameter(description = "QUEUED, SENT, SUPPRESSED, ...") @QueryParam("status") String status,
            @BeanParam PageQuery paging) {
        PageRequest page = paging.request();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (tenantRef != null) {
            where.add("tenantRef = :tenantRef");
            params.put("tenantRef", tenantRef);
        }
        if (mailingId != null) {
            where.add("mailingId = :mailingId");
            params.put("mailingId", parse("mailingId", mailingId));
        }
        if (source != null) {
            Problem.FieldError bad = Sources.check("source", source);
            if (bad != null) {
                throw ProblemException.invalidField(bad.field(), bad.message());
            }
            where.add("source = :source");
            params.put("source", source);
        }
        if (requestId != null) {
            where.add("requestId = :requestId");
            params.put("requestId", requestId);
        }
        if (status != null) {
            try {
                params.put("status", DeliveryStatus.valueOf(status).name());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(
                        "status", "one of " + java.util.Arrays.toString(DeliveryStatus.values()));
            }
            where.add("status = :status");
        }
        if (!identity.hasRole(Roles.OPS)) {
            where.add("purpose <> :own");
            params.put("own", RecipientPolicy.TENANT_ORGANISATION);
        }
        if (page.afterKey() != null) {
            where.add("id > :after");
            params.put("after", parse("after", page.afterKey()));
        }
        String query = where.isEmpty() ? "order by id" : String.join(" and ", where) + " order by id";
        List<Delivery> rows =
                Delivery.find(query, params).page(0, page.limit() + 1).list();
        return paging.respond(page.page(rows.stream().map(DeliveryView::of).toList(), d -> d.id().toString()));
    }

    static UUID parse(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "not a UUID");
        }
    }
}
