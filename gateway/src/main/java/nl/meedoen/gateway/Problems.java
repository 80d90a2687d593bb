package nl.meedoen.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details written by the gateway itself (upstream problems pass through untouched). */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://meedoen.nl/problems/";

    private Problems() {}

    /** {@code slug} becomes the stable type URI, e.g. {@code bad-gateway}. */
    public static Buffer body(
            int status, String slug, String title, String detail, String instance, String correlationId) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        return problem.toBuffer();
    }

    /** The 413 detail: names the limit that applied (the route's own, or the default). */
    public static String bodyLimitDetail(long limit) {
        String readable = limit % (1024 * 1024) == 0
                ? limit / (1024 * 1024) + " MiB"
                : limit % 1024 == 0 ? limit / 1024 + " KiB" : limit + " bytes";
        return "The request body is larger than this route's limit of " + readable + " (" + limit + " bytes).";
    }

    public static void send(RoutingContext rc, int status, String slug, String title, String detail) {
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(body(status, slug, title, detail, rc.request().path(), rc.get(CorrelationId.HEADER)));
    }
}
