package nl.meedoen.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details written by the gateway itself (upstream problems pass through untouched). */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://meedoen.nl/problems/";

    private Problems() {
    }

    /** {@code slug} becomes the stable type URI, e.g. {@code bad-gateway}. */
    public static Buffer body(int status, String slug, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .toBuffer();
    }

    public static void send(RoutingContext rc, int status, String slug, String title, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", rc.request().path());
        String correlationId = rc.get(CorrelationId.HEADER);
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(problem.toBuffer());
    }
}
