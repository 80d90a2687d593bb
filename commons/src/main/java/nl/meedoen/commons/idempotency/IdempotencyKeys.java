package nl.meedoen.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nl.meedoen.commons.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code Idempotency-Key} store. Same key and same body: the stored response is replayed. Same
 * key, different body: 422. Same key while the first request still runs: 409.
 *
 * <p>The action and the stored response commit in one transaction, so a crash leaves either both or
 * neither; a key left in flight by a crash expires after {@code meedoen.idempotency.in-flight-timeout}
 * and the request may then run again safely.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "meedoen.idempotency.in-flight-timeout", defaultValue = "PT1M")
    Duration inFlightTimeout;

    /**
     * @param scope   the operation and the caller, e.g. {@code "POST /messages by corporation-client"}: keys of different scopes never meet
     * @param key     the header value; null runs the action without idempotency
     * @param request the parsed request body (and any path values) that must match on a retry
     * @param action  the write; it runs in (and must join) a transaction this method opens
     */
    public Response execute(String scope, String key, Object request, Supplier<Response> action) {
        if (key == null) {
            return QuarkusTransaction.requiringNew().call(action::get);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "1 to 200 visible ASCII characters");
        }
        String hash = sha256(json(request));
        Response replay = QuarkusTransaction.requiringNew().call(() -> claim(scope, key, hash));
        if (replay != null) {
            return replay;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Response response = action.get();
                store(scope, key, response);
                return response;
            });
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "DELETE FROM idempotency_record WHERE scope = ?1 AND idempotency_key = ?2")
                            .setParameter(1, scope)
                            .setParameter(2, key)
                            .executeUpdate());
            throw e;
        }
    }

    /** Claims the key for this request, or returns the response a retry gets. */
    private Response claim(String scope, String key, String hash) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO idempotency_record (scope, idempotency_key, request_hash, state)
                        VALUES (?1, ?2, ?3, 'IN_FLIGHT') ON CONFLICT DO NOTHING""")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, hash)
                .executeUpdate();
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT request_hash, state, response_status, response_body, response_location, created_at
                        FROM idempotency_record WHERE scope = ?1 AND idempotency_key = ?2 FOR UPDATE""")
                .setParameter(1, scope)
                .setParameter(2, key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "this Idempotency-Key was used for a different request",
                    null);
        }
        if ("DONE".equals(row[1])) {
            Response.ResponseBuilder replay = Response.status((Integer) row[2])
                    .entity(row[3])
                    .type(MediaType.APPLICATION_JSON)
                    .header(REPLAYED_HEADER, "true");
            if (row[4] != null) {
                replay.header("Location", row[4]);
            }
            return replay.build();
        }
        OffsetDateTime started = nl.meedoen.commons.sql.SqlTimes.offset(row[5]);
        if (started.isAfter(OffsetDateTime.now().minus(inFlightTimeout))) {
            throw ProblemException.conflict(
                    "a request with this Idempotency-Key is still being processed; retry later");
        }
        em.createNativeQuery(
                        "UPDATE idempotency_record SET created_at = now() WHERE scope = ?1 AND idempotency_key = ?2")
                .setParameter(1, scope)
                .setParameter(2, key)
                .executeUpdate();
        return null; // abandoned by a crash: nothing was committed for it, so run it again
    }

    private void store(String scope, String key, Response response) {
        Object location = response.getHeaders().getFirst("Location");
        em.createNativeQuery("""
                        UPDATE idempotency_record SET state = 'DONE', response_status = ?3, response_body = ?4, response_location = ?5
                        WHERE scope = ?1 AND idempotency_key = ?2""")
                .setParameter(1, scope)
                .setParameter(2, key)
                .setParameter(3, response.getStatus())
                .setParameter(4, response.getEntity() == null ? null : json(response.getEntity()))
                .setParameter(5, location == null ? null : location.toString())
                .executeUpdate();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
