package nl.meedoen.gateway;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.UUID;
import nl.meedoen.gateway.security.SecurityHeaders;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Problem details also for what the HTTP decoder refuses before any route runs: a request line over
 * {@code quarkus.http.limits.max-initial-line-length} (414), a header block over {@code max-header-size}
 * (431), a request it cannot parse at all (400). Vert.x answers these through the server's "invalid request
 * handler", whose default sends an empty body; Quarkus creates the server without a way to set it, so once
 * the server listens ({@link HttpServerStart}, fired asynchronously right after) this class puts its own handler
 * where Vert.x keeps it (each server instance's connection handler). Requests within those limits never come
 * here: {@link RequestErrors} answers them. The gateway reports ready only once that is done, so traffic that
 * waits for readiness never meets the empty answer.
 *
 * <p>Vert.x internals: if a Vert.x upgrade moves them, start-up logs a warning and the decoder's empty answers
 * come back; {@code RequestErrorsTest} and {@code GatewayIT.overLongRequestTargetsAndOverLargeHeadersGetProblems} fail then.
 */
@Readiness
@ApplicationScoped
public class DecoderErrors implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DecoderErrors.class);
    private static final String QUARKUS_VERTICLE =
            "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle";

    @Inject
    SecurityHeaders securityHeaders;

    private final Handler<HttpServerRequest> handler = this::answer;
    private volatile boolean settled;

    void install(@ObservesAsync HttpServerStart start, Vertx vertx) {
        install(vertx, 1);
    }

    /** Every Quarkus HTTP server instance; those still binding (the event may come with the first) are retried shortly. */
    private void install(Vertx vertx, int attempt) {
        int installed = 0;
        int pending = 0;
        try {
            VertxInternal internal = (VertxInternal) vertx;
            for (String id : internal.deploymentIDs()) {
                Deployment deployment = internal.getDeployment(id);
                if (deployment == null) {
                    continue;
                }
                for (Object verticle : deployment.getVerticles()) {
                    if (!verticle.getClass().getName().equals(QUARKUS_VERTICLE)) {
                        continue;
                    }
                    for (String name : new String[] {"httpServer", "httpsServer"}) {
                        HttpServer server = (HttpServer) read(verticle, verticle.getClass(), name);
                        if (server != null && replace(server)) {
                            installed++;
                        } else if (server != null || name.equals("httpServer")) {
                            pending++; // not created or not listening yet (there is an https server only with TLS)
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(
                    e,
                    "Could not install the problem answers for requests over the HTTP decoder's limits: they stay empty");
            settled = true;
            return;
        }
        // The event can come before Vert.x has registered the deployment: nothing found yet is a reason to look again.
        if ((pending > 0 || installed == 0) && attempt < 50) {
            vertx.setTimer(100, t -> install(vertx, attempt + 1));
            return;
        }
        if (installed == 0) {
            LOG.warn(
                    "No HTTP server found to install the problem answers for requests over the HTTP decoder's limits: they stay empty");
        } else {
            LOG.debugf(
                    "Problem answers for requests over the HTTP decoder's limits installed on %d server instance(s)",
                    installed);
        }
        settled = true;
    }

    /** Not ready until the handler is in place (or installing it has given up, with a warning): no request meets the empty answer. */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("decoder-errors").status(settled).build();
    }

    /** HttpServerImpl.childHandler (its HttpServerWorker) → connectionHandler → invalidRequestHandler. */
    private boolean replace(HttpServer server) throws ReflectiveOperationException {
        Object worker = read(server, Class.forName("io.vertx.core.net.impl.TCPServerBase"), "childHandler");
        if (worker == null) {
            return false; // not listening
        }
        Object connectionHandler = read(worker, worker.getClass(), "connectionHandler");
        Field invalid = connectionHandler.getClass().getDeclaredField("invalidRequestHandler");
        invalid.setAccessible(true);
        invalid.set(connectionHandler, handler);
        return true;
    }

    private static Object read(Object target, Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** What Vert.x's default does (status from the decoder's failure, then close: the stream is unreadable), with a problem body. */
    void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String slug;
        String title;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            slug = "uri-too-long";
            title = "URI Too Long";
            detail = "The request line is longer than the HTTP server accepts.";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            slug = "request-header-fields-too-large";
            title = "Request Header Fields Too Large";
            detail = "The request headers are larger than the HTTP server accepts.";
        } else {
            status = 400;
            slug = "bad-request";
            title = "Bad Request";
            detail = "The request could not be parsed as HTTP.";
        }
        // The headers may be cut off or absent (the line failed first): a caller's id only if it came through whole.
        String correlationId = status == 431 || status == 414
                ? UUID.randomUUID().toString()
                : CorrelationId.accept(request.headers().get(CorrelationId.HEADER));
        // No "instance": for a request line the decoder gave up on, Vert.x sees a placeholder path, not the caller's.
        JsonObject problem = new JsonObject()
                .put("type", "https://meedoen.nl/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("correlationId", correlationId);
        HttpServerResponse response = request.response();
        securityHeaders.apply(response.headers());
        response.setStatusCode(status)
                .putHeader("Content-Type", Problems.CONTENT_TYPE)
                .putHeader(CorrelationId.HEADER, correlationId)
                .putHeader("Connection", "close")
                .end(problem.toBuffer())
                .onComplete(done -> response.close());
    }
}
