package nl.meedoen.gateway.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import nl.meedoen.gateway.GatewayConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The routing table: which service serves {@code /api/v1/<route>/...}, and that route's body limit and
 * timeout (its own, else the defaults). The one place a path is turned into a route.
 */
@ApplicationScoped
public class RouteTable {

    static final String PREFIX = "/api/v1/";

    @Inject
    GatewayConfig config;

    private final Map<String, Upstream> upstreams = new TreeMap<>();

    /** Where one service lives; {@code basePath} lets a service sit behind a path prefix. */
    public record Upstream(String name, String host, int port, boolean ssl, String basePath) {
        static Upstream parse(String name, String url) {
            URI uri = URI.create(url);
            boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new Upstream(name, uri.getHost(), port, ssl, path);
        }
    }

    /** {@code key} is the routing-table key that matched: {@code tenant-imports}, {@code audit/panel}. */
    public record Route(String key, Upstream upstream, long maxBodyBytes, Duration timeout) {}

    @PostConstruct
    void init() {
        config.services().forEach((name, url) -> upstreams.put(name, Upstream.parse(name, url)));
        // Fail at start-up rather than with a 502 or a silently ignored limit on the first request.
        config.routes().forEach((key, service) -> {
            if (!upstreams.containsKey(service)) {
                throw new IllegalStateException("meedoen.gateway.routes." + key + " names unknown service '" + service
                        + "'; known: " + upstreams.keySet());
            }
        });
        for (String key : config.bodyLimits().keySet()) {
            requireRoute("body-limits", key);
        }
        // Quarkus refuses a Content-Length over its own limit with an empty 413 before any route runs.
        long quarkusLimit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue)
                .orElse(Long.MAX_VALUE);
        long largest = config.bodyLimits().values().stream()
                .mapToLong(MemorySize::asLongValue)
                .reduce(config.maxBodySize().asLongValue(), Math::max);
        if (largest > quarkusLimit) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + quarkusLimit
                    + " bytes) is below the largest meedoen.gateway body limit (" + largest + " bytes); raise it");
        }
        for (String key : config.timeouts().keySet()) {
            requireRoute("timeouts", key);
        }
    }

    private void requireRoute(String setting, String key) {
        if (!config.routes().containsKey(key)) {
            throw new IllegalStateException("meedoen.gateway." + setting + ".\"" + key + "\" names no route; routes: "
                    + new TreeMap<>(config.routes()).keySet());
        }
    }

    /** The route serving {@code path} (a normalized path), or null. A two-segment key wins over a one-segment one. */
    public Route resolve(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] segments = path.substring(PREFIX.length()).split("/", 3);
        String key = segments.length > 1 ? segments[0] + "/" + segments[1] : null;
        if (key == null || !config.routes().containsKey(key)) {
            key = segments[0];
        }
        String service = config.routes().get(key);
        if (service == null) {
            return null;
        }
        MemorySize limit = config.bodyLimits().getOrDefault(key, config.maxBodySize());
        return new Route(
                key,
                upstreams.get(service),
                limit.asLongValue(),
                config.timeouts().getOrDefault(key, config.timeout()));
    }

    /** The body limit for {@code path}: its route's, or the default for paths no route serves. */
    public long maxBodyBytes(String path) {
        Route route = resolve(path);
        return route == null ? config.maxBodySize().asLongValue() : route.maxBodyBytes();
    }

    public Map<String, Upstream> upstreams() {
        return upstreams;
    }
}
