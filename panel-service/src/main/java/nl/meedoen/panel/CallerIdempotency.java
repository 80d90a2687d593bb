package nl.meedoen.panel;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import nl.meedoen.commons.idempotency.IdempotencyKeys;
import nl.meedoen.commons.security.Caller;

/**
 * {@link IdempotencyKeys} for the panel's creating POSTs, one key space per calling client: a retry with the same
 * Idempotency-Key gets the first answer, and two clients that happen to pick the same key never see each other's.
 */
@ApplicationScoped
public class CallerIdempotency {

    @Inject
    IdempotencyKeys keys;

    @Inject
    SecurityIdentity identity;

    /** @param operation the method and path, e.g. {@code POST /api/v1/panels}; the scope is it "by" the client */
    public Response execute(String operation, String key, Object request, Supplier<Response> action) {
        return keys.execute(operation + " by " + Caller.of(identity).client(), key, request, action);
    }
}
