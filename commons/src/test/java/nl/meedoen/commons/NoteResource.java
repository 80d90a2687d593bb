package nl.meedoen.commons;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.outbox.Outbox;
import nl.meedoen.commons.paging.PageRequest;
import nl.meedoen.commons.security.Roles;

/** A tiny application used only by commons' tests: it exercises every shared mechanism end to end. */
@Path("/test/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    public static final String TOPIC = "commons.test.notes.v1";

    public record NoteRequest(
            @NotBlank @Size(max = 20) String text,
            @Min(0) @Max(10) Integer priority,
            @Valid Tag tag) {}

    public record Tag(@NotNull String name) {}

    public record Note(long id, String text) {}

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    IdempotencyKeys idempotency;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CORPORATION)
    public Response create(@HeaderParam(IdempotencyKeys.HEADER) String key, @NotNull @Valid NoteRequest request) {
        return idempotency.execute("POST /test/notes", key, request, () -> {
            Number id = (Number) em.createNativeQuery("INSERT INTO test_note (text) VALUES (?1) RETURNING id")
                    .setParameter(1, request.text())
                    .getSingleResult();
            if (request.text().equals("fail-after-write")) {
                throw new IllegalStateException("simulated failure after the write");
            }
            outbox.publish(
                    TOPIC,
                    "nl.meedoen.test.note-created.v1",
                    Long.toString(id.longValue()),
                    new Note(id.longValue(), request.text()));
            return Response.created(URI.create("/test/notes/" + id))
                    .entity(new Note(id.longValue(), request.text()))
                    .build();
        });
    }

    /** A second media type on the same path: RESTEasy then parses the Content-Type to choose the method. */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.CORPORATION)
    public Response createFromText(String text) {
        em.createNativeQuery("INSERT INTO test_note (text) VALUES (?1)")
                .setParameter(1, text)
                .executeUpdate();
        return Response.noContent().build();
    }

    /** A write that a unique constraint refuses the second time, as when two requests race past a check. */
    @POST
    @Path("/slugs/{slug}")
    @jakarta.transaction.Transactional
    @RolesAllowed(Roles.CORPORATION)
    public Response claimSlug(@jakarta.ws.rs.PathParam("slug") String slug) {
        em.createNativeQuery("INSERT INTO test_slug (slug) VALUES (?1)")
                .setParameter(1, slug)
                .executeUpdate();
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    public Response list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        PageRequest page = PageRequest.of(limit, after);
        long afterId = page.afterKey() == null ? 0 : Long.parseLong(page.afterKey());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, text FROM test_note WHERE id > ?1 ORDER BY id LIMIT ?2")
                .setParameter(1, afterId)
                .setParameter(2, page.limit() + 1)
                .getResultList();
        List<Note> notes = rows.stream()
                .map(r -> new Note(((Number) r[0]).longValue(), (String) r[1]))
                .toList();
        return page.page(notes, n -> Long.toString(n.id())).toResponse(uri);
    }

    /** A query parameter under bean validation: its violations are a 400, unlike a body's values (422). */
    @GET
    @Path("search")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    public List<Note> search(@QueryParam("text") @NotBlank @Size(max = 20) String text) {
        return List.of();
    }

    @GET
    @Path("count")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    public long count() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM test_note").getSingleResult()).longValue();
    }

    /** What Hibernate throws while PostgreSQL restarts: a connection refused (SQLSTATE 08001) underneath. */
    @GET
    @Path("database-down")
    @RolesAllowed({Roles.CORPORATION, Roles.OPS})
    public long databaseDown() {
        throw new jakarta.persistence.PersistenceException(
                "Unable to acquire JDBC Connection",
                new java.sql.SQLException("Connection to localhost:5432 refused", "08001"));
    }
}
