package nl.meedoen.gateway.examples;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.meedoen.gateway.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * Serves {@code meedoen.gateway.examples-dir} at {@code /examples/} when it is set (local development
 * only): read-only files, no directory listings, no caching so an edited page shows at once. {@code /c}, where
 * letters send tenants to type their short code, then leads to the survey example.
 */
@ApplicationScoped
public class ExamplesRoute {

    private static final Logger LOG = Logger.getLogger(ExamplesRoute.class);

    @Inject
    GatewayConfig config;

    void register(@Observes Router router) {
        config.examplesDir().ifPresent(dir -> {
            Path root = Path.of(dir).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("meedoen.gateway.examples-dir " + root + " is not a folder");
            }
            router.get("/examples/*")
                    .handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                            .setCachingEnabled(false)
                            .setDirectoryListing(false)
                            .setIncludeHidden(false));
            // Letters say "go to <public base URL>/c and type the code": locally that is the survey page without a
            // token. Its parameters go along (/c?lang=ar asks for the code in Arabic).
            router.get("/c").handler(ctx -> {
                String query = ctx.request().query();
                ctx.redirect("/examples/surveyjs-frontend/" + (query == null || query.isEmpty() ? "" : "?" + query));
            });
            LOG.infof("serving %s at /examples/ (and /c)", root);
        });
    }
}
